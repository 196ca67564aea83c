import type { docs_v1 } from '@googleapis/docs';
import type { GoogleApi } from './api/client.js';

type Request = docs_v1.Schema$Request;
const ROWS = 'activityRows';
const FIELDS =
  'revisionId,tabs(tabProperties/tabId,documentTab/body/content(startIndex,endIndex,paragraph/elements/textRun/content,table(tableRows(startIndex,endIndex,tableCells(content(paragraph/elements/textRun/content))))))';

const text = (content: docs_v1.Schema$StructuralElement[] | undefined) =>
  (content ?? []).map((e) => (e.paragraph?.elements ?? []).map((el) => el.textRun?.content ?? '').join('')).join('');

/** `| a | b \| c |` lines (the activityRows placeholder) back into cells. */
export function markdownRows(value: string): string[][] {
  return value
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|')),
    );
}

/**
 * Requests that fill a copied template Doc: one table row per activity where `{{activityRows}}`
 * stands (in a row of the Activities table, or in the paragraph right after it), then replaceAllText
 * for every other placeholder. Indices come from the document as just read and are applied last row
 * first, so each insert leaves the ones before it valid.
 */
export function templateRequests(doc: docs_v1.Schema$Document, placeholders: Record<string, string>): Request[] {
  const content = doc.tabs?.[0]?.documentTab?.body?.content ?? [];
  const requests: Request[] = [];
  let tableFilled = false;
  const activities = markdownRows(placeholders[ROWS] ?? '');
  for (let i = 0; i < content.length && !tableFilled; i++) {
    const table = content[i]?.table;
    // Docs keeps a paragraph after every table: look past empty ones.
    let j = i + 1;
    while (content[j]?.paragraph && text([content[j]!]).trim() === '') j++;
    const next = content[j];
    const rows = table?.tableRows ?? [];
    const holder = rows.findIndex((row) => (row.tableCells ?? []).some((cell) => text(cell.content).includes(`{{${ROWS}}}`)));
    const after = holder < 0 && next?.paragraph && text([next]).includes(`{{${ROWS}}}`);
    if (!table || (holder < 0 && !after)) continue;
    const base = holder >= 0 ? holder : rows.length - 1;
    const row = rows[base];
    const columns = row?.tableCells?.length ?? 0;
    const tableStartLocation = { index: content[i]?.startIndex ?? 0 };
    for (let n = 0; n < activities.length; n++) requests.push({ insertTableRow: { tableCellLocation: { tableStartLocation, rowIndex: base }, insertBelow: true } });
    const rowLength = 1 + 2 * columns;
    for (let n = activities.length - 1; n >= 0; n--) {
      const rowStart = (row?.endIndex ?? 0) + n * rowLength;
      for (let c = columns - 1; c >= 0; c--) {
        const value = activities[n]?.[c] ?? '';
        if (value) requests.push({ insertText: { location: { index: rowStart + 2 + 2 * c }, text: value } });
      }
    }
    if (holder >= 0) requests.push({ deleteTableRow: { tableCellLocation: { tableStartLocation, rowIndex: holder } } });
    tableFilled = true;
  }
  for (const [key, value] of Object.entries(placeholders)) {
    const replaceText = tableFilled && key === ROWS ? '' : value;
    requests.push({ replaceAllText: { containsText: { text: `{{${key}}}`, matchCase: true }, replaceText } });
  }
  return requests;
}

/**
 * Fill the copy in one batchUpdate, pinned to the revision just read so a concurrent edit cannot
 * shift the indices. Safe to repeat: once filled, no placeholder is left and nothing is inserted.
 */
export async function fillTemplateDoc(api: GoogleApi, fileId: string, placeholders: Record<string, string>): Promise<void> {
  await api.call('documents.batchUpdate (fill template)', async (o) => {
    const doc = (await api.docs.documents.get({ documentId: fileId, includeTabsContent: true, fields: FIELDS }, o)).data;
    const requests = templateRequests(doc, placeholders);
    return api.docs.documents.batchUpdate(
      { documentId: fileId, requestBody: { requests, ...(doc.revisionId ? { writeControl: { requiredRevisionId: doc.revisionId } } : {}) } },
      o,
    );
  });
}
