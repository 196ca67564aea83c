import type { docs_v1 } from '@googleapis/docs';
import { type DocumentSection, type EditableBlock, type DatesChange, dateReplacements, extensionNote, hasSection, planDatesRewrite } from '../../domain/document-edits.js';
import { type DatesWritten, DocumentMissingError, type DocRef, type DocumentEditResult } from '../types.js';
import { isStatus, type GoogleApi } from './api/client.js';

type Request = docs_v1.Schema$Request;

/** Only what the edits need: the first tab's paragraphs with their indices, styles and text runs. */
const FIELDS =
  'revisionId,tabs(tabProperties/tabId,documentTab/body/content(startIndex,endIndex,table/rows,paragraph(elements(startIndex,endIndex,textRun/content),paragraphStyle/namedStyleType,bullet/listId)))';

/** A top-level element of the first tab, as the planners see it, with where it sits. */
interface Located extends EditableBlock {
  start: number;
  end: number;
  bulleted: boolean;
  /** Every element is a text run, so an offset in `text` is an offset in the document. */
  plainRuns: boolean;
}

interface FirstTab {
  tabId: string | undefined;
  revisionId: string | undefined;
  blocks: Located[];
}

function located(content: docs_v1.Schema$StructuralElement[]): Located[] {
  return content.flatMap((element): Located[] => {
    const start = element.startIndex ?? 0;
    const end = element.endIndex ?? start;
    if (element.table) return [{ type: 'other', text: '', start, end, bulleted: false, plainRuns: false }];
    const paragraph = element.paragraph;
    if (!paragraph) return [];
    const elements = paragraph.elements ?? [];
    const text = elements
      .map((e) => e.textRun?.content ?? '')
      .join('')
      .replace(/\n$/, '');
    const heading = /^HEADING_([1-6])$/.exec(paragraph.paragraphStyle?.namedStyleType ?? '');
    const title = paragraph.paragraphStyle?.namedStyleType === 'TITLE';
    const base = { text, start, end, bulleted: Boolean(paragraph.bullet), plainRuns: elements.every((e) => e.textRun) };
    if (heading || title) return [{ ...base, type: 'heading', level: heading ? Number(heading[1]) : 1 }];
    return [{ ...base, type: paragraph.bullet ? 'other' : 'paragraph' }];
  });
}

async function readFirstTab(api: GoogleApi, ref: DocRef): Promise<FirstTab> {
  let doc: docs_v1.Schema$Document;
  try {
    doc = await api.call('documents.get (before an edit)', (o) => api.docs.documents.get({ documentId: ref.docId, includeTabsContent: true, fields: FIELDS }, o));
  } catch (error) {
    if (isStatus(error, 404)) throw new DocumentMissingError(`[google] documents.get: document ${ref.docId} no longer exists`, { cause: error });
    throw error;
  }
  const tab = doc.tabs?.[0];
  return { tabId: tab?.tabProperties?.tabId ?? undefined, revisionId: doc.revisionId ?? undefined, blocks: located(tab?.documentTab?.body?.content ?? []) };
}

/**
 * Insert paragraphs after `after` (before its closing newline), the first styled `firstStyle` and the
 * rest as normal text, without the bullet they would copy from a list item.
 */
function insertParagraphs(after: Located, texts: string[], firstStyle: string, tabId: string | undefined): Request[] {
  const at = after.end - 1;
  const inserted = texts.map((text) => `\n${text}`).join('');
  const range = (start: number, end: number) => ({ startIndex: start, endIndex: end, ...(tabId ? { tabId } : {}) });
  const requests: Request[] = [{ insertText: { location: { index: at, ...(tabId ? { tabId } : {}) }, text: inserted } }];
  // Docs copies the style (and bullet) of the paragraph the text goes into: set each new paragraph's own.
  let start = at + 1;
  texts.forEach((text, i) => {
    const style = i === 0 ? firstStyle : 'NORMAL_TEXT';
    requests.push({ updateParagraphStyle: { range: range(start, start + text.length + 1), paragraphStyle: { namedStyleType: style }, fields: 'namedStyleType' } });
    start += text.length + 1;
  });
  if (after.bulleted) requests.push({ deleteParagraphBullets: { range: range(at + 1, at + inserted.length) } });
  return requests;
}

/** One batchUpdate pinned to the revision just read, so nobody's edit in between can shift the indices. */
async function applyEdits(api: GoogleApi, ref: DocRef, label: string, revisionId: string | undefined, requests: Request[]): Promise<void> {
  await api.call(`documents.batchUpdate (${label})`, (o) =>
    api.docs.documents.batchUpdate({ documentId: ref.docId, requestBody: { requests, ...(revisionId ? { writeControl: { requiredRevisionId: revisionId } } : {}) } }, o),
  );
}

/** The section (a heading 2 and its lines) after the last paragraph of the first tab, unless it is there already. */
export async function appendSection(api: GoogleApi, ref: DocRef, section: DocumentSection): Promise<DocumentEditResult> {
  const tab = await readFirstTab(api, ref);
  if (hasSection(tab.blocks, section)) return 'present';
  // The body always ends with a paragraph (Docs keeps one after a table).
  const last = tab.blocks.filter((block) => block.type !== 'other' || block.bulleted).at(-1);
  if (!last) throw new DocumentMissingError(`[google] document ${ref.docId} has no body to write the "${section.heading}" section into`);
  await applyEdits(api, ref, section.heading, tab.revisionId, insertParagraphs(last, [section.heading, ...section.lines], 'HEADING_2', tab.tabId));
  return 'written';
}

/** The old dates replaced in the opening, Timeline and check-in paragraphs, or a note added to the Timeline. */
export async function writeDates(api: GoogleApi, ref: DocRef, change: DatesChange): Promise<DatesWritten> {
  const tab = await readFirstTab(api, ref);
  const plan = planDatesRewrite(tab.blocks, change);
  const { checkInList } = plan;
  if (plan.done) return { result: 'present', checkInList };
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const i of plan.rewrite) {
    const block = tab.blocks[i]!;
    if (!block.plainRuns) continue;
    for (const r of dateReplacements(block.text, change)) replacements.push({ start: block.start + r.at, end: block.start + r.at + r.length, text: r.text });
  }
  const requests: Request[] = [];
  const tabId = tab.tabId ? { tabId: tab.tabId } : {};
  // Last in the document first, so each change leaves the indices before it valid: the note goes at
  // the end of the Timeline, after every paragraph that is rewritten.
  const after = plan.noteAfter === null ? undefined : tab.blocks[plan.noteAfter];
  if (after) requests.push(...insertParagraphs(after, [extensionNote(change)], 'NORMAL_TEXT', tab.tabId));
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    requests.push({ deleteContentRange: { range: { startIndex: r.start, endIndex: r.end, ...tabId } } }, { insertText: { location: { index: r.start, ...tabId }, text: r.text } });
  }
  if (requests.length === 0) return { result: 'unplaced', checkInList };
  await applyEdits(api, ref, 'dates', tab.revisionId, requests);
  return { result: 'written', checkInList };
}
