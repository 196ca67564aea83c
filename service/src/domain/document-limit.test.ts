import { describe, expect, it } from 'vitest';
import { limitDocument, MAX_REMOTE_DOCUMENT_CHARS } from './document-limit.js';
import type { DocumentModel } from './document-model.js';
import { parsePlanDocument } from './parse-plan.js';

const paragraph = (text: string) => ({ type: 'paragraph' as const, text });

describe('limitDocument', () => {
  it('returns a document within the limit as it is', () => {
    const doc: DocumentModel = { title: 'Plan', blocks: [paragraph('a'.repeat(100)), { type: 'table', rows: [['Date', 'Update']] }] };
    expect(limitDocument(doc, 1000)).toBe(doc);
  });

  it('cuts a long document at the block that crosses the limit, with a warning naming where', () => {
    const doc: DocumentModel = { blocks: [paragraph('first'), paragraph('second one'), paragraph('third')], warnings: ['earlier'] };
    expect(limitDocument(doc, 12)).toStrictEqual({
      blocks: [paragraph('first')],
      warnings: ['earlier', 'The document is longer than 12 characters: it was read up to "second one", and the rest was left out. Move old progress entries to another document.'],
    });
  });

  it('keeps the header and the rows that fit of a table that crosses the limit', () => {
    const rows = [['Date', 'Update'], ...Array.from({ length: 100 }, (_, i) => ['2026-12-03', `entry ${i}`])];
    const limited = limitDocument(
      {
        blocks: [
          { type: 'heading', level: 2, text: 'Progress log' },
          { type: 'table', rows },
        ],
      },
      200,
    );
    const table = limited.blocks[1];
    expect(table?.type === 'table' && table.rows.slice(0, 2)).toStrictEqual(rows.slice(0, 2));
    expect(table?.type === 'table' && table.rows.length).toBeLessThan(20);
    expect(limited.warnings?.[0]).toContain('read up to "2026-12-03 entry');
  });

  it('bounds a document of millions of characters, and the plan shows the warning', () => {
    const huge: DocumentModel = {
      blocks: [{ type: 'heading', level: 2, text: 'Progress log' }, ...Array.from({ length: 20_000 }, (_, i) => paragraph(`note ${i} ${'x'.repeat(100)}`))],
    };
    const limited = limitDocument(huge);
    const text = limited.blocks.reduce((sum, block) => sum + (block.type === 'table' ? 0 : block.text.length), 0);
    expect(text).toBeLessThanOrEqual(MAX_REMOTE_DOCUMENT_CHARS);
    const parsed = parsePlanDocument(limited, { dateOrder: 'DMY', planStartDate: '2026-12-01' });
    expect(parsed.warnings[0]).toMatch(/^The document is longer than 200,000 characters/);
  });
});
