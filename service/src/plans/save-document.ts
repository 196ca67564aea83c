import { diffBudget } from '../../../text-merge/line-diff.js';
import { mergeThreeWay } from '../../../text-merge/three-way-merge.js';
import { type DocRef, EditConflictError, type EditableDocument, type HostedEditor } from '../providers/types.js';

/** docs/api.md: a document holds up to 60,000 characters. */
export const DOCUMENT_MAX_CHARS = 60_000;
/** Saves racing this one: after three merges in a row, the person is asked instead. */
const ATTEMPTS = 3;
const SAME_LINES = 'Someone else changed the same lines since you opened the document; nothing was saved. Choose which text to keep.';
const TOO_DIFFERENT = 'Someone else saved since you opened the document, and the two texts differ too much to merge line by line; nothing was saved. Choose which text to keep.';

/**
 * Save an edit made from `baseVersion`. When someone saved since, merge the two edits three-way
 * against the base: changes to different lines are all kept (200 with the merged text); changes to
 * the same lines, or a base no longer kept, are an `EditConflictError` carrying the current text, and
 * nothing is written. A save that races another one merges again with what that one wrote. All the
 * merges of one save share one diff budget (line-diff.ts), so a crafted text cannot hold the service:
 * past it, the save is a conflict too.
 */
export async function saveHostedDocument(editor: HostedEditor, ref: DocRef, markdown: string, baseVersion: string): Promise<EditableDocument> {
  let current: EditableDocument | null = null;
  const budget = diffBudget();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      if (!current || current.version === baseVersion) return await editor.save(ref, markdown, baseVersion);
      const base = await editor.loadVersion(ref, baseVersion);
      if (base === null) throw new EditConflictError(current);
      const merged = mergeThreeWay(base, current.markdown, markdown, budget);
      if (!merged.ok) throw new EditConflictError(current, merged.tooDifferent ? TOO_DIFFERENT : SAME_LINES);
      if (merged.text.length > DOCUMENT_MAX_CHARS)
        throw new EditConflictError(current, `Merged with the other edit, the document would pass ${DOCUMENT_MAX_CHARS} characters; nothing was saved.`);
      return await editor.save(ref, merged.text, current.version);
    } catch (error) {
      if (!(error instanceof EditConflictError) || error.current.version === current?.version) throw error;
      current = error.current;
    }
  }
  throw new EditConflictError(current ?? (await editor.load(ref)));
}
