import { readFileSync } from 'node:fs';
import type { docs_v1 } from '@googleapis/docs';
import { describe, expect, it } from 'vitest';
import { googleDocToModel } from './read.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/google/${name}`, import.meta.url), 'utf8')) as docs_v1.Schema$Document;

describe('googleDocToModel on recorded documents', () => {
  it('reads headings, paragraphs, lists and a table from a document with tabs (no top-level body)', () => {
    const doc = fixture('docs-get-tabs-extrasuite-md-serde-golden.json');
    expect(doc.body).toBeUndefined();
    const model = googleDocToModel(doc);
    expect(model.title).toBe('MD Serde Golden');
    expect(model.blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Introduction' });
    expect(model.blocks).toContainEqual({ type: 'heading', level: 3, text: 'A Sub-Sub Section' });
    expect(model.blocks).toContainEqual({ type: 'list_item', text: 'First bullet item' });
    expect(model.blocks).toContainEqual({ type: 'list_item', text: 'First numbered item', ordered: true });
    expect(model.blocks).toContainEqual({
      type: 'table',
      rows: [
        ['Name', 'Value', 'Description'],
        ['Alpha', '100', 'The first item'],
        ['Beta', '200', 'The second item'],
      ],
    });
  });

  it('reads every tab of a three-tab document, in order', () => {
    const model = googleDocToModel(fixture('docs-get-tabs-extrasuite-three-tabs.json'));
    const tables = model.blocks.filter((block) => block.type === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables[0]?.rows[0]).toEqual(['Original Title', 'New Specialized Title', 'Elevator Pitch']);
    expect(tables[0]?.rows).toHaveLength(24);
  });

  it('reads the legacy single-body shape: heading levels, TITLE, soft line breaks', () => {
    const model = googleDocToModel(fixture('docs-get-gatsby-texts.json'));
    expect(model.blocks.slice(0, 6).map((b) => (b.type === 'heading' ? b.level : 0))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(model.blocks).toContainEqual({ type: 'paragraph', text: 'vertical\nindent' });
  });

  it('reads nested lists with their depth and numbering', () => {
    const model = googleDocToModel(fixture('docs-get-gatsby-lists.json'));
    expect(model.blocks[0]).toEqual({ type: 'list_item', text: 'List item 1' });
    expect(model.blocks[1]).toEqual({ type: 'list_item', text: 'Sublist item 1', ordered: true, depth: 1 });
    expect(model.blocks).toContainEqual({ type: 'list_item', text: 'Sub sub list item 1', depth: 2 });
  });

  it('reads a person chip as the name it shows, or its email when it shows the email', () => {
    const cell = (elements: docs_v1.Schema$ParagraphElement[]) => ({ content: [{ paragraph: { elements } }] });
    const doc: docs_v1.Schema$Document = {
      body: {
        content: [
          {
            table: {
              tableRows: [
                { tableCells: [cell([{ textRun: { content: 'By\n' } }])] },
                { tableCells: [cell([{ person: { personProperties: { name: 'Ana Lima', email: 'ana@acme.test' } } }, { textRun: { content: '\n' } }])] },
                { tableCells: [cell([{ person: { personProperties: { email: 'ben@acme.test' } } }, { textRun: { content: '\n' } }])] },
              ],
            },
          },
        ],
      },
    };
    expect(googleDocToModel(doc).blocks).toEqual([{ type: 'table', rows: [['By'], ['Ana Lima'], ['ben@acme.test']] }]);
  });

  it('reads a table as rows of cell text', () => {
    const model = googleDocToModel(fixture('docs-get-gatsby-tables.json'));
    expect(model.blocks).toEqual([
      {
        type: 'table',
        rows: [
          ['Col 1', 'Col 2', 'Col 3'],
          ['Col 1 line 1', 'Col 2 line 1', 'Col 3 line 1'],
          ['Col 1 line 2', 'Col 2 line 2', 'Col 3 line 2'],
        ],
      },
    ]);
  });

  it('reads a huge document only up to the limit, with a warning instead of a stall', () => {
    const doc = fixture('docs-get-gatsby-texts.json');
    const element = doc.body!.content!.find((e) => e.paragraph?.elements?.[0]?.textRun)!;
    const entry = (i: number): docs_v1.Schema$StructuralElement => ({
      paragraph: { ...element.paragraph, elements: [{ textRun: { content: `2026-12-03: entry ${i} ${'x'.repeat(90)}\n` } }] },
    });
    doc.body!.content = Array.from({ length: 10_000 }, (_, i) => entry(i));
    const model = googleDocToModel(doc);
    expect(model.blocks.length).toBeLessThan(2_100);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings?.[0]).toMatch(/^The document is longer than 200,000 characters: it was read up to "2026-12-03: entry \d+ x/);
  });
});
