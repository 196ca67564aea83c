/**
 * Documents as the fake keeps them: tabs of paragraphs (with a named style and maybe a bullet) and
 * tables of cell text, rendered on read into the Docs v1 JSON shape with real start/end indices
 * (https://developers.google.com/workspace/docs/api/concepts/structure).
 */
export type ParagraphStyle = 'NORMAL_TEXT' | 'TITLE' | 'SUBTITLE' | `HEADING_${1 | 2 | 3 | 4 | 5 | 6}`;
export type ListKind = 'bullet' | 'numbered' | 'checkbox';

export type DocNode =
  | { kind: 'paragraph'; text: string; style: ParagraphStyle; list?: { kind: ListKind; level: number }; links?: Link[] }
  /**
   * `textAfter`: the paragraph Docs keeps after every table has had text typed into it and is the
   * next node (until then it is implicit and empty).
   */
  | { kind: 'table'; rows: string[][]; textAfter?: boolean };

/** Linked text in a paragraph, found by its text on render (so edits elsewhere do not shift it). */
export interface Link {
  text: string;
  url: string;
}

/** How Docs styles a link it made (as recorded in docs-get-tabs-extrasuite-md-serde-golden.json). */
const LINK_STYLE = { underline: true, foregroundColor: { color: { rgbColor: { red: 0.06666667, green: 0.33333334, blue: 0.8 } } } };

/** A line's text runs: plain text, and each link as a run of its own. */
function textRuns(content: string, links: Link[], at: number): Json[] {
  const runs: Json[] = [];
  let rest = content;
  let index = at;
  const push = (text: string, textStyle: Json) => {
    if (!text) return;
    runs.push({ startIndex: index, endIndex: index + text.length, textRun: { content: text, textStyle } });
    index += text.length;
  };
  for (const link of links) {
    const found = rest.indexOf(link.text);
    if (found < 0 || !link.text) continue;
    push(rest.slice(0, found), {});
    push(link.text, { ...LINK_STYLE, link: { url: link.url } });
    rest = rest.slice(found + link.text.length);
  }
  push(rest, {});
  return runs;
}

export interface FakeTab {
  tabId: string;
  title: string;
  nodes: DocNode[];
}

export interface FakeDocument {
  documentId: string;
  title: string;
  tabs: FakeTab[];
  revision: number;
}

type Json = Record<string, unknown>;

const LIST_IDS: Record<ListKind, string> = { bullet: 'kix.bullet', numbered: 'kix.numbered', checkbox: 'kix.checkbox' };

function listsJson(): Json {
  const level = (glyph: Json) => ({ listProperties: { nestingLevels: Array.from({ length: 9 }, () => ({ ...glyph, indentStart: { magnitude: 36, unit: 'PT' } })) } });
  return {
    [LIST_IDS.bullet]: level({ glyphSymbol: '●' }),
    [LIST_IDS.numbered]: level({ glyphType: 'DECIMAL', glyphFormat: '%0.' }),
    // Checklists: Docs exposes no checked state and no distinctive glyph type.
    [LIST_IDS.checkbox]: level({ glyphType: 'GLYPH_TYPE_UNSPECIFIED' }),
  };
}

/** Render one text as paragraphs (a `\n` in the text starts a new paragraph), advancing the index. */
function paragraphs(text: string, style: ParagraphStyle, list: { kind: ListKind; level: number } | undefined, at: { index: number }, links: Link[] = []): Json[] {
  return text.split('\n').map((line) => {
    const content = `${line}\n`;
    const startIndex = at.index;
    at.index += content.length;
    const paragraphStyle: Json = { namedStyleType: style, direction: 'LEFT_TO_RIGHT' };
    if (style.startsWith('HEADING') || style === 'TITLE') paragraphStyle['headingId'] = `h.${startIndex}`;
    return {
      startIndex,
      endIndex: at.index,
      paragraph: {
        elements: textRuns(content, links, startIndex),
        paragraphStyle,
        ...(list ? { bullet: { listId: LIST_IDS[list.kind], ...(list.level > 0 ? { nestingLevel: list.level } : {}), textStyle: {} } } : {}),
      },
    };
  });
}

