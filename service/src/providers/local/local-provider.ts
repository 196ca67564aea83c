import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { markdownToDocument } from '../../domain/markdown.js';
import { PARTY_ROLES } from '../../domain/plan-schema.js';
import {
  type DocProvider,
  type DocRef,
  DocumentMissingError,
  EditConflictError,
  type EditableDocument,
  type HostedEditor,
} from '../types.js';

export interface LocalProviderOptions {
  /** Documents live in `<dataDir>/documents/<planId>.md`. */
  dataDir: string;
  /** Base of the docUrl, e.g. http://localhost:8787. */
  publicUrl: string;
}

const SAFE_ID = /^[A-Za-z0-9-]+$/;
const VERSION = /^[0-9a-f]{16}$/;
/**
 * Earlier versions kept per document, as bases for three-way merges: an editor open for a long time
 * while others save many times still merges; past this, its save is a conflict and nothing is lost.
 */
const KEPT_VERSIONS = 50;
/** File times can be coarse and a save can race a cycle: look back a little further than the cursor. */
const CHANGE_OVERLAP_MS = 2_000;

/**
 * The embedded default: plan documents as Markdown files the service serves itself, at the plan's
 * docUrl, to the four parties only (the HTTP layer applies the access rule). Edits made in the
 * browser editor and edits made to the file on disk both count.
 */
export function localProvider(options: LocalProviderOptions): DocProvider {
  const folder = join(options.dataDir, 'documents');
  const fileOf = (docId: string) => {
    if (!SAFE_ID.test(docId)) throw new DocumentMissingError(`[local] "${docId}" is not a document id`);
    return join(folder, `${docId}.md`);
  };
  const versionOf = (markdown: string) => createHash('sha256').update(markdown).digest('hex').slice(0, 16);

  /** `<dataDir>/documents/.versions/<docId>/<version>.md`: what people started their edits from. */
  const versionsOf = (docId: string) => join(folder, '.versions', docId);

  async function remember(docId: string, doc: EditableDocument): Promise<void> {
    const dir = versionsOf(docId);
    const path = join(dir, `${doc.version}.md`);
    if (await stat(path).then(() => true, () => false)) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(path, doc.markdown, { encoding: 'utf8', mode: 0o600 });
    const names = await readdir(dir);
    if (names.length <= KEPT_VERSIONS) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, at: (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => a.at - b.at);
    await Promise.all(dated.slice(0, names.length - KEPT_VERSIONS).map(({ name }) => rm(join(dir, name), { force: true })));
  }

  async function load(ref: DocRef): Promise<EditableDocument> {
    try {
      const markdown = await readFile(fileOf(ref.docId), 'utf8');
      const doc = { markdown, version: versionOf(markdown) };
      await remember(ref.docId, doc);
      return doc;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted from the data folder`, { cause: error });
      }
      throw error;
    }
  }

  /** Write to a temporary file and rename, so a reader never sees half a document. */
  async function writeAtomically(path: string, markdown: string) {
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, markdown, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  }

  /** Saves in flight per document: the version check and the write of two saves must not interleave. */
  const saving = new Map<string, Promise<unknown>>();
  async function oneAtATime<T>(docId: string, work: () => Promise<T>): Promise<T> {
    const run = (saving.get(docId) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    saving.set(docId, settled);
    try {
      return await run;
    } finally {
      if (saving.get(docId) === settled) saving.delete(docId);
    }
  }

  const hostedEditor: HostedEditor = {
    load,
    save: (ref, markdown, baseVersion) =>
      oneAtATime(ref.docId, async () => {
        const current = await load(ref);
        if (current.version !== baseVersion) throw new EditConflictError(current);
        await writeAtomically(fileOf(ref.docId), markdown);
        const saved = { markdown, version: versionOf(markdown) };
        await remember(ref.docId, saved);
        return saved;
      }),
    async loadVersion(ref, version) {
      fileOf(ref.docId);
      if (!VERSION.test(version)) return null;
      return readFile(join(versionsOf(ref.docId), `${version}.md`), 'utf8').catch(() => null);
    },
  };

  return {
    name: 'local',
    hostedEditor,
    async createDocument(input) {
      // Plan text is for the four: only the service's own user may read these files.
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await chmod(folder, 0o700);
      const path = fileOf(input.planId);
      // A resumed create must never overwrite what people already wrote.
      const exists = await stat(path).then(() => true, () => false);
      if (!exists) await writeFile(path, input.markdown, { encoding: 'utf8', flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await input.audit({
        kind: 'sharing.granted',
        actor: 'service',
        message: `Served by this service to ${PARTY_ROLES.map((role) => input.parties[role].email).join(', ')} and HR only.`,
      });
      return {
        docId: input.planId,
        docUrl: `${options.publicUrl}/docs/${input.planId}`,
        sharing: { state: 'ok', issues: [] },
      };
    },
    async readDocument(ref) {
      return markdownToDocument((await load(ref)).markdown);
    },
    async detectChanges(cursor, docs) {
      const startedAt = Date.now();
      if (!cursor) return { changed: 'all', cursor: String(startedAt) };
      const since = Number(cursor) - CHANGE_OVERLAP_MS;
      const changed: string[] = [];
      for (const doc of docs) {
        const info = await stat(fileOf(doc.docId)).catch(() => null);
        // A missing file "changed" too: reading it records that it is gone.
        if (!info || info.mtimeMs >= since) changed.push(doc.docId);
      }
      return { changed, cursor: String(startedAt) };
    },
    async enforceSharing(ref) {
      // Nobody but the service can grant access to a local document: the HTTP layer serves it to
      // the four parties and HR only, so there is nothing to drift. A missing file is still a finding.
      await stat(fileOf(ref.docId)).catch((error: unknown) => {
        throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted`, { cause: error });
      });
      return { state: 'ok', issues: [] };
    },
  } satisfies DocProvider;
}
