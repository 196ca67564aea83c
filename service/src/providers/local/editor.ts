import { EditConflictError, type DocRef, type EditableDocument, type HostedEditor } from '../types.js';
import { checkedId, readText, versionOf, type LocalContext } from './context.js';

const VERSION = /^[0-9a-f]{16}$/;

/**
 * The browser editor at the plan's docUrl: it saves against the version it loaded, so nobody
 * saves over an edit they did not see, and keeps the versions people loaded or saved as the bases
 * their later saves merge against.
 */
export function localEditor(ctx: LocalContext): HostedEditor {
  /** What a person opened or saved is kept: the base a later save of theirs merges against. */
  async function remembered(ref: DocRef, doc: EditableDocument): Promise<EditableDocument> {
    await ctx.blobs.keepVersion(ref.docId, doc.version, doc.markdown);
    return doc;
  }

  return {
    load: async (ref) => remembered(ref, await readText(ctx, ref)),
    async save(ref, markdown, baseVersion) {
      const current = await readText(ctx, ref);
      if (current.version !== baseVersion) throw new EditConflictError(await remembered(ref, current));
      // Someone may have saved between the read and the write: the replace compares again, atomically.
      if (!(await ctx.blobs.replace(ref.docId, current.markdown, markdown))) throw new EditConflictError(await remembered(ref, await readText(ctx, ref)));
      return remembered(ref, { markdown, version: await versionOf(markdown) });
    },
    async loadVersion(ref, version) {
      checkedId(ref.docId);
      return VERSION.test(version) ? ctx.blobs.getVersion(ref.docId, version) : null;
    },
  };
}
