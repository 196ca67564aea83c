import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEPT_VERSIONS, type TextBlobs } from '../../store/text-blobs.js';

/**
 * Node: each document is `<folder>/<id>.md`, so a person can also edit it with any editor; the
 * file's modification time is its change time. The only Node-specific part of the local provider.
 */
export function fileBlobs(folder: string): TextBlobs {
  const fileOf = (id: string) => join(folder, `${id}.md`);
  /** `<folder>/.versions/<id>/<version>.md`: what people started their edits from. */
  const versionsOf = (id: string) => join(folder, '.versions', id);
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

  /** Replaces in flight per document: the comparison and the write of two replaces must not interleave. */
  const writing = new Map<string, Promise<unknown>>();
  async function oneAtATime<T>(id: string, work: () => Promise<T>): Promise<T> {
    const run = (writing.get(id) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    writing.set(id, settled);
    try {
      return await run;
    } finally {
      if (writing.get(id) === settled) writing.delete(id);
    }
  }

  return {
    async get(id) {
      try {
        const [text, info] = await Promise.all([readFile(fileOf(id), 'utf8'), stat(fileOf(id))]);
        return { text, modifiedAt: info.mtimeMs };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async createIfAbsent(id, text) {
      // Plan text is for the four: only the service's own user may read these files.
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await chmod(folder, 0o700);
      await writeFile(fileOf(id), text, { encoding: 'utf8', flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    },
    replace: (id, expected, text) =>
      oneAtATime(id, async () => {
        const current = await readFile(fileOf(id), 'utf8').catch((error: unknown) => {
          if (missing(error)) return null;
          throw error;
        });
        if (current !== expected) return false;
        // A temporary file renamed over the old one: a reader never sees half a document.
        const temporary = `${fileOf(id)}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, fileOf(id));
        return true;
      }),
    async changedSince(ids, since) {
      const changed: string[] = [];
      for (const id of ids) {
        const info = await stat(fileOf(id)).catch(() => null);
        if (!info || info.mtimeMs >= since) changed.push(id);
      }
      return changed;
    },
    async keepVersion(id, version, text) {
      const dir = versionsOf(id);
      const path = join(dir, `${version}.md`);
      if (
        await stat(path).then(
          () => true,
          () => false,
        )
      )
        return;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
      const names = await readdir(dir);
      if (names.length <= KEPT_VERSIONS) return;
      const dated = await Promise.all(names.map(async (name) => ({ name, at: (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })));
      dated.sort((a, b) => a.at - b.at);
      await Promise.all(dated.slice(0, names.length - KEPT_VERSIONS).map(({ name }) => rm(join(dir, name), { force: true })));
    },
    getVersion: (id, version) => readFile(join(versionsOf(id), `${version}.md`), 'utf8').catch(() => null),
  };
}
