/**
 * The live preview, built as DOM nodes from the syntax tree CodeMirror's Markdown parser already
 * has (@lezer/markdown with GFM). No HTML string is ever parsed: plan text is only ever text, and
 * raw HTML in the document shows as the characters it is. The Activities table's Status cells are
 * menus that edit the Markdown, so the weekly controls work right here.
 */
import { markdownLanguage } from '@codemirror/lang-markdown';
import type { SyntaxNode } from '@lezer/common';
import { ACTIVITY_STATUSES, cellRanges, findTable } from './markdown-tables.js';

export interface PreviewActions {
  setStatus(row: number, status: string): void;
  readOnly: boolean;
}

const BLOCK_TAGS: Record<string, string> = {
  ATXHeading1: 'h1',
  ATXHeading2: 'h2',
  ATXHeading3: 'h3',
  ATXHeading4: 'h4',
  ATXHeading5: 'h5',
  ATXHeading6: 'h6',
  SetextHeading1: 'h1',
  SetextHeading2: 'h2',
  Paragraph: 'p',
  Blockquote: 'blockquote',
  BulletList: 'ul',
  OrderedList: 'ol',
  ListItem: 'li',
};
const INLINE_TAGS: Record<string, string> = { Emphasis: 'em', StrongEmphasis: 'strong', Strikethrough: 's', InlineCode: 'code' };
const MARKS = new Set(['HeaderMark', 'EmphasisMark', 'CodeMark', 'LinkMark', 'QuoteMark', 'ListMark', 'StrikethroughMark', 'TableDelimiter', 'CodeInfo', 'LinkTitle', 'LinkLabel']);
const SAFE_LINK = /^(https?:|mailto:)/i;

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

