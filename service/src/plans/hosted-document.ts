import { z } from 'zod';
import type { Identity } from '../auth/access.js';
import type { PlanRecord } from '../domain/plan.js';
import { AppError, notFound } from '../errors.js';
import { providerFor } from '../providers/registry.js';
import { type DocRef, EditConflictError, type EditableDocument, type HostedEditor } from '../providers/types.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { DOCUMENT_MAX_CHARS, saveHostedDocument } from './save-document.js';
import { recordHrRead, visiblePlan } from './plan-view.js';
import type { AuditLog, PlanReads } from '../store/types.js';
import type { PlanServices } from './services.js';
import { type DocumentAuthors, nameOn } from './document-authors.js';

const BASE_VERSION_MAX_CHARS = 100;

/** PUT /api/plans/{id}/document's body. */
export const saveDocumentSchema = z.strictObject({
  markdown: z.string().max(DOCUMENT_MAX_CHARS, `must be at most ${DOCUMENT_MAX_CHARS} characters`),
  baseVersion: z.string().min(1).max(BASE_VERSION_MAX_CHARS),
  /** After a conflict, the person chose "Keep my lines" over the version `baseVersion`: its author is told. */
  keptMine: z.boolean().optional(),
});

/**
 * The most bytes a JSON string spends on one character (a UTF-16 unit, as the limit counts them):
 * control characters must be sent as `\u00XX` and any character may be (RFC 8259, section 7), 6
 * bytes; UTF-8 itself needs at most 3 bytes a unit.
 */
const JSON_MAX_BYTES_PER_CHAR = 6;
/** The keys (even escaped, 19 characters), quotes, colons, a comma, braces, and some whitespace. */
const SAVE_ENVELOPE_BYTES = 1024;

/**
 * The body cap of PUT /api/plans/{id}/document: any document within DOCUMENT_MAX_CHARS, however
 * JSON escapes it, fits (about 352 KiB). Characters are counted after parsing (saveDocumentSchema).
 */
export const SAVE_DOCUMENT_MAX_BYTES = JSON_MAX_BYTES_PER_CHAR * (DOCUMENT_MAX_CHARS + BASE_VERSION_MAX_CHARS) + SAVE_ENVELOPE_BYTES;

/**
 * A document the service hosts itself (the local provider), for the four parties and HR only;
 * anyone else, and any plan whose provider hosts no editor, gets the same 404 as for nothing.
 */
export async function hostedDocument(
  deps: Pick<PlanServices, 'providers'> & { store: PlanReads },
  caller: Identity,
  id: string,
): Promise<{ plan: PlanRecord; editor: HostedEditor; ref: DocRef }> {
  const plan = await visiblePlan(deps, caller, id);
  const editor = providerFor(deps.providers, plan.provider)?.hostedEditor;
  if (!editor || !plan.docId) throw notFound();
  return { plan, editor, ref: { planId: plan.id, docId: plan.docId } };
}

/**
 * GET /api/plans/{id}/document and the editor page (GET /docs/{id}): the plan, the text and the version
 * an edit starts from; HR's read is recorded (recordHrRead).
 */
export async function openHostedDocument(
  deps: Pick<PlanServices, 'providers'> & { store: PlanReads & AuditLog },
  caller: Identity,
  id: string,
): Promise<{ plan: PlanRecord; document: EditableDocument }> {
  const { plan, editor, ref } = await hostedDocument(deps, caller, id);
  const document = await editor.load(ref);
  await recordHrRead(deps, caller, plan);
  return { plan, document };
}

/**
 * PUT /api/plans/{id}/document: save, merging with what others saved since `baseVersion`
 * (save-document.ts), then read the document at once so the dashboard shows the edit without waiting for the next poll cycle.
 */
/** PUT /api/plans/{id}/document's body, as the HTTP edge validated it. */
export type SaveDocumentRequest = z.infer<typeof saveDocumentSchema>;

export async function saveAndReadDocument(
  deps: PollServices & Pick<PlanServices, 'clock'>,
  caller: Identity,
  id: string,
  { markdown, baseVersion, keptMine }: SaveDocumentRequest,
  authors?: DocumentAuthors,
): Promise<SavedDocument> {
  const { plan, editor, ref } = await hostedDocument(deps, caller, id);
  if (plan.state === 'closed') throw new AppError('invalid_state', 'The plan is closed; its document is kept as agreed.');
  const othersSince = authors?.since(plan.id, baseVersion, caller.email) ?? [];
  const replaced = keptMine ? authors?.savedBy(plan.id, baseVersion) : undefined;
  let saved: EditableDocument;
  try {
    saved = await saveHostedDocument(editor, ref, markdown, baseVersion);
  } catch (error) {
    if (error instanceof EditConflictError) {
      const savedBy = authors?.savedBy(plan.id, error.current.version);
      const by = savedBy && savedBy.toLowerCase() !== caller.email.toLowerCase() ? { name: nameOn(plan, savedBy) } : null;
      throw new AppError('edit_conflict', error.message, [], { current: error.current, by });
    }
    throw error;
  }
  authors?.saved(plan.id, saved.version, caller.email);
  if (replaced && replaced.toLowerCase() !== caller.email.toLowerCase()) authors?.replaced(plan.id, replaced, { by: caller.email, at: deps.clock.now().toISOString() });
  await pollPlan(deps, plan, { read: true, checkSharing: false });
  // Merged with others' saves: say whose, so the page can show their change with their name.
  const merged = saved.markdown !== markdown;
  return { ...saved, mergedWith: merged ? othersSince.map((email) => ({ name: nameOn(plan, email) })) : [] };
}

/** The answer of a save: the saved text and version, and whose saves were merged into it. */
export interface SavedDocument extends EditableDocument {
  mergedWith: { name: string }[];
}
