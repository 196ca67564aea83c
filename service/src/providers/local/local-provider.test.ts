import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractCreateInput, describeProvider } from '../../../../test/contracts/doc-provider.js';
import { EditConflictError } from '../types.js';
import { fileBlobs } from './file-blobs.js';
import { localProvider } from './index.js';

function makeLocal() {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-provider-'));
  const provider = localProvider({ blobs: fileBlobs(join(dataDir, 'documents')), publicUrl: 'http://localhost:8787' });
  const file = (docId: string) => join(dataDir, 'documents', `${docId}.md`);
  return {
    provider,
    file,
    async addProgressRow(docId: string, row: { date: string; text: string; by: string }) {
      appendFileSync(file(docId), `| ${row.date} | ${row.text} | ${row.by} |\n`);
    },
    async deleteDocument(docId: string) {
      rmSync(file(docId));
    },
    async storedText(docId: string) {
      return readFileSync(file(docId), 'utf8');
    },
    async close() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeProvider('local', async () => makeLocal());

/** A new local document, loaded once and saved once with a line of Ana's notes. */
async function openedAndSaved() {
  const local = makeLocal();
  const planId = crypto.randomUUID();
  await local.provider.createDocument(contractCreateInput(planId, { current: {} }, []));
  const editor = local.provider.hostedEditor!;
  const ref = { planId, docId: planId };
  const opened = await editor.load(ref);
  const saved = await editor.save(ref, `${opened.markdown}Ana's notes\n`, opened.version);
  return { local, planId, editor, ref, opened, saved };
}

describe('the hosted editor', () => {
  it('saves against the version it loaded and refuses a stale save without writing', async () => {
    const { local, planId, editor, ref, opened, saved } = await openedAndSaved();
    await expect(editor.save(ref, 'Ben overwrites', opened.version)).rejects.toBeInstanceOf(EditConflictError);
    expect(readFileSync(local.file(planId), 'utf8')).toContain("Ana's notes");
    expect(saved.version).not.toBe(opened.version);
    // Plan text is for the four: only the service's own user can read its files.
    expect(statSync(local.file(planId)).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(local.file(planId))).mode & 0o777).toBe(0o700);
    await local.close();
  });

  it('keeps the text of versions people loaded or saved, as bases for merging; the file edited on disk too', async () => {
    const { local, planId, editor, ref, opened, saved } = await openedAndSaved();
    writeFileSync(local.file(planId), 'edited on disk\n');
    const onDisk = await editor.load(ref);
    expect(await editor.loadVersion(ref, opened.version)).toBe(opened.markdown);
    expect(await editor.loadVersion(ref, saved.version)).toBe(saved.markdown);
    expect(await editor.loadVersion(ref, onDisk.version)).toBe('edited on disk\n');
    expect(await editor.loadVersion(ref, '0123456789abcdef')).toBeNull();
    expect(await editor.loadVersion(ref, '../../etc/passwd')).toBeNull();
    await local.close();
  });

  it('refuses document ids that could reach outside its folder', async () => {
    const local = makeLocal();
    await expect(local.provider.readDocument({ planId: 'x', docId: '../../etc/passwd' })).rejects.toThrow(/not a document id/);
    await local.close();
  });
});
