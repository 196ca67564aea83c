import { renderDocument, replaceAllText, markdownToNodes } from './docs-model.js';
import { deleteContentRange, deleteParagraphBullets, deleteTableRow, insertTableRow, insertText, updateParagraphStyle } from './docs-edit.js';
import { GOOGLE_DOC, type DriveState } from './drive-state.js';
import { docsError } from './errors.js';
import { roleOf } from './roles.js';

type Json = Record<string, unknown>;

/** documents.get / batchUpdate / create over the Drive state (a Doc is a Drive file with content). */
export const docsMethods: Record<string, (state: DriveState, call: { params: Record<string, string>; query: URLSearchParams; body: Json; actor: string }) => Json> = {
  'docs.documents.get': (state, { params, query, actor }) => {
    const doc = readable(state, params['documentId'] ?? '', actor);
    return renderDocument(doc, query.get('includeTabsContent') === 'true');
  },

  'docs.documents.batchUpdate': (state, { params, body, actor }) => {
    const doc = readable(state, params['documentId'] ?? '', actor, 'edit');
    const requests = Array.isArray(body['requests']) ? (body['requests'] as Json[]) : [];
    if (requests.length === 0) throw docsError(400, 'Invalid requests: must specify at least one request.');
    const replies: Json[] = [];
    const required = (body['writeControl'] as { requiredRevisionId?: string } | undefined)?.requiredRevisionId;
    if (required && required !== `rev-${doc.revision}`) throw docsError(400, `The required revision ID ${required} does not match the latest revision of the document.`);
    // All or nothing, as Docs applies a batch atomically.
    const draft = structuredClone(doc);
    for (const [index, request] of requests.entries()) {
      const kinds = Object.keys(request);
      if (kinds.length !== 1) throw docsError(400, `Invalid requests[${index}]: exactly one request kind must be set`);
      const replace = request['replaceAllText'] as { containsText?: { text?: string; matchCase?: boolean }; replaceText?: string } | undefined;
      if (replace) {
        const find = replace.containsText?.text;
        if (!find) throw docsError(400, `Invalid requests[${index}].replaceAllText: containsText.text must not be empty`);
        replies.push({ replaceAllText: { occurrencesChanged: replaceAllText(draft, find, replace.replaceText ?? '', replace.containsText?.matchCase === true) } });
        continue;
      }
      const insert = request['insertText'] as { location?: { index?: number; tabId?: string }; text?: string } | undefined;
      if (insert) {
        if (!insert.location) throw docsError(400, `Invalid requests[${index}].insertText: location is required in this fake`);
        insertText(draft, insert.location, insert.text ?? '');
        replies.push({});
        continue;
      }
      type CellLocation = { tableCellLocation?: { tableStartLocation?: { index?: number; tabId?: string }; rowIndex?: number } };
      const insertRow = request['insertTableRow'] as (CellLocation & { insertBelow?: boolean }) | undefined;
      if (insertRow) {
        insertTableRow(draft, insertRow.tableCellLocation ?? {}, insertRow.insertBelow === true);
        replies.push({});
        continue;
      }
      const deleteRow = request['deleteTableRow'] as CellLocation | undefined;
      if (deleteRow) {
        deleteTableRow(draft, deleteRow.tableCellLocation ?? {});
        replies.push({});
        continue;
      }
      // Styles and deletes, per the Docs v1 discovery document's Request schema (test/specs).
      type Ranged = Parameters<typeof deleteContentRange>[1];
      const edits: Record<string, (request: Json) => void> = {
        updateParagraphStyle: (r) => updateParagraphStyle(draft, r as Parameters<typeof updateParagraphStyle>[1]),
        deleteParagraphBullets: (r) => deleteParagraphBullets(draft, r as Ranged),
        deleteContentRange: (r) => deleteContentRange(draft, r as Ranged),
      };
      const edit = edits[kinds[0] ?? ''];
      if (edit) {
        edit(request[kinds[0]!] as Json);
        replies.push({});
        continue;
      }
      throw docsError(400, `Invalid requests[${index}]: the fake does not implement ${kinds[0]}`);
    }
    Object.assign(doc, draft, { revision: doc.revision + 1 });
    const file = state.get(doc.documentId);
    state.touch(file);
    return { documentId: doc.documentId, replies, writeControl: { requiredRevisionId: `rev-${doc.revision}` } };
  },

  'docs.documents.create': (state, { body, actor }) => {
    const file = state.addFile({ name: String(body['title'] ?? 'Untitled document'), mimeType: GOOGLE_DOC, owner: actor, document: markdownToNodes('') });
    const doc = state.documents.get(file.id);
    if (!doc) throw docsError(500, 'internal');
    return renderDocument(doc, false);
  },
};

/** Docs answers 403 (not Drive's 404) to a caller without access, and to a reader or commenter who edits. */
function readable(state: DriveState, documentId: string, actor: string, access: 'read' | 'edit' = 'read') {
  const file = state.files.get(documentId);
  const doc = state.documents.get(documentId);
  // Docs answers 404 for a deleted document; a trashed one is still readable (check Drive's `trashed`).
  if (!file || !doc) throw docsError(404, 'Requested entity was not found.');
  const role = roleOf(state, file, actor);
  if (!role || (access === 'edit' && (role === 'reader' || role === 'commenter'))) throw docsError(403, 'The caller does not have permission');
  return doc;
}
