import type { DocumentBlock, DocumentModel } from './document-model.js';
import { inlineToText } from './markdown-inline.js';
import { markdownToDocument, splitCells } from './markdown-read.js';

/**
 * The document model written as Markdown, escaping only where the plain text would read back
 * differently, so `markdownToDocument(documentToMarkdown(doc))` equals `doc` for a model in canonical
 * form: no `title`, single-line trimmed texts, `depth` omitted for 0 and never jumping more than one
 * level, `ordered` omitted unless true, rectangular tables with at least one row.
 */
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
