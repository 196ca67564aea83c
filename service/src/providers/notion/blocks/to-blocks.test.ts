import { describe, expect, it } from 'vitest';
import { NOTION_LIMITS, toBatches, toNotionBlocks, toRichText } from './to-blocks.js';

describe('toNotionBlocks', () => {
  it('splits text into rich-text objects of at most 2000 characters', () => {
    const parts = toRichText('é'.repeat(4500));
    expect(parts.map((p) => ('text' in p ? p.text.content.length : 0))).toEqual([2000, 2000, 500]);
  });

  it('measures the 2000 as Notion does, in UTF-16 units (an emoji counts 2), without splitting one', () => {
    const text = `a${'😀'.repeat(2500)}`;
    const parts = toRichText(text).map((p) => ('text' in p ? p.text.content : ''));
    expect(parts.every((c) => c.length <= 2000)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts.every((c) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(c))).toBe(true);
  });

  it('maps the neutral model: headings, to-dos, numbered items, tables with a header row', () => {
    const blocks = toNotionBlocks(
      {
        blocks: [
          { type: 'heading', level: 1, text: 'Plan for Ana' },
          { type: 'heading', level: 2, text: 'Activities' },
          { type: 'list_item', text: 'Read the guide', checked: true },
          { type: 'list_item', text: 'Nested', depth: 1 },
          { type: 'list_item', text: 'First', ordered: true },
          { type: 'table', rows: [['Date', 'Update', 'By']] },
        ],
      },
      'Plan for Ana',
    );
    expect(blocks.map((b) => b.type)).toEqual(['heading_2', 'to_do', 'numbered_list_item', 'table']);
    expect(blocks[1]).toMatchObject({ to_do: { checked: true, children: [{ type: 'bulleted_list_item' }] } });
    expect(blocks[3]).toMatchObject({ table: { table_width: 3, has_column_header: true, children: [{ table_row: { cells: [[{ text: { content: 'Date' } }], [{}], [{}]] } }] } });
  });

  it('a paragraph too long for one block becomes several', () => {
    const blocks = toNotionBlocks({ blocks: [{ type: 'paragraph', text: 'a'.repeat(2000 * 100 + 1) }] });
    expect(blocks).toHaveLength(2);
  });

  it('batches at most 100 top-level blocks and 1000 block elements a request', () => {
    const many = toNotionBlocks({ blocks: Array.from({ length: 250 }, (_, i) => ({ type: 'paragraph' as const, text: `p${i}` })) });
    expect(toBatches(many).map((b) => b.length)).toEqual([100, 100, 50]);
    const tables = toNotionBlocks({ blocks: Array.from({ length: 30 }, () => ({ type: 'table' as const, rows: Array.from({ length: 40 }, () => ['a']) })) });
    for (const batch of toBatches(tables)) {
      const elements = batch.reduce((n, b) => n + 1 + ('table' in b ? b.table.children.length : 0), 0);
      expect(elements).toBeLessThanOrEqual(NOTION_LIMITS.blocksPerRequest);
    }
  });
});
