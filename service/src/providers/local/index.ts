import { markdownToDocument } from '../../domain/markdown.js';
import { sharedRoles } from '../../domain/plan-stage.js';
import type { TextBlobs } from '../../store/text-blobs.js';
import { withDates, withSection } from './document-edits.js';
import {
  type DocProvider,
  type DocRef,
  type DocumentEditResult,
  DocumentMissingError,
  EditConflictError,
  type EditableDocument,
  type HostedEditor,
  ProviderError,
} from '../types.js';

export interface LocalProviderOptions {
  /** Where the Markdown lives: files on Node (`fileBlobs`), a database table on Workers (`sqlBlobs`). */
  blobs: TextBlobs;
  /** Base of the docUrl, e.g. http://localhost:8787. */
  publicUrl: string;
}

const SAFE_ID = /^[A-Za-z0-9-]+$/;
const VERSION = /^[0-9a-f]{16}$/;
/** File times can be coarse and a save can race a cycle: look back a little further than the cursor. */
const CHANGE_OVERLAP_MS = 2_000;

/** A short content hash: the editor's guard against saving over someone else's edit. */
async function versionOf(markdown: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(markdown)));
  return [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The embedded default: plan documents in Markdown that the service serves itself, at the plan's
 * docUrl, to the four parties only (the HTTP layer applies the access rule). Edits made in the
 * browser editor and edits made to the stored text (a file on Node) both count.
 */
export function localProvider(options: LocalProviderOptions): DocProvider {
  const { blobs } = options;
  const checkedId = (docId: string) => {
    if (!SAFE_ID.test(docId)) throw new DocumentMissingError(`[local] "${docId}" is not a document id`);
    return docId;
  };

  async function read(ref: DocRef): Promise<EditableDocument> {
    const stored = await blobs.get(checkedId(ref.docId));
    if (!stored) throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted`);
    return { markdown: stored.text, version: await versionOf(stored.text) };
  }

  /** What a person opened or saved is kept: the base a later save of theirs merges against. */
  async function remembered(ref: DocRef, doc: EditableDocument): Promise<EditableDocument> {
    await blobs.keepVersion(ref.docId, doc.version, doc.markdown);
    return doc;
  }

  const hostedEditor: HostedEditor = {
    load: async (ref) => remembered(ref, await read(ref)),
    async save(ref, markdown, baseVersion) {
      const current = await read(ref);
      if (current.version !== baseVersion) throw new EditConflictError(await remembered(ref, current));
      // Someone may have saved between the read and the write: the replace compares again, atomically.
      if (!(await blobs.replace(ref.docId, current.markdown, markdown))) throw new EditConflictError(await remembered(ref, await read(ref)));
      return remembered(ref, { markdown, version: await versionOf(markdown) });
    },
    async loadVersion(ref, version) {
      checkedId(ref.docId);
      return VERSION.test(version) ? blobs.getVersion(ref.docId, version) : null;
    },
  };

  /**
   * Change the text with `edit` unless it returns null (nothing to do); the write compares and swaps,
   * so an edit saved meanwhile in the editor is read again instead of lost.
   */
  async function editText(ref: DocRef, edit: (markdown: string) => string | null): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await read(ref);
      const next = edit(current.markdown);
      if (next === null || next === current.markdown) return false;
      if (await blobs.replace(ref.docId, current.markdown, next)) return true;
    }
    throw new ProviderError(`[local] the document of plan ${ref.planId} kept changing while it was being written`, { retryable: true });
  }

  return {
    name: 'local',
    hostedEditor,
    async createDocument(input) {
      await blobs.createIfAbsent(checkedId(input.planId), input.markdown);
      await input.audit({
        kind: 'sharing.granted',
        actor: 'service',
        message: `Served by this service to ${sharedRoles(input.parties.stage).map((role) => input.parties[role].email).join(', ')} and HR only.`,
      });
      return {
        docId: input.planId,
        docUrl: `${options.publicUrl}/docs/${input.planId}`,
        sharing: { state: 'ok', issues: [] },
      };
    },
    async readDocument(ref) {
      return markdownToDocument((await read(ref)).markdown);
    },
    async detectChanges(cursor, docs) {
      const startedAt = Date.now();
      if (!cursor) return { changed: 'all', cursor: String(startedAt) };
      // A missing document "changed" too: reading it records that it is gone.
      const changed = await blobs.changedSince(docs.map((doc) => checkedId(doc.docId)), Number(cursor) - CHANGE_OVERLAP_MS);
      return { changed, cursor: String(startedAt) };
    },
    async appendSection(ref, section) {
      return (await editText(ref, (markdown) => withSection(markdown, section))) ? 'written' : 'present';
    },
    async writeDates(ref, change) {
      let result: DocumentEditResult = 'present';
      await editText(ref, (markdown) => {
        const edited = withDates(markdown, change);
        result = edited.result;
        return edited.markdown;
      });
      return result;
    },
    async shareDocument(input) {
      // The access rule (auth/access.ts) serves a shared plan's document to its team member too.
      await read(input.ref);
      const { email } = input.parties.teamMember;
      await input.audit({ kind: 'sharing.granted', actor: 'service', message: `Served by this service to ${email} too, now that the plan is shared.`, data: { party: 'teamMember' } });
      return { state: 'ok', issues: [] };
    },
    async enforceSharing(ref) {
      // Nobody but the service can grant access to a local document: the HTTP layer serves it to
      // the four parties and HR only, so there is nothing to drift. A missing document is still a finding.
      if (!(await blobs.get(checkedId(ref.docId)))) throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted`);
      return { state: 'ok', issues: [] };
    },
  } satisfies DocProvider;
}
