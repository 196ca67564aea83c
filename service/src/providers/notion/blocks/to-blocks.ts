import type { BlockObjectRequest } from '@notionhq/client';
import type { DocumentBlock, DocumentModel } from '../../../domain/document-model.js';

/**
 * Notion's request limits (https://developers.notion.com/reference/request-limits): 2000
 * characters a text object, 100 elements an array (children, rich text, table rows), two levels of
 * nesting a request, 1000 block elements a payload. The converter stays inside them so a plan of
 * any length is written as a sequence of appends.
 */
/** The SDK does not export its rich-text request type; take it from a paragraph. */
export type RichTextItemRequest = Extract<BlockObjectRequest, { type?: 'paragraph' }> extends { paragraph: { rich_text: (infer R)[] } } ? R : never;

export const NOTION_LIMITS = { textLength: 2000, arrayLength: 100, blocksPerRequest: 1000 } as const;

/**
 * Text as rich-text objects of at most 2000 characters (never an empty array element). Notion
 * counts UTF-16 code units (an emoji is 2), so parts are measured so, never splitting a character.
 */
export function toRichText(text: string): RichTextItemRequest[] {
  const parts: RichTextItemRequest[] = [];
  let current = '';
  for (const char of text) {
    if (current.length + char.length > NOTION_LIMITS.textLength) {
      parts.push({ type: 'text', text: { content: current } });
      current = '';
    }
    current += char;
  }
  if (current) parts.push({ type: 'text', text: { content: current } });
  return parts;
}

/** A long text as several rich-text arrays of at most 100 objects each (one block each). */
function richTextChunks(text: string): RichTextItemRequest[][] {
  const all = toRichText(text);
  if (all.length === 0) return [[]];
  const chunks: RichTextItemRequest[][] = [];
  for (let i = 0; i < all.length; i += NOTION_LIMITS.arrayLength) chunks.push(all.slice(i, i + NOTION_LIMITS.arrayLength));
  return chunks;
}

type ListItemBlock = Extract<DocumentBlock, { type: 'list_item' }>;

function listItem(block: ListItemBlock, rich_text: RichTextItemRequest[]): BlockObjectRequest {
  if (block.checked !== undefined) return { type: 'to_do', to_do: { rich_text, checked: block.checked } };
  if (block.ordered) return { type: 'numbered_list_item', numbered_list_item: { rich_text } };
  return { type: 'bulleted_list_item', bulleted_list_item: { rich_text } };
}

function table(rows: string[][]): BlockObjectRequest {
  const width = Math.max(1, ...rows.map((r) => r.length));
  if (rows.length > NOTION_LIMITS.arrayLength) {
    throw new Error(`a table of ${rows.length} rows does not fit one Notion request (at most ${NOTION_LIMITS.arrayLength})`);
  }
  const children = rows.map((row) => ({
    type: 'table_row' as const,
    table_row: { cells: Array.from({ length: width }, (_, i) => toRichText(row[i] ?? '').slice(0, NOTION_LIMITS.arrayLength)) },
  }));
  return { type: 'table', table: { table_width: width, has_column_header: true, has_row_header: false, children } };
}

/**
 * The document as top-level Notion blocks, each with its children (table rows, nested list items)
 * so that every element is written in one piece. A leading heading that repeats the page title is
 * dropped (Notion shows the title already). Lists nest one level (deeper items join that level).
 */
export function toNotionBlocks(document: DocumentModel, pageTitle?: string): BlockObjectRequest[] {
  const blocks: BlockObjectRequest[] = [];
  let lastTopListItem: BlockObjectRequest | undefined;
  document.blocks.forEach((block, index) => {
    if (index === 0 && block.type === 'heading' && block.text.trim() === pageTitle?.trim()) return;
    if (block.type === 'list_item' && (block.depth ?? 0) > 0 && lastTopListItem) {
      const content = Object.values(lastTopListItem).find((v): v is { children?: BlockObjectRequest[] } => typeof v === 'object');
      if (content && (content.children?.length ?? 0) < NOTION_LIMITS.arrayLength) {
        content.children ??= [];
        const children = content.children;
        for (const rich_text of richTextChunks(block.text)) children.push(listItem(block, rich_text));
        return;
      }
    }
    lastTopListItem = undefined;
    switch (block.type) {
      case 'heading': {
        const rich_text = toRichText(block.text).slice(0, NOTION_LIMITS.arrayLength);
        if (block.level <= 1) blocks.push({ type: 'heading_1', heading_1: { rich_text } });
        else if (block.level === 2) blocks.push({ type: 'heading_2', heading_2: { rich_text } });
        else blocks.push({ type: 'heading_3', heading_3: { rich_text } });
        break;
      }
      case 'paragraph':
        for (const rich_text of richTextChunks(block.text)) blocks.push({ type: 'paragraph', paragraph: { rich_text } });
        break;
      case 'list_item':
        for (const rich_text of richTextChunks(block.text)) {
          lastTopListItem = listItem(block, rich_text);
          blocks.push(lastTopListItem);
        }
        break;
      case 'table':
        blocks.push(table(block.rows));
        break;
    }
  });
  return blocks;
}

/** Block elements a top-level block costs in a request (itself and its children). */
function weight(block: BlockObjectRequest): number {
  const content = Object.values(block).find((v): v is { children?: unknown[] } => typeof v === 'object' && v !== null);
  return 1 + (content?.children?.length ?? 0);
}

/** Split top-level blocks into requests of at most 100 children and 1000 block elements. */
export function toBatches(blocks: BlockObjectRequest[]): BlockObjectRequest[][] {
  const batches: BlockObjectRequest[][] = [];
  let current: BlockObjectRequest[] = [];
  let elements = 0;
  for (const block of blocks) {
    const w = weight(block);
    if (current.length === NOTION_LIMITS.arrayLength || elements + w > NOTION_LIMITS.blocksPerRequest) {
      batches.push(current);
      current = [];
      elements = 0;
    }
    current.push(block);
    elements += w;
  }
  if (current.length) batches.push(current);
  return batches;
}
