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
  /** A paragraph of the body (not of a table cell): its node, which a newline splits in two. */
  paragraph?: Extract<DocNode, { kind: 'paragraph' }>;
}
interface TableSpan {
  start: number;
  node: Extract<DocNode, { kind: 'table' }>;
}

function layout(nodes: DocNode[]): { texts: TextSpan[]; tables: TableSpan[] } {
  const texts: TextSpan[] = [];
  const tables: TableSpan[] = [];
  let index = 1;
  const text = (get: () => string, set: (t: string) => void, paragraph?: Extract<DocNode, { kind: 'paragraph' }>) => {
    const length = get().length;
    texts.push({ start: index, end: index + length, get, set, ...(paragraph ? { paragraph } : {}) });
    index += length + 1;
  };
  for (const node of nodes) {
    if (node.kind === 'paragraph') {
      text(
        () => node.text,
        (t) => (node.text = t),
        node,
      );
      continue;
    }
    tables.push({ start: index, node });
    index += 1;
    for (const row of node.rows) {
      index += 1;
      for (let c = 0; c < row.length; c++) {
        index += 1;
        text(
          () => row[c] ?? '',
          (t) => (row[c] = t),
        );
      }
    }
    index += 1;
    if (node.textAfter) continue;
    // The paragraph Docs keeps after every table: text typed into it makes it a paragraph node of its own.
    const table = node;
    text(
      () => '',
      (t) => {
        const paragraph: Extract<DocNode, { kind: 'paragraph' }> = { kind: 'paragraph', text: t, style: 'NORMAL_TEXT' };
        nodes.splice(nodes.indexOf(table) + 1, 0, paragraph);
        table.textAfter = true;
        splitParagraph(nodes, paragraph);
      },
    );
  }
  return { texts, tables };
}

function tab(doc: FakeDocument, tabId: string | undefined) {
  const found = tabId ? doc.tabs.find((t) => t.tabId === tabId) : doc.tabs[0];
  if (!found) throw docsError(400, `Invalid tabId: ${tabId ?? ''}`);
  return found;
}

/**
 * "Inserting a newline character will implicitly create a new Paragraph at that index. The paragraph
 * style of the new paragraph will be copied from the paragraph at the current insertion index,
 * including lists and bullets" (InsertTextRequest, Docs v1 discovery document). In a table cell the
 * fake keeps the cell's paragraphs as lines of its text.
 */
export function insertText(doc: FakeDocument, location: { index?: number; tabId?: string }, text: string): void {
  const index = location.index ?? -1;
  const nodes = tab(doc, location.tabId).nodes;
  const span = layout(nodes).texts.find((s) => index >= s.start && index <= s.end);
  if (!span) throw docsError(400, `Invalid requests[0].insertText: Index ${index} must be inside the bounds of an existing paragraph.`);
  const current = span.get();
  const offset = index - span.start;
  span.set(current.slice(0, offset) + text + current.slice(offset));
  if (span.paragraph) splitParagraph(nodes, span.paragraph);
}

/** A body paragraph whose text now holds newlines becomes several, each with its style and bullet. */
function splitParagraph(nodes: DocNode[], paragraph: Extract<DocNode, { kind: 'paragraph' }>): void {
  if (!paragraph.text.includes('\n')) return;
  const [first = '', ...rest] = paragraph.text.split('\n');
  paragraph.text = first;
  const copies = rest.map((line): DocNode => ({ kind: 'paragraph', text: line, style: paragraph.style, ...(paragraph.list ? { list: { ...paragraph.list } } : {}) }));
  nodes.splice(nodes.indexOf(paragraph) + 1, 0, ...copies);
}

interface RangeInput {
  startIndex?: number;
  endIndex?: number;
  tabId?: string;
}

/** The body paragraphs a range overlaps; 400 for a range Docs would refuse (empty, reversed, past the end). */
function paragraphsIn(doc: FakeDocument, range: RangeInput, request: string) {
  const { startIndex, endIndex } = range;
  const texts = layout(tab(doc, range.tabId).nodes).texts;
  const bodyEnd = (texts.at(-1)?.end ?? 0) + 1;
  if (startIndex === undefined || endIndex === undefined || startIndex < 0 || endIndex <= startIndex || endIndex > bodyEnd) {
    throw docsError(400, `Invalid requests[0].${request}: The range should not be empty and must be within the bounds of the segment (1-${bodyEnd}).`);
  }
  return texts.filter((s) => s.start < endIndex && s.end + 1 > startIndex);
}

const PARAGRAPH_STYLES = new Set(['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6']);

/** updateParagraphStyle: "all paragraphs that overlap with the given range"; the fake keeps only `namedStyleType`. */
export function updateParagraphStyle(doc: FakeDocument, request: { range?: RangeInput; paragraphStyle?: { namedStyleType?: string }; fields?: string }): void {
  const fields = (request.fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0) throw docsError(400, "Invalid requests[0].updateParagraphStyle: At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  if (fields.some((f) => f !== 'namedStyleType' && f !== '*'))
    throw docsError(400, `Invalid requests[0].updateParagraphStyle: the fake implements only the field namedStyleType, not ${fields.join(',')}`);
  const style = request.paragraphStyle?.namedStyleType ?? 'NORMAL_TEXT';
  if (!PARAGRAPH_STYLES.has(style)) throw docsError(400, `Invalid value at 'requests[0].update_paragraph_style.paragraph_style.named_style_type' (TYPE_ENUM), "${style}"`);
  for (const span of paragraphsIn(doc, request.range ?? {}, 'updateParagraphStyle')) if (span.paragraph) span.paragraph.style = style as typeof span.paragraph.style;
}

/** deleteParagraphBullets: the paragraphs the range overlaps are no longer list items. */
export function deleteParagraphBullets(doc: FakeDocument, request: { range?: RangeInput }): void {
  for (const span of paragraphsIn(doc, request.range ?? {}, 'deleteParagraphBullets')) if (span.paragraph) delete span.paragraph.list;
}

/** deleteContentRange within one paragraph (its closing newline stays); the fake refuses a range across paragraphs. */
export function deleteContentRange(doc: FakeDocument, request: { range?: RangeInput }): void {
  const range = request.range ?? {};
  const spans = paragraphsIn(doc, range, 'deleteContentRange');
  const span = spans[0];
  if (!span || spans.length > 1 || (range.endIndex ?? 0) > span.end) {
    throw docsError(400, 'Invalid requests[0].deleteContentRange: the fake deletes only within one paragraph, before its newline.');
  }
  const text = span.get();
  span.set(text.slice(0, (range.startIndex ?? 0) - span.start) + text.slice((range.endIndex ?? 0) - span.start));
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
  table.rows.splice(
    below ? row + 1 : row,
    0,
    Array.from({ length: columns }, () => ''),
  );
}

export function deleteTableRow(doc: FakeDocument, location: { tableStartLocation?: { index?: number; tabId?: string }; rowIndex?: number }): void {
  const { table, row } = findTable(doc, location);
  if (table.rows.length === 1) throw docsError(400, 'Invalid deleteTableRow: a table must keep at least one row; delete the table instead.');
  table.rows.splice(row, 1);
}
