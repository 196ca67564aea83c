import type { BlockObjectResponse } from '@notionhq/client';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromNotionBlocks, plainText, type BlockNode } from './from-blocks.js';

const fixture = <T>(name: string) => JSON.parse(readFileSync(new URL(`../../../../../test/fixtures/notion/${name}`, import.meta.url), 'utf8')) as T;
type List = { results: BlockObjectResponse[] };

describe('fromNotionBlocks on recorded Notion responses', () => {
  const page = fixture<List>('blocks-children-list.hkob-test-page.json');
  const rows = fixture<List>('blocks-children-list.hkob-table-rows.json');
  // The reader fetches a table's rows with a second call; here the recorded second call.
  const nodes: BlockNode[] = page.results.map((block) => ({ block, children: block.type === 'table' ? rows.results.map((row) => ({ block: row, children: [] })) : [] }));
  const doc = fromNotionBlocks(nodes);

  it('reads headings, paragraphs, lists and to-dos', () => {
    expect(doc.blocks).toContainEqual({ type: 'heading', level: 1, text: 'Heading 1' });
    expect(doc.blocks).toContainEqual({ type: 'heading', level: 3, text: 'Heading 3' });
    expect(doc.blocks).toContainEqual({ type: 'paragraph', text: 'Text' });
    expect(doc.blocks).toContainEqual({ type: 'list_item', text: 'Bulleted list' });
    expect(doc.blocks).toContainEqual({ type: 'list_item', text: 'Numbered list', ordered: true });
    expect(doc.blocks).toContainEqual({ type: 'list_item', text: '', checked: false });
  });

  it('reads a table from its rows', () => {
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table).toBeDefined();
    expect(table?.type === 'table' && table.rows[0]).toEqual(['Title', 'Contents']);
    expect(table?.type === 'table' && table.rows).toHaveLength(3);
  });

  it('turns a date mention into its start date, whatever the plain text says', () => {
    const inline = doc.blocks.find((b) => b.type === 'paragraph' && b.text.startsWith('Inline contents'));
    expect(inline?.type === 'paragraph' && inline.text).toContain(', 2022-04-24, ');
    const mention = fixture<BlockObjectResponse>('blocks-retrieve.notion-sdk-py-date-mention.json');
    expect(mention.type === 'paragraph' && plainText(mention.paragraph.rich_text)).toBe('2022-12-16');
  });

  it('keeps the checked state of a to-do', () => {
    const todo = fixture<BlockObjectResponse>('blocks-update.hkob-to_do-checked.json');
    expect(fromNotionBlocks([{ block: todo, children: [] }]).blocks).toEqual([{ type: 'list_item', text: 'new To Do', checked: true }]);
  });

  it('reads nested list items one level deeper', () => {
    const todo = fixture<BlockObjectResponse>('blocks-update.hkob-to_do-checked.json');
    const doc = fromNotionBlocks([{ block: todo, children: [{ block: todo, children: [] }] }]);
    expect(doc.blocks[1]).toEqual({ type: 'list_item', text: 'new To Do', checked: true, depth: 1 });
  });

  it('reads a huge page only up to the limit, with a warning instead of a stall', () => {
    const todo = fixture<BlockObjectResponse>('blocks-update.hkob-to_do-checked.json');
    if (todo.type !== 'to_do') throw new Error('the fixture is a to-do');
    const item = (i: number): BlockNode => {
      const text = `entry ${i} ${'x'.repeat(90)}`;
      return { block: { ...todo, to_do: { ...todo.to_do, rich_text: [{ ...todo.to_do.rich_text[0]!, plain_text: text }] } }, children: [] };
    };
    const doc = fromNotionBlocks(Array.from({ length: 10_000 }, (_, i) => item(i)));
    expect(doc.blocks.length).toBeLessThan(2_100);
    expect(doc.warnings?.[0]).toMatch(/^The document is longer than 200,000 characters: it was read up to "entry \d+ x/);
  });
});
