import { isFullBlock, type Client } from '@notionhq/client';
import type { BlockNode } from './from-blocks.js';

/** Blocks whose children are other pages, not this document's content. */
const SEPARATE_PAGES = new Set(['child_page', 'child_database']);

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
 * children (a table's rows always come from a second call).
 */
export async function readBlockTree(client: Client, pageId: string, depth = 0): Promise<BlockNode[]> {
  const nodes = await listChildren(client, pageId);
  if (depth >= MAX_DEPTH) return nodes;
  for (const node of nodes) {
    if (node.block.has_children && !SEPARATE_PAGES.has(node.block.type)) {
      node.children = await readBlockTree(client, node.block.id, depth + 1);
    }
  }
  return nodes;
}

/** How many top-level blocks a page has (to find where an interrupted create stopped). */
export async function countChildren(client: Client, pageId: string): Promise<number> {
  return (await listChildren(client, pageId)).length;
}
