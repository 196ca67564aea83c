import type { BlockObjectResponse, RichTextItemResponse } from '@notionhq/client';
import { limitDocument } from '../../../domain/document-limit.js';
import type { DocumentBlock, DocumentModel } from '../../../domain/document-model.js';

/** A block with the children the reader fetched for it (tables: their rows). */
export interface BlockNode {
  block: BlockObjectResponse;
  children: BlockNode[];
}

/**
 * Rich text as plain text. A date mention becomes its start date as YYYY-MM-DD (its `plain_text`
 * depends on the reader's settings, e.g. "2022-04-24 → "), so the parser sees a date it can read.
 */
export function plainText(items: RichTextItemResponse[]): string {
  return items.map((item) => (item.type === 'mention' && item.mention.type === 'date' ? item.mention.date.start.slice(0, 10) : item.plain_text)).join('');
}

/** Blocks whose own text is worth keeping as a paragraph before their children. */
function containerText(block: BlockObjectResponse): string | undefined {
  switch (block.type) {
    case 'toggle':
      return plainText(block.toggle.rich_text);
    case 'callout':
      return plainText(block.callout.rich_text);
    case 'quote':
      return plainText(block.quote.rich_text);
    default:
      return undefined;
  }
}

function convert(nodes: BlockNode[], depth: number, out: DocumentBlock[]): void {
  for (const { block, children } of nodes) {
    switch (block.type) {
      case 'heading_1':
      case 'heading_2':
      case 'heading_3': {
        const level = Number(block.type.slice(-1));
        const rich = block.type === 'heading_1' ? block.heading_1 : block.type === 'heading_2' ? block.heading_2 : block.heading_3;
        out.push({ type: 'heading', level, text: plainText(rich.rich_text) });
        convert(children, depth, out);
        break;
      }
      case 'paragraph': {
        const text = plainText(block.paragraph.rich_text);
        if (text.trim()) out.push({ type: 'paragraph', text });
        convert(children, depth, out);
        break;
      }
      case 'bulleted_list_item':
        out.push({ type: 'list_item', text: plainText(block.bulleted_list_item.rich_text), ...(depth ? { depth } : {}) });
        convert(children, depth + 1, out);
        break;
      case 'numbered_list_item':
        out.push({ type: 'list_item', text: plainText(block.numbered_list_item.rich_text), ordered: true, ...(depth ? { depth } : {}) });
        convert(children, depth + 1, out);
        break;
      case 'to_do':
        out.push({ type: 'list_item', text: plainText(block.to_do.rich_text), checked: block.to_do.checked, ...(depth ? { depth } : {}) });
        convert(children, depth + 1, out);
        break;
      case 'table':
        out.push({
          type: 'table',
          rows: children.flatMap(({ block: row }) => (row.type === 'table_row' ? [row.table_row.cells.map((cell) => plainText(cell).trim())] : [])),
        });
        break;
      default: {
        const text = containerText(block);
        if (text?.trim()) out.push({ type: 'paragraph', text });
        // Columns, synced blocks, toggles and callouts hold ordinary content: read through them.
        convert(children, depth, out);
      }
    }
  }
}

/** Notion blocks (with their fetched children) as the neutral document model; a huge page is cut with a warning. */
export function fromNotionBlocks(nodes: BlockNode[], title?: string): DocumentModel {
  const blocks: DocumentBlock[] = [];
  convert(nodes, 0, blocks);
  return limitDocument(title === undefined ? { blocks } : { title, blocks });
}