function bodyJson(nodes: DocNode[]): Json {
  const at = { index: 1 };
  const content: Json[] = [{ endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } }];
  for (const node of nodes) {
    if (node.kind === 'paragraph') {
      content.push(...paragraphs(node.text, node.style, node.list, at, node.links));
      continue;
    }
    const startIndex = at.index;
    at.index += 1;
    const tableRows = node.rows.map((row) => {
      const rowStart = at.index;
      at.index += 1;
      const tableCells = row.map((cell) => {
        const cellStart = at.index;
        at.index += 1;
        const cellContent = paragraphs(cell, 'NORMAL_TEXT', undefined, at);
        return { startIndex: cellStart, endIndex: at.index, content: cellContent, tableCellStyle: { rowSpan: 1, columnSpan: 1 } };
      });
      return { startIndex: rowStart, endIndex: at.index, tableCells, tableRowStyle: { minRowHeight: { unit: 'PT' } } };
    });
    at.index += 1;
    const columns = Math.max(0, ...node.rows.map((row) => row.length));
    content.push({ startIndex, endIndex: at.index, table: { rows: node.rows.length, columns, tableRows, tableStyle: {} } });
    // Docs always follows a table with a paragraph.
    if (!node.textAfter) content.push(...paragraphs('', 'NORMAL_TEXT', undefined, at));
  }
  return { content };
}

/**
 * documents.get: with `includeTabsContent=true` the content is in `tabs[].documentTab` and there is no
 * top-level `body`; without it, the first tab's content fills `body`/`lists` and `tabs` is absent.
 */
export function renderDocument(doc: FakeDocument, includeTabsContent: boolean): Json {
  const base = { documentId: doc.documentId, title: doc.title, revisionId: `rev-${doc.revision}`, suggestionsViewMode: 'SUGGESTIONS_INLINE' };
  if (!includeTabsContent) {
    return { ...base, body: bodyJson(doc.tabs[0]?.nodes ?? []), lists: listsJson(), documentStyle: {}, namedStyles: {} };
  }
  return {
    ...base,
    tabs: doc.tabs.map((tab, index) => ({
      tabProperties: { tabId: tab.tabId, title: tab.title, index },
      documentTab: { body: bodyJson(tab.nodes), lists: listsJson(), documentStyle: {}, namedStyles: {} },
    })),
  };
}

/** replaceAllText across every tab; returns how many occurrences changed. */
export function replaceAllText(doc: FakeDocument, find: string, replacement: string, matchCase: boolean): number {
  let count = 0;
  const pattern = new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), matchCase ? 'g' : 'gi');
  const replace = (text: string) =>
    text.replace(pattern, () => {
      count++;
      return replacement;
    });
  for (const tab of doc.tabs) {
    for (const node of tab.nodes) {
      if (node.kind === 'paragraph') node.text = replace(node.text);
      else node.rows = node.rows.map((row) => row.map(replace));
    }
  }
  return count;
}

/**
 * What Drive makes of an uploaded Markdown file converted to a Google Doc: `#` headings, paragraphs
 * (soft-wrapped lines joined), `-`/`*`/`1.`/`- [ ]` lists with nesting by indent, pipe tables, and
 * links as linked text runs, in the shapes of the recorded docs-get-tabs-extrasuite-md-serde-golden.json.
 */
export function markdownToNodes(markdown: string): DocNode[] {
  const nodes: DocNode[] = [];
  let paragraph: string[] = [];
  let table: string[][] | undefined;
  const flush = () => {
    if (paragraph.length > 0) nodes.push(textNode(paragraph.join(' '), 'NORMAL_TEXT'));
    paragraph = [];
    if (table) nodes.push({ kind: 'table', rows: table });
    table = undefined;
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\s*\|.*\|\s*$/.test(line)) {
      if (paragraph.length > 0) flush();
      const cells = line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => inline(cell.trim()));
      if (cells.every((cell) => /^:?-{3,}:?$/.test(cell))) continue;
      table ??= [];
      table.push(cells);
      continue;
    }
    if (table) flush();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^(\s*)(?:[-*+]|(\d+)[.)])\s+(\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      nodes.push(textNode(heading[2] ?? '', `HEADING_${(heading[1]?.length ?? 1) as 1}`));
    } else if (item) {
      flush();
      const kind: ListKind = item[3] ? 'checkbox' : item[2] ? 'numbered' : 'bullet';
      nodes.push({ ...textNode(item[4] ?? '', 'NORMAL_TEXT'), list: { kind, level: Math.floor((item[1]?.length ?? 0) / 2) } });
    } else paragraph.push(line.trim());
  }
  flush();
  return nodes;
}

/** A paragraph of Markdown text: emphasis and code marks dropped, `[text](url)` kept as a link. */
function textNode(markdown: string, style: ParagraphStyle): DocNode & { kind: 'paragraph' } {
  const links = [...markdown.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)].map((m) => ({ text: inline(m[1] ?? ''), url: m[2] ?? '' }));
  return { kind: 'paragraph', text: inline(markdown), style, ...(links.length > 0 ? { links } : {}) };
}

function inline(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/** Plain text of the document (for assertions and for the fake's own search). */
export function documentText(doc: FakeDocument): string {
  return doc.tabs.flatMap((tab) => tab.nodes.map((node) => (node.kind === 'paragraph' ? node.text : node.rows.map((row) => row.join(' | ')).join('\n')))).join('\n');
}
