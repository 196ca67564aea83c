import type { DocumentBlock, DocumentModel } from './document-model.js';

/**
 * The most text read from a Google Doc or Notion page: about three times the largest local document
 * a save accepts (60,000 characters). Reading is linear, but a document of megabytes would still hold
 * a poll cycle for seconds and fill the plan with warnings; past this the rest is left out, and the
 * plan says so, instead of the service stalling.
 */
export const MAX_REMOTE_DOCUMENT_CHARS = 200_000;

function textLength(block: DocumentBlock): number {
  if (block.type !== 'table') return block.text.length;
  let length = 0;
  for (const row of block.rows) for (const cell of row) length += cell.length + 1;
  return length;
}

/**
 * The document's first `maxChars` characters of text, in whole blocks (a table keeps the rows that
 * fit, its header always), with a warning naming what was left out. A shorter document is returned
 * as it is.
 */
export function limitDocument(doc: DocumentModel, maxChars = MAX_REMOTE_DOCUMENT_CHARS): DocumentModel {
  let used = 0;
  for (let index = 0; index < doc.blocks.length; index++) {
    const block = doc.blocks[index]!;
    const length = textLength(block);
    if (used + length <= maxChars) {
      used += length;
      continue;
    }
    const kept = doc.blocks.slice(0, index);
    let cut = block.type === 'table' ? '' : block.text;
    if (block.type === 'table') {
      const rows = rowsWithin(block.rows, maxChars - used);
      kept.push({ type: 'table', rows });
      cut = block.rows[rows.length]?.join(' ') ?? '';
    }
    const where = cut.trim() === '' ? '' : ` up to "${excerpt(cut)}"`;
    const warning =
      `The document is longer than ${maxChars.toLocaleString('en-US')} characters: it was read${where}, ` +
      'and the rest was left out. Move old progress entries to another document.';
    return { ...doc, blocks: kept, warnings: [...(doc.warnings ?? []), warning] };
  }
  return doc;
}

function rowsWithin(rows: string[][], budget: number): string[][] {
  const kept: string[][] = [];
  let used = 0;
  for (const row of rows) {
    used += row.reduce((sum, cell) => sum + cell.length + 1, 0);
    if (kept.length > 0 && used > budget) break;
    kept.push(row);
  }
  return kept;
}

/** A few words to find the place by. */
function excerpt(text: string): string {
  const words = text.slice(0, 200).replace(/\s+/g, ' ').trim();
  return words.length > 60 ? `${words.slice(0, 60)}…` : words;
}
