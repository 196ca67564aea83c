import { APIErrorCode, isFullBlock, isNotionClientError, type Client } from '@notionhq/client';
import type { DocumentModel } from '../../domain/document-model.js';
import type { DocRef } from '../types.js';
import { step } from './api/errors.js';
import { fromNotionBlocks, plainText, type BlockNode } from './blocks/from-blocks.js';
import { getPage, titleOf, type NotionContext } from './context.js';

/**
 * The plan's page in the neutral model: its properties (from this cycle's query when fresh) for the
 * title and the trash, then its block tree. Blocks it could not read come back as warnings.
 */
export async function readPlanPage(ctx: NotionContext, ref: DocRef): Promise<DocumentModel> {
  const page = await getPage(ctx, ref.docId);
  const warnings: string[] = [];
  const nodes = await step('blocks.children.list', () => readBlockTree(ctx.client, ref.docId, warnings), { missingIsDocument: true });
  const model = fromNotionBlocks(nodes, titleOf(page));
  return warnings.length > 0 ? { ...model, warnings } : model;
}

/**
 * Blocks whose children are not this document's text: other pages, and meeting notes (their
 * summary and transcript are not plan entries; `meeting_notes` since 2026-03-11, `transcription`
 * before, https://developers.notion.com/docs/upgrade-guide-2026-03-11).
 */
const SEPARATE_PAGES = new Set(['child_page', 'child_database', 'meeting_notes', 'transcription']);

/** Nesting deeper than this is not plan content we read (and would cost a request a level). */
const MAX_DEPTH = 4;

/** One level of children, every page of it (100 a request). */
async function listChildren(client: Client, blockId: string): Promise<BlockNode[]> {
  const nodes: BlockNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.blocks.children.list({ block_id: blockId, page_size: 100, start_cursor: cursor });
    for (const block of page.results) if (isFullBlock(block)) nodes.push({ block, children: [] });
    cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
  } while (cursor);
  return nodes;
}

/**
 * A page's content as a tree: children paginated, and one more call for every block that has
 * children (a table's rows always come from a second call). A block whose children the integration
 * cannot see (a synced block from a page not shared with it answers 404) is skipped with a warning,
 * so the rest of the plan is still read.
 */
export async function readBlockTree(client: Client, pageId: string, warnings: string[], depth = 0): Promise<BlockNode[]> {
  const nodes = await listChildren(client, pageId);
  if (depth >= MAX_DEPTH) return nodes;
  for (const node of nodes) {
    if (!node.block.has_children || SEPARATE_PAGES.has(node.block.type)) continue;
    try {
      node.children = await readBlockTree(client, node.block.id, warnings, depth + 1);
    } catch (error) {
      if (!isNotionClientError(error) || error.code !== APIErrorCode.ObjectNotFound) throw error;
      warnings.push(`A ${node.block.type.replace(/_/g, ' ')} block${describe(node)} could not be read (the integration cannot see what is inside it); its content was skipped.`);
    }
  }
  return nodes;
}

function describe(node: BlockNode): string {
  const content = (node.block as unknown as Record<string, { rich_text?: Parameters<typeof plainText>[0] }>)[node.block.type];
  const text = content?.rich_text ? plainText(content.rich_text).slice(0, 60) : '';
  return text ? ` ("${text}")` : '';
}

/** How many top-level blocks a page has (to find where an interrupted create stopped). */
export async function countChildren(client: Client, pageId: string): Promise<number> {
  return (await listChildren(client, pageId)).length;
}
