import type { DocNode, FakeDocument } from './docs-model.js';
import { docsError } from './errors.js';

/**
 * Index-based edits of the first tab, laid out exactly as `renderDocument` numbers it: the body starts
 * at 1, a paragraph takes its text plus a newline, a table takes 1, each row 1, each cell 1 plus its
 * paragraphs, and the table's end 1 (https://developers.google.com/workspace/docs/api/concepts/structure).
 */
interface TextSpan {
  start: number;
  /** Index of the last newline (exclusive end of insertable positions is `end`). */
  end: number;
  get(): string;
  set(text: string): void;
}
interface TableSpan {
  start: number;
  node: Extract<DocNode, { kind: 'table' }>;
}

function layout(nodes: DocNode[]): { texts: TextSpan[]; tables: TableSpan[] } {
  const texts: TextSpan[] = [];
  const tables: TableSpan[] = [];
  let index = 1;
  const text = (get: () => string, set: (t: string) => void) => {
    const length = get().length;
    texts.push({ start: index, end: index + length, get, set });
    index += length + 1;
  };
  for (const node of nodes) {
    if (node.kind === 'paragraph') {
      text(() => node.text, (t) => (node.text = t));
      continue;
    }
    tables.push({ start: index, node });
    index += 1;
    for (const row of node.rows) {
      index += 1;
      for (let c = 0; c < row.length; c++) {
        index += 1;
        text(() => row[c] ?? '', (t) => (row[c] = t));
      }
    }
    index += 1;
    index += 1; // the paragraph Docs keeps after every table
  }
  return { texts, tables };
}

function tab(doc: FakeDocument, tabId: string | undefined) {
  const found = tabId ? doc.tabs.find((t) => t.tabId === tabId) : doc.tabs[0];
  if (!found) throw docsError(400, `Invalid tabId: ${tabId ?? ''}`);
  return found;
}

export function insertText(doc: FakeDocument, location: { index?: number; tabId?: string }, text: string): void {
  const index = location.index ?? -1;
  const span = layout(tab(doc, location.tabId).nodes).texts.find((s) => index >= s.start && index <= s.end);
  if (!span) throw docsError(400, `Invalid requests[0].insertText: Index ${index} must be inside the bounds of an existing paragraph.`);
  const current = span.get();
  const offset = index - span.start;
  span.set(current.slice(0, offset) + text + current.slice(offset));
}

function findTable(doc: FakeDocument, location: { tableStartLocation?: { index?: number; tabId?: string }; rowIndex?: number }) {
  const start = location.tableStartLocation?.index;
  const table = layout(tab(doc, location.tableStartLocation?.tabId).nodes).tables.find((t) => t.start === start);
  if (!table) throw docsError(400, `Invalid tableStartLocation: no table starts at index ${start ?? ''}.`);
  const row = location.rowIndex ?? 0;
  if (row < 0 || row >= table.node.rows.length) throw docsError(400, `Invalid rowIndex ${row}: the table has ${table.node.rows.length} rows.`);
  return { table: table.node, row };
}

export function insertTableRow(doc: FakeDocument, location: { tableStartLocation?: { index?: number; tabId?: string }; rowIndex?: number }, below: boolean): void {
  const { table, row } = findTable(doc, location);
  const columns = table.rows[row]?.length ?? 0;
  table.rows.splice(below ? row + 1 : row, 0, Array.from({ length: columns }, () => ''));
}

export function deleteTableRow(doc: FakeDocument, location: { tableStartLocation?: { index?: number; tabId?: string }; rowIndex?: number }): void {
  const { table, row } = findTable(doc, location);
  if (table.rows.length === 1) throw docsError(400, 'Invalid deleteTableRow: a table must keep at least one row; delete the table instead.');
  table.rows.splice(row, 1);
}
