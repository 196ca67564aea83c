import type { BlockObjectResponse, RichTextItemResponse, UpdateBlockParameters } from '@notionhq/client';
import type { DocumentModel } from '../../domain/document-model.js';
import { ProviderError } from '../types.js';
import type { NotionContext } from './context.js';
import { step } from './api/errors.js';
import { plainText, type BlockNode } from './blocks/from-blocks.js';
import { readBlockTree } from './read.js';
import { toRichText, type RichTextItemRequest } from './blocks/to-blocks.js';

/**
 * Plans from a Notion database template (https://developers.notion.com/docs/creating-pages-from-templates):
 * the page is created blank and Notion applies the template in the background, so we wait for
 * content, then replace the `{{placeholders}}` in it. A table row holding `{{activityRows}}` becomes
 * one row per activity, a block holding only `{{activityList}}` one to-do per activity. Both steps can run again after a crash: filled placeholders are gone, and
 * activity rows already added are recognised.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const ACTIVITY_ROWS = /\{\{\s*activityRows\s*\}\}/;
/** A block holding only `{{activityList}}` becomes one to-do per activity. */
const ACTIVITY_LIST = /^\s*\{\{\s*activityList\s*\}\}\s*$/;

export async function waitForTemplate(ctx: NotionContext, pageId: string, maxWaitMs = 60_000): Promise<void> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const first = await step('blocks.children.list', () => ctx.client.blocks.children.list({ block_id: pageId, page_size: 1 }));
    if (first.results.length > 0) return;
    if (waited >= maxWaitMs) {
      throw new ProviderError(`[notion] template: still not applied to page ${pageId} after ${Math.round(waited / 1000)} s; the create will carry on when retried`, {
        retryable: true,
      });
    }
    const delay = Math.min(1000 * 2 ** attempt, 8000);
    await ctx.clock.sleep(delay);
    waited += delay;
  }
}

/** Response rich text back to request form, with placeholders replaced in its text. */
function replaced(items: RichTextItemResponse[], values: Record<string, string>): RichTextItemRequest[] {
  return items.flatMap((item): RichTextItemRequest[] => {
    if (item.type === 'text') {
      const content = item.text.content.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
      return toRichText(content).map((part) => ({ ...part, annotations: item.annotations }));
    }
    if (item.type === 'mention' && item.mention.type === 'date') return [{ type: 'mention', mention: { date: item.mention.date }, annotations: item.annotations }];
    if (item.type === 'mention' && item.mention.type === 'user') return [{ type: 'mention', mention: { user: { id: item.mention.user.id } }, annotations: item.annotations }];
    if (item.type === 'mention' && item.mention.type === 'page') return [{ type: 'mention', mention: { page: { id: item.mention.page.id } }, annotations: item.annotations }];
    return toRichText(item.plain_text);
  });
}

const hasPlaceholder = (items: RichTextItemResponse[]) => items.some((i) => i.type === 'text' && /\{\{\s*[A-Za-z.]+\s*\}\}/.test(i.text.content));

/** The rich text of a block that has one (paragraphs, headings, list items, to-dos, quotes, callouts, toggles). */
function richTextOf(block: BlockObjectResponse): RichTextItemResponse[] | undefined {
  const content = (block as unknown as Record<string, { rich_text?: RichTextItemResponse[] }>)[block.type];
  return Array.isArray(content?.rich_text) ? content.rich_text : undefined;
}

/** Rows of the Activities table of the rendered plan (header excluded). */
function activityRows(document: DocumentModel): string[][] {
  const table = document.blocks.find((b) => b.type === 'table' && /activit/i.test(b.rows[0]?.[0] ?? ''));
  return table?.type === 'table' ? table.rows.slice(1) : [];
}

export async function fillPlaceholders(ctx: NotionContext, pageId: string, values: Record<string, string>, document: DocumentModel): Promise<void> {
  const update = (body: UpdateBlockParameters) => step('blocks.update', () => ctx.client.blocks.update(body));

  async function visit(nodes: BlockNode[]): Promise<void> {
    for (const [index, { block, children }] of nodes.entries()) {
      if (block.type === 'table_row') {
        const cells = block.table_row.cells;
        if (cells.some((cell) => ACTIVITY_ROWS.test(plainText(cell)))) {
          await fillActivityRows(block, nodes.slice(index + 1), cells.length);
        } else if (cells.some(hasPlaceholder)) {
          await update({ block_id: block.id, table_row: { cells: cells.map((cell) => replaced(cell, values)) } });
        }
        continue;
      }
      const rich = richTextOf(block);
      if (rich && ACTIVITY_LIST.test(plainText(rich))) {
        await fillActivityList(block, nodes.slice(index + 1));
        continue;
      }
      if (rich && hasPlaceholder(rich)) await update({ block_id: block.id, [block.type]: { rich_text: replaced(rich, values) } } as UpdateBlockParameters);
      await visit(children);
    }
  }

  async function fillActivityRows(row: BlockObjectResponse, following: BlockNode[], width: number): Promise<void> {
    const rows = activityRows(document).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    const asCells = (r: string[]) => r.map((text) => toRichText(text));
    const rest = rows.slice(1);
    // Appended before the placeholder row is overwritten: a restart finds them and does not add them twice.
    const already =
      following.length >= rest.length &&
      following.slice(0, rest.length).every((node, i) => node.block.type === 'table_row' && node.block.table_row.cells.map(plainText).join('|') === rest[i]!.join('|'));
    if (rest.length && !already && row.parent.type === 'block_id') {
      const tableId = row.parent.block_id;
      await step('blocks.children.append', () =>
        ctx.client.blocks.children.append({
          block_id: tableId,
          children: rest.map((r) => ({ type: 'table_row' as const, table_row: { cells: asCells(r) } })),
          position: { type: 'after_block', after_block: { id: row.id } },
        }),
      );
    }
    await update({ block_id: row.id, table_row: { cells: asCells(rows[0] ?? Array.from({ length: width }, () => '')) } });
  }

  async function fillActivityList(block: BlockObjectResponse, following: BlockNode[]): Promise<void> {
    // The same lines the Markdown template gets ("- [ ] title (owner, due 2026-12-10)"), as to-dos.
    const items = (values.activityList ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*-\s*\[[ xX]?\]\s*/, '').trim())
      .filter(Boolean);
    const already =
      following.length >= items.length && following.slice(0, items.length).every((n, i) => n.block.type === 'to_do' && plainText(n.block.to_do.rich_text) === items[i]);
    const parentId = block.parent.type === 'block_id' ? block.parent.block_id : pageId;
    if (items.length && !already) {
      await step('blocks.children.append', () =>
        ctx.client.blocks.children.append({
          block_id: parentId,
          children: items.map((item) => ({ type: 'to_do' as const, to_do: { rich_text: toRichText(item), checked: false } })),
          position: { type: 'after_block', after_block: { id: block.id } },
        }),
      );
    }
    await step('blocks.delete', () => ctx.client.blocks.delete({ block_id: block.id }));
  }

  await visit(await step('blocks.children.list', () => readBlockTree(ctx.client, pageId, [])));
}
