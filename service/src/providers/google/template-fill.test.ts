import { readFileSync } from 'node:fs';
import type { docs_v1 } from '@googleapis/docs';
import { describe, expect, it } from 'vitest';
import { markdownRows, templateRequests } from './template-fill.js';

/** A real documents.get answer with a 3x3 table at index 574 (rows end at 602, 631, 660). */
const recorded = () =>
  JSON.parse(readFileSync(new URL('../../../../test/fixtures/google/docs-get-tabs-extrasuite-md-serde-golden.json', import.meta.url), 'utf8')) as docs_v1.Schema$Document;

const rows = '| Shadow a call | Ana | 2026-12-10 |\n| Write \\| send | Ben |  |';

describe('filling a template Doc', () => {
  it('reads the activityRows placeholder back into cells, escaped pipes included', () => {
    expect(markdownRows(rows)).toEqual([
      ['Shadow a call', 'Ana', '2026-12-10'],
      ['Write | send', 'Ben', ''],
    ]);
  });

  it('inserts one row per activity below the placeholder row, text last cell first, using the real index layout', () => {
    const doc = recorded();
    const table = doc.tabs![0]!.documentTab!.body!.content!.find((e) => e.table)!;
    table.table!.tableRows![2]!.tableCells![0]!.content![0]!.paragraph!.elements![0]!.textRun!.content = '{{activityRows}}\n';
    const requests = templateRequests(doc, { activityRows: rows, 'teamMember.name': 'Ana' });
    const tableStartLocation = { index: 574 };
    expect(requests).toEqual([
      { insertTableRow: { tableCellLocation: { tableStartLocation, rowIndex: 2 }, insertBelow: true } },
      { insertTableRow: { tableCellLocation: { tableStartLocation, rowIndex: 2 }, insertBelow: true } },
      // New rows start where the placeholder row ends (660) and take 1 + 2 per cell (7) each.
      { insertText: { location: { index: 671 }, text: 'Ben' } },
      { insertText: { location: { index: 669 }, text: 'Write | send' } },
      { insertText: { location: { index: 666 }, text: '2026-12-10' } },
      { insertText: { location: { index: 664 }, text: 'Ana' } },
      { insertText: { location: { index: 662 }, text: 'Shadow a call' } },
      { deleteTableRow: { tableCellLocation: { tableStartLocation, rowIndex: 2 } } },
      { replaceAllText: { containsText: { text: '{{activityRows}}', matchCase: true }, replaceText: '' } },
      { replaceAllText: { containsText: { text: '{{teamMember.name}}', matchCase: true }, replaceText: 'Ana' } },
    ]);
  });

  it('without a table to fill, replaces every placeholder as text', () => {
    expect(templateRequests(recorded(), { activityRows: rows })).toEqual([{ replaceAllText: { containsText: { text: '{{activityRows}}', matchCase: true }, replaceText: rows } }]);
  });
});
