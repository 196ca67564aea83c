import { FakeApiError } from './errors.js';

/**
 * Notion's documented request limits (https://developers.notion.com/reference/request-limits):
 * 2000 characters a text or a URL, 100 elements an array, two levels of children a request, 1000
 * block elements and 500 KB a payload. Messages follow the live API's ("body failed validation: body.children.length
 * should be ≤ `100`, instead was `101`.").
 */
export const LIMITS = { text: 2000, array: 100, depth: 2, blocks: 1000, payloadBytes: 500 * 1000 } as const;

export const SUPPORTED_BLOCKS = new Set([
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'divider',
  'table',
  'table_row',
]);

const fail = (message: string) => FakeApiError.validation(`body failed validation: ${message}`);

function checkArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw fail(`${path} should be an array, instead was \`${JSON.stringify(value)}\`.`);
  if (value.length > LIMITS.array) throw fail(`${path}.length should be ≤ \`${LIMITS.array}\`, instead was \`${value.length}\`.`);
  return value;
}

export function checkRichText(value: unknown, path: string): void {
  checkArray(value, path).forEach((item, i) => {
    const content = (item as { text?: { content?: unknown } }).text?.content;
    if (typeof content === 'string' && content.length > LIMITS.text) {
      throw fail(`${path}[${i}].text.content.length should be ≤ \`${LIMITS.text}\`, instead was \`${content.length}\`.`);
    }
  });
}

/** Check a children array; returns how many block elements it holds. */
export function checkChildren(children: unknown, path: string, level = 1): number {
  let count = 0;
  checkArray(children, path).forEach((child, i) => {
    const here = `${path}[${i}]`;
    const block = child as Record<string, unknown>;
    const type = (block.type as string | undefined) ?? Object.keys(block).find((k) => SUPPORTED_BLOCKS.has(k));
    if (!type || !SUPPORTED_BLOCKS.has(type) || typeof block[type] !== 'object' || block[type] === null) {
      throw fail(`${here} should be a block of a type the fake supports (${[...SUPPORTED_BLOCKS].join(', ')}).`);
    }
    const content = block[type] as Record<string, unknown>;
    if ('rich_text' in content) checkRichText(content.rich_text, `${here}.${type}.rich_text`);
    if (type === 'table_row') {
      for (const [c, cell] of checkArray(content.cells, `${here}.table_row.cells`).entries()) checkRichText(cell, `${here}.table_row.cells[${c}]`);
    }
    if (type === 'table') {
      const width = content.table_width;
      if (typeof width !== 'number' || width < 1) throw fail(`${here}.table.table_width should be a number ≥ 1.`);
      if (!Array.isArray(content.children) || content.children.length === 0) throw fail(`${here}.table.children should be defined, instead was \`undefined\`.`);
      content.children.forEach((row, r) => {
        const cells = (row as { table_row?: { cells?: unknown[] } }).table_row?.cells;
        if (!Array.isArray(cells) || cells.length !== width) {
          throw fail(`${here}.table.children[${r}].table_row.cells.length should be \`${width}\` (table_width), instead was \`${cells?.length}\`.`);
        }
      });
    }
    count += 1;
    if (content.children !== undefined) {
      if (level >= LIMITS.depth) throw fail(`${here}.${type}.children should be not present, instead was \`[...]\` (at most ${LIMITS.depth} levels of nesting in one request).`);
      count += checkChildren(content.children, `${here}.${type}.children`, level + 1);
    }
  });
  if (level === 1 && count > LIMITS.blocks) throw fail(`${path} holds ${count} block elements; a request may hold at most ${LIMITS.blocks}.`);
  return count;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Ids in paths and bodies are UUIDs with or without dashes; stored dashed and lower-case. */
export function normalizeId(value: string, path: string): string {
  if (!UUID.test(value)) throw FakeApiError.validation(`${path.split('.')[0]} failed validation: ${path} should be a valid uuid, instead was \`"${value}"\`.`);
  const hex = value.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function checkPageSize(value: unknown, path: string): number {
  if (value === undefined || value === null) return LIMITS.array;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.array) {
    throw FakeApiError.validation(`${path.split('.')[0]} failed validation: ${path} should be ≤ \`${LIMITS.array}\`, instead was \`${String(value)}\`.`);
  }
  return n;
}
