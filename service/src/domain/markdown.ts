import type { DocumentBlock, DocumentModel } from './document-model.js';
import { inlineToText } from './markdown-inline.js';

export { inlineToText };

/**
 * Markdown as people type it in a plain editor, to and from the neutral document model.
 *
 * Read: ATX headings (`#`..`######`; a first `# Title` is just a level-1 heading), paragraphs
 * (consecutive lines join with a space), bullet / numbered / checklist items (indentation -> depth),
 * pipe tables (outer pipes optional, the `---` row under the header dropped, `\|` kept as `|`, short
 * rows padded with ''), CRLF, trailing whitespace. Inline markup (`**bold**`, `_em_`, `` `code` ``,
 * `[text](url)`) is reduced to its text. Thematic breaks (`---`) are dropped.
 *
 * Write: the same constructs, escaping only where the plain text would read back differently, so
 * `markdownToDocument(documentToMarkdown(doc))` equals `doc` for a model in canonical form: no
 * `title`, single-line trimmed texts, `depth` omitted for 0 and never jumping more than one level,
 * `ordered` omitted unless true, rectangular tables with at least one row.
 */

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const CHECKBOX = /^\[([ xX])\](?:[ \t]+(.*))?$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SEPARATOR_CELL = /^:?-+:?$/;

export function markdownToDocument(markdown: string): DocumentModel {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  const blocks: DocumentBlock[] = [];
  /** Indents of the open list levels, outermost first. */
  let listIndents: number[] = [];
  /** The block that the next plain line continues (a paragraph or a list item), if any. */
  let open: { text: string; target: { text: string } } | null = null;

  const flush = (): void => {
    if (open) open.target.text = inlineToText(open.text);
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      listIndents = [];
      blocks.push({ type: 'heading', level: heading[1]!.length, text: inlineToText(heading[2] ?? '') });
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      listIndents = [];
      continue;
    }
    if (isTableStart(line, lines[i + 1])) {
      flush();
      listIndents = [];
      const rawRows: string[] = [];
      while (i < lines.length && isTableRow(lines[i] ?? '')) rawRows.push(lines[i++] ?? '');
      i--;
      blocks.push({ type: 'table', rows: tableRows(rawRows) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const indent = indentWidth(item[1] ?? '');
      while (listIndents.length > 0 && (listIndents[listIndents.length - 1] ?? 0) > indent) listIndents.pop();
      if (listIndents.length === 0 || (listIndents[listIndents.length - 1] ?? 0) < indent) listIndents.push(indent);
      const block: Extract<DocumentBlock, { type: 'list_item' }> = { type: 'list_item', text: '' };
      const marker = item[2] ?? '-';
      if (/\d/.test(marker)) block.ordered = true;
      let text = item[3] ?? '';
      const box = CHECKBOX.exec(text);
      if (box) {
        block.checked = box[1] !== ' ';
        text = box[2] ?? '';
      }
      if (listIndents.length > 1) block.depth = listIndents.length - 1;
      blocks.push(block);
      open = { text, target: block };
      continue;
    }
    if (open) {
      open.text += ` ${line.trim()}`;
      continue;
    }
    listIndents = [];
    const paragraph = { type: 'paragraph' as const, text: '' };
    blocks.push(paragraph);
    open = { text: line.trim(), target: paragraph };
  }
  flush();
  return { blocks };
}

function indentWidth(whitespace: string): number {
  return whitespace.replace(/\t/g, '    ').length;
}

/** Splits a table line on unescaped pipes; `\|` stays in the cell for inlineToText to unescape. */
function splitCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && body[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function hasUnescapedPipe(line: string): boolean {
  return /(^|[^\\])\|/.test(line);
}

function isSeparatorRow(line: string): boolean {
  if (!hasUnescapedPipe(line)) return false;
  const cells = splitCells(line);
  return cells.every((cell) => SEPARATOR_CELL.test(cell));
}

function isTableStart(line: string, next: string | undefined): boolean {
  if (line.trimStart().startsWith('|')) return true;
  return hasUnescapedPipe(line) && next !== undefined && isSeparatorRow(next);
}

function isTableRow(line: string): boolean {
  if (line.trim() === '' || HEADING.test(line)) return false;
  return line.trimStart().startsWith('|') || (hasUnescapedPipe(line) && !LIST_ITEM.test(line));
}

function tableRows(rawRows: string[]): string[][] {
  const rows = rawRows
    .filter((raw, index) => !(index === 1 && isSeparatorRow(raw)))
    .map((raw) => splitCells(raw).map(inlineToText));
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
}

export function documentToMarkdown(doc: DocumentModel): string {
  const parts: string[] = [];
  let orderedCount: number[] = [];
  let previous: DocumentBlock | undefined;
  if (doc.title !== undefined) {
    const first = doc.blocks[0];
    if (!(first?.type === 'heading' && first.level === 1 && first.text === doc.title)) {
      parts.push(`# ${escapeText(doc.title, 'heading')}`, '\n\n');
    }
  }
  for (const block of doc.blocks) {
    if (block.type === 'list_item') {
      const depth = block.depth ?? 0;
      if (previous?.type !== 'list_item') orderedCount = [];
      orderedCount = orderedCount.slice(0, depth + 1);
      const number = (orderedCount[depth] ?? 0) + 1;
      orderedCount[depth] = block.ordered ? number : 0;
      const marker = block.ordered ? `${number}.` : '-';
      const box = block.checked === undefined ? '' : block.checked ? '[x] ' : '[ ] ';
      if (previous) parts.push(previous.type === 'list_item' ? '\n' : '\n\n');
      parts.push(`${'    '.repeat(depth)}${marker} ${box}${escapeText(block.text, box ? 'inline' : 'list')}`.trimEnd());
    } else {
      if (previous) parts.push('\n\n');
      parts.push(blockToMarkdown(block));
    }
    previous = block;
  }
  return parts.length > 0 ? `${parts.join('')}\n` : '';
}

function blockToMarkdown(block: Exclude<DocumentBlock, { type: 'list_item' }>): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(Math.max(block.level, 1), 6))} ${escapeText(block.text, 'heading')}`.trimEnd();
    case 'paragraph':
      return escapeText(block.text, 'paragraph');
    case 'table': {
      const [header = [], ...body] = block.rows;
      const row = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
      return [row(header), row(header.map(() => '---')), ...body.map(row)].join('\n');
    }
  }
}

const INLINE_SPECIAL = /[\\`*_[\]<>~|#]/g;

