import type { DocumentBlock, DocumentModel } from './document-model.js';
import { inlineToText, type WorkMeter } from './markdown-inline.js';
import { isThematicBreak, readCheckbox, readHeading, readListItem } from './markdown-lines.js';
import { isTableRow, isTableStart, tableRows } from './markdown-table.js';

/**
 * Markdown as people type it, read into the neutral document model: ATX headings (`#`..`######`; a first `# Title` is just a level-1 heading), paragraphs
 * (consecutive lines join with a space), bullet / numbered / checklist items (indentation -> depth),
 * pipe tables (outer pipes optional, the `---` row under the header dropped, `\|` kept as `|`, short
 * rows padded with ''), CRLF, trailing whitespace. Inline markup (`**bold**`, `_em_`, `` `code` ``,
 * `[text](url)`) is reduced to its text. Thematic breaks (`---`) are dropped.
 *
 * Reading is linear in the length of the text, whatever the text (see `readMarkdown`).
 */
export function markdownToDocument(markdown: string): DocumentModel {
  return readMarkdown(markdown).document;
}

/**
 * `markdownToDocument` with the number of steps it took: every character examined counts, so the
 * count is a deterministic measure of the reader's work. Tests hold it to a fixed number of steps per
 * character on hostile input, and the benchmark prints it; a 60 KB document once took 11.7 s here.
 */
export function readMarkdown(markdown: string): { document: DocumentModel; steps: number } {
  const meter: WorkMeter = { steps: markdown.length };
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
  const blocks: DocumentBlock[] = [];
  /** Indents of the open list levels, outermost first. */
  let listIndents: number[] = [];
  /** The block that the next plain line continues (a paragraph or a list item), if any. */
  let open: { text: string; target: { text: string } } | null = null;

  const flush = (): void => {
    if (open) open.target.text = inlineToText(open.text, meter);
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    meter.steps++;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = readHeading(line, meter);
    if (heading) {
      flush();
      listIndents = [];
      blocks.push({ type: 'heading', level: heading.level, text: inlineToText(heading.text, meter) });
      continue;
    }
    if (isThematicBreak(line, meter)) {
      flush();
      listIndents = [];
      continue;
    }
    // A list item with a pipe above `- |` looks like a table start but is no table row: without the
    // second check the loop below read no row and came back to the same line forever.
    if (isTableStart(line, lines[i + 1], meter) && isTableRow(line, meter)) {
      flush();
      listIndents = [];
      const rawRows: string[] = [];
      while (i < lines.length && isTableRow(lines[i] ?? '', meter)) rawRows.push(lines[i++] ?? '');
      i--;
      blocks.push({ type: 'table', rows: tableRows(rawRows, meter) });
      continue;
    }
    const item = readListItem(line, meter);
    if (item) {
      flush();
      const indent = indentWidth(item.indent);
      while (listIndents.length > 0 && (listIndents[listIndents.length - 1] ?? 0) > indent) listIndents.pop();
      if (listIndents.length === 0 || (listIndents[listIndents.length - 1] ?? 0) < indent) listIndents.push(indent);
      meter.steps += item.indent.length;
      const block: Extract<DocumentBlock, { type: 'list_item' }> = { type: 'list_item', text: '' };
      if (item.ordered) block.ordered = true;
      let text = item.text;
      const box = readCheckbox(text, meter);
      if (box) {
        block.checked = box.checked;
        text = box.text;
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
  return { document: { blocks }, steps: meter.steps };
}

function indentWidth(whitespace: string): number {
  return whitespace.replace(/\t/g, '    ').length;
}