export function renderPreview(target: HTMLElement, text: string, actions: PreviewActions): void {
  const tree = markdownLanguage.parser.parse(text);
  const slice = (node: SyntaxNode) => text.slice(node.from, node.to);
  const activities = findTable(text.split('\n'), /activit/i);
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length - 1;

  /** Inline content of `node`: its text, with child nodes rendered in their places. */
  function inline(node: SyntaxNode, into: Node, from = node.from, to = node.to): void {
    let at = from;
    for (const child of children(node)) {
      if (child.from > at) into.appendChild(document.createTextNode(text.slice(at, child.from)));
      inlineNode(child, into);
      at = Math.max(at, child.to);
    }
    if (to > at) into.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function inlineNode(node: SyntaxNode, into: Node): void {
    const name = node.name;
    if (MARKS.has(name)) return;
    if (INLINE_TAGS[name]) {
      const el = document.createElement(INLINE_TAGS[name] as string);
      inline(node, el);
      into.appendChild(el);
    } else if (name === 'Link' || name === 'Autolink' || name === 'URL') {
      const url = name === 'URL' ? node : node.getChild('URL');
      const href = url ? slice(url) : '';
      const label = document.createElement(SAFE_LINK.test(href) ? 'a' : 'span');
      if (label instanceof HTMLAnchorElement) Object.assign(label, { href, rel: 'noopener noreferrer', target: '_blank' });
      if (name === 'Link') {
        const marks = node.getChildren('LinkMark');
        inline(node, label, marks[0]?.to ?? node.from, marks[1]?.from ?? node.to);
      } else label.textContent = href;
      into.appendChild(label);
    } else if (name === 'Escape') into.appendChild(document.createTextNode(slice(node).slice(1)));
    else if (name === 'HardBreak') into.appendChild(document.createElement('br'));
    else if (name === 'Image') into.appendChild(document.createTextNode(`[image: ${slice(node).replace(/^!\[|\]\(.*$/gs, '')}]`));
    // HTMLTag, Comment, Entity and the rest: exactly the characters written.
    else inline(node, into);
  }

  function table(node: SyntaxNode, into: Node): void {
    const el = document.createElement('table');
    const isActivities = activities !== null && lineOf(node.from) === activities.start;
    const statusColumn = isActivities ? activities.header.findIndex((h) => /status/i.test(h)) : -1;
    const body = document.createElement('tbody');
    let row = -1;
    let width = 0;
    for (const part of children(node)) {
      if (part.name !== 'TableHeader' && part.name !== 'TableRow') continue;
      const header = part.name === 'TableHeader';
      const tr = document.createElement('tr');
      if (!header) row++;
      // Columns by the service's rule, empty cells included; the parser's cells only give the inline content.
      const lineStart = text.lastIndexOf('\n', part.from - 1) + 1;
      const lineEnd = text.indexOf('\n', part.from);
      const ranges = cellRanges(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
      const parsed = part.getChildren('TableCell');
      if (header) width = ranges.length;
      for (let i = 0; i < Math.max(ranges.length, header ? 0 : width); i++) {
        const cell = document.createElement(header ? 'th' : 'td');
        const range = ranges[i];
        const source = range && parsed.find((c) => c.from >= lineStart + range.from && c.to <= lineStart + range.to);
        if (!header && i === statusColumn) cell.appendChild(statusMenu(row, range ? text.slice(lineStart + range.from, lineStart + range.to).trim() : ''));
        else if (source) inline(source, cell);
        tr.appendChild(cell);
      }
      if (header) el.createTHead().appendChild(tr);
      else body.appendChild(tr);
    }
    el.appendChild(body);
    // A wide table scrolls sideways in its own box; the box takes focus so the keyboard can scroll it too.
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `Table: ${[...(el.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent ?? '').join(', ')}`);
    wrap.appendChild(el);
    into.appendChild(wrap);
  }

  function statusMenu(row: number, current: string): HTMLElement {
    const select = document.createElement('select');
    const title = activities?.rows[row]?.[0] ?? `row ${row + 1}`;
    select.setAttribute('aria-label', `Status of ${title.replace(/\\\|/g, '|')}`);
    select.dataset.focusKey = `status-${row}`;
    select.disabled = actions.readOnly;
    const known = ACTIVITY_STATUSES.find((s) => s.toLowerCase() === current.toLowerCase());
    for (const status of known || !current ? ACTIVITY_STATUSES : [current, ...ACTIVITY_STATUSES]) select.add(new Option(status, status, false, status === (known ?? current)));
    if (!current) select.add(new Option('(none)', '', true, true), 0);
    select.addEventListener('change', () => actions.setStatus(row, select.value));
    return select;
  }

  function block(node: SyntaxNode, into: Node): void {
    const name = node.name;
    if (name === 'Table') return table(node, into);
    if (name === 'HorizontalRule') return void into.appendChild(document.createElement('hr'));
    if (name === 'FencedCode' || name === 'CodeBlock' || name === 'HTMLBlock' || name === 'CommentBlock' || name === 'ProcessingInstructionBlock') {
      const pre = document.createElement('pre');
      const code = node.getChildren('CodeText');
      pre.textContent = code.length ? code.map(slice).join('\n') : slice(node);
      return void into.appendChild(pre);
    }
    const tag = BLOCK_TAGS[name];
    if (!tag) return inline(node, into);
    const el = document.createElement(tag);
    const blockChildren = children(node).filter((c) => !MARKS.has(c.name));
    const holdsBlocks = name === 'Blockquote' || name === 'BulletList' || name === 'OrderedList' || name === 'ListItem';
    if (holdsBlocks) for (const child of blockChildren) child.name === 'Task' ? task(child, el) : block(child, el);
    else inline(node, el);
    into.appendChild(el);
  }

  function task(node: SyntaxNode, into: Node): void {
    const marker = node.getChild('TaskMarker');
    const box = document.createElement('input');
    Object.assign(box, { type: 'checkbox', disabled: true, checked: marker ? /x/i.test(slice(marker)) : false });
    const p = document.createElement('p');
    p.appendChild(box);
    inline(node, p, marker?.to ?? node.from);
    into.appendChild(p);
  }

  const focused = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  const fragment = document.createDocumentFragment();
  for (const node of children(tree.topNode)) block(node, fragment);
  target.replaceChildren(fragment);
  // A re-render after choosing a status must not throw the keyboard user out of the table.
  if (focused) target.querySelector<HTMLElement>(`[data-focus-key="${focused}"]`)?.focus();
}
