import type { docs_v1 } from '@googleapis/docs';
import { limitDocument } from '../../domain/document-limit.js';
import type { DocumentBlock, DocumentModel } from '../../domain/document-model.js';
import { DocumentMissingError, type DocRef } from '../types.js';
import { getLiveFile, isStatus, type GoogleApi } from './api/client.js';
import type { ChangeFeedMemory } from './changes.js';

/**
 * The plan's Google Doc in the neutral model. A trashed document still answers documents.get, so
 * first make sure it is live: from this cycle's change feed when it said so recently, else by asking
 * Drive (files.get).
 */
export async function readDocument(api: GoogleApi, feed: ChangeFeedMemory, ref: DocRef): Promise<DocumentModel> {
  const trashed = trashedByFeed(feed, ref.docId);
  if (trashed) throw new DocumentMissingError(`[google] document ${ref.docId} is in the trash or deleted`);
  if (trashed === undefined) await getLiveFile(api, ref.docId, 'id');
  let doc: docs_v1.Schema$Document;
  try {
    doc = await api.call('documents.get', (o) =>
      // Pending suggestions are not the plan yet: read it as if they were rejected.
      api.docs.documents.get({ documentId: ref.docId, includeTabsContent: true, suggestionsViewMode: 'PREVIEW_WITHOUT_SUGGESTIONS', fields: DOCUMENT_FIELDS }, o),
    );
  } catch (error) {
    if (isStatus(error, 404)) throw new DocumentMissingError(`[google] documents.get: document ${ref.docId} no longer exists`, { cause: error });
    throw error;
  }
  return googleDocToModel(doc);
}

/** How long the change feed's word on a document (trashed or not) saves a files.get on read. */
const KNOWN_FOR_MS = 10 * 60_000;

/** Whether the feed recently said the document is trashed; undefined when it said nothing lately. */
function trashedByFeed(feed: ChangeFeedMemory, docId: string): boolean | undefined {
  const seen = feed.known.get(docId);
  return seen && feed.now() - seen.seenAt < KNOWN_FOR_MS ? seen.trashed : undefined;
}

type Content = docs_v1.Schema$StructuralElement[];
type Lists = Record<string, docs_v1.Schema$List>;

/**
 * The `fields` mask for documents.get: only what the converter reads (text, heading styles, bullets,
 * list glyphs, tables, tabs), which keeps each read small.
 */
const PARAGRAPH =
  'paragraph(elements(textRun/content,person/personProperties(name,email),richLink/richLinkProperties/title),paragraphStyle/namedStyleType,bullet(listId,nestingLevel))';
const CONTENT = `content(${PARAGRAPH},table(tableRows(tableCells(content(${PARAGRAPH},table)))))`;
const LISTS = 'lists';
const TAB = `tabProperties(tabId,title),documentTab(body(${CONTENT}),${LISTS})`;
const DOCUMENT_FIELDS = `documentId,title,tabs(${TAB},childTabs(${TAB},childTabs(${TAB})))`;

const ORDERED_GLYPHS = new Set(['DECIMAL', 'ZERO_DECIMAL', 'UPPER_ALPHA', 'ALPHA', 'UPPER_ROMAN', 'ROMAN']);

/**
 * Google's document structure as the neutral model: headings (HEADING_n, TITLE), paragraphs, list
 * items (ordered from the list's glyph type; Docs does not expose a checklist's checked state), and
 * tables of cell text. Reads every tab (`includeTabsContent`: no top-level body) and the legacy
 * single-body shape. Soft line breaks (`\u000b`) become newlines. A huge document is cut with a
 * warning (limitDocument).
 */
export function googleDocToModel(doc: docs_v1.Schema$Document): DocumentModel {
  const blocks: DocumentBlock[] = [];
  if (doc.tabs && doc.tabs.length > 0) {
    for (const tab of flattenTabs(doc.tabs)) {
      convertContent(tab.documentTab?.body?.content ?? [], (tab.documentTab?.lists ?? {}) as Lists, blocks);
    }
  } else {
    convertContent(doc.body?.content ?? [], (doc.lists ?? {}) as Lists, blocks);
  }
  return limitDocument({ ...(doc.title ? { title: doc.title } : {}), blocks });
}

function flattenTabs(tabs: docs_v1.Schema$Tab[]): docs_v1.Schema$Tab[] {
  return tabs.flatMap((tab) => [tab, ...flattenTabs(tab.childTabs ?? [])]);
}

function convertContent(content: Content, lists: Lists, blocks: DocumentBlock[]): void {
  for (const element of content) {
    if (element.paragraph) {
      const block = convertParagraph(element.paragraph, lists);
      if (block) blocks.push(block);
    } else if (element.table) {
      const rows = (element.table.tableRows ?? []).map((row) => (row.tableCells ?? []).map((cell) => cellText(cell.content ?? [])));
      blocks.push({ type: 'table', rows });
    }
  }
}

function convertParagraph(paragraph: docs_v1.Schema$Paragraph, lists: Lists): DocumentBlock | undefined {
  const text = paragraphText(paragraph);
  if (text.trim() === '') return undefined;
  const style = paragraph.paragraphStyle?.namedStyleType ?? 'NORMAL_TEXT';
  const heading = /^HEADING_([1-6])$/.exec(style);
  if (paragraph.bullet) {
    const depth = paragraph.bullet.nestingLevel ?? 0;
    const level = lists[paragraph.bullet.listId ?? '']?.listProperties?.nestingLevels?.[depth];
    const ordered = level?.glyphType ? ORDERED_GLYPHS.has(level.glyphType) : false;
    return { type: 'list_item', text, ...(ordered ? { ordered } : {}), ...(depth > 0 ? { depth } : {}) };
  }
  if (heading?.[1]) return { type: 'heading', level: Number(heading[1]), text };
  if (style === 'TITLE') return { type: 'heading', level: 1, text };
  return { type: 'paragraph', text };
}

function paragraphText(paragraph: docs_v1.Schema$Paragraph): string {
  const text = (paragraph.elements ?? [])
    // A person chip shows the name when it has one, else the email (personProperties.name is only set for the former).
    .map(
      (element) =>
        element.textRun?.content ?? element.person?.personProperties?.name ?? element.person?.personProperties?.email ?? element.richLink?.richLinkProperties?.title ?? '',
    )
    .join('');
  return (
    text
      .replace(/\n$/, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Docs writes a soft line break (Shift+Enter) as U+000B.
      .replace(/\u000b/g, '\n')
      .trim()
  );
}

function cellText(content: Content): string {
  const parts: string[] = [];
  for (const element of content) {
    if (element.paragraph) parts.push(paragraphText(element.paragraph));
    else if (element.table) {
      for (const row of element.table.tableRows ?? []) for (const cell of row.tableCells ?? []) parts.push(cellText(cell.content ?? []));
    }
  }
  return parts.filter((part) => part !== '').join('\n');
}