/** Backslash-escapes everything the reader could take for markup; used only when needed. */
function escapeAll(text: string): string {
  return text.replace(INLINE_SPECIAL, '\\$&');
}

type TextContext = 'heading' | 'paragraph' | 'list' | 'inline';

/** The text as written if it reads back unchanged, else escaped so that it does. */
function escapeText(text: string, context: TextContext): string {
  if (readsBack(text, context, text)) return text;
  let escaped = escapeAll(text);
  if (context === 'paragraph' || context === 'list') {
    escaped = escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  }
  return escaped;
}

function readsBack(written: string, context: TextContext, expected: string): boolean {
  const markdown = context === 'heading' ? `# ${written}` : context === 'paragraph' ? written : `- ${written}`;
  const [block, ...rest] = markdownToDocument(markdown).blocks;
  if (rest.length > 0 || !block) return false;
  if (context === 'list') return block.type === 'list_item' && block.checked === undefined && block.text === expected;
  if (context === 'paragraph') return block.type === 'paragraph' && block.text === expected;
  return 'text' in block && block.text === expected;
}

function escapeCell(text: string): string {
  const plain = text.replace(/\|/g, '\\|');
  const [cell] = splitCells(`| ${plain} |`);
  return inlineToText(cell ?? '') === text ? plain : escapeAll(text);
}
