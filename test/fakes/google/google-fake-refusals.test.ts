import { describe, expect, it } from 'vitest';
import { call, OWNER, reason, world } from './test-client.js';

const DOCS = { root: 'https://docs.googleapis.com/' };

describe('the Google fake refuses what Google refuses, and changes nothing', () => {
  it('output-only fields in a files.create body: owners, permissions', async () => {
    const fake = await world();
    const before = fake.state.files.size;
    for (const body of [
      { name: 'x', owners: [{ emailAddress: 'eve@acme.test' }] },
      { name: 'x', permissions: [{ type: 'anyone', role: 'reader' }] },
    ]) {
      const answer = await call(fake, 'POST', 'drive/v3/files', body);
      expect([answer.status, reason(answer.body)]).toEqual([403, 'fieldNotWritable']);
    }
    expect(fake.state.files.size).toBe(before);
  });

  it('output-only fields in a permission body: id, permissionDetails', async () => {
    const fake = await world();
    const folder = fake.addFolder('f', OWNER);
    for (const extra of [{ id: '123' }, { permissionDetails: [{ inherited: false }] }]) {
      const answer = await call(fake, 'POST', `drive/v3/files/${folder.id}/permissions`, { type: 'user', role: 'reader', emailAddress: 'a@acme.test', ...extra });
      expect([answer.status, reason(answer.body)]).toEqual([403, 'fieldNotWritable']);
    }
    expect(fake.state.get(folder.id).permissions).toHaveLength(1);
  });

  it('an integer outside its documented range: pageSize=1000 on permissions.list, 0 on files.list', async () => {
    const fake = await world();
    const folder = fake.addFolder('f', OWNER);
    const tooMany = await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?pageSize=1000`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('[1, 100]');
    expect((await call(fake, 'GET', 'drive/v3/files?pageSize=0')).status).toBe(400);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?pageSize=100`)).status).toBe(200);
  });

  it('a page token it did not issue, or one from another listing', async () => {
    const fake = await world();
    const folder = fake.addFolder('f', OWNER);
    for (const name of ['a@acme.test', 'b@acme.test']) fake.share(folder.id, { type: 'user', role: 'reader', emailAddress: name });
    const garbage = await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?pageToken=garbage`);
    expect([garbage.status, reason(garbage.body)]).toEqual([400, 'invalid']);
    expect((await call(fake, 'GET', 'drive/v3/files?pageToken=2')).status).toBe(400);
    expect((await call(fake, 'GET', 'drive/v3/changes?pageToken=nonsense')).status).toBe(400);
    const first = await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?pageSize=1`);
    const token = String(first.body['nextPageToken']);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?pageSize=1&pageToken=${encodeURIComponent(token)}`)).status).toBe(200);
    const other = fake.addFolder('g', OWNER);
    expect((await call(fake, 'GET', `drive/v3/files/${other.id}/permissions?pageToken=${encodeURIComponent(token)}`)).status).toBe(400);
  });

  it('a batchUpdate with no requests', async () => {
    const fake = await world();
    const doc = fake.addDocument('Plan', OWNER, []);
    const before = fake.state.documents.get(doc.id)!.revision;
    for (const body of [{}, { requests: [] }]) {
      const answer = await call(fake, 'POST', `v1/documents/${doc.id}:batchUpdate`, body, DOCS);
      expect(answer.status).toBe(400);
    }
    expect(fake.state.documents.get(doc.id)!.revision).toBe(before);
  });
});

describe('the Google fake answers only the fields asked for', () => {
  it('applies the mask, nested and across a list', async () => {
    const fake = await world();
    const folder = fake.addFolder('f', OWNER);
    fake.share(folder.id, { type: 'user', role: 'reader', emailAddress: 'a@acme.test' });
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}?fields=id,trashed`)).body).toEqual({ id: folder.id, trashed: false });
    const list = await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?fields=permissions(id,role)`);
    expect(list.body).toEqual({ permissions: [expect.objectContaining({ role: 'owner' }), expect.objectContaining({ role: 'reader' })] });
    expect(Object.keys((list.body['permissions'] as object[])[1]!)).toEqual(['id', 'role']);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}?fields=owners/emailAddress`)).body).toEqual({ owners: [{ emailAddress: OWNER }] });
  });

  it("without fields, answers Drive's default set, not the whole resource", async () => {
    const fake = await world();
    const folder = fake.addFolder('f', OWNER);
    const file = await call(fake, 'GET', `drive/v3/files/${folder.id}`);
    expect(Object.keys(file.body).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const permissions = await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions`);
    expect(permissions.body['permissions']).toEqual([{ kind: 'drive#permission', id: expect.any(String), type: 'user', role: 'owner' }]);
  });
});

describe('the Google fake converts uploads as Drive does', () => {
  const upload = async (fake: Awaited<ReturnType<typeof world>>, mimeType: string, text: string) => {
    const boundary = 'fake-boundary';
    const body = `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ name: 'x', mimeType: 'application/vnd.google-apps.document' })}\r\n--${boundary}\r\ncontent-type: ${mimeType}\r\n\r\n${text}\r\n--${boundary}--`;
    const { authed } = await import('./test-client.js');
    const headers = authed(fake);
    headers.set('content-type', `multipart/related; boundary=${boundary}`);
    const answer = await fake.handle({ method: 'POST', url: 'https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart', headers, body });
    if (answer.hang) throw new Error('hang');
    return fake.state.documents.get((JSON.parse(answer.body) as { id: string }).id)!.tabs[0]!.nodes;
  };

  it('a text/plain upload stays plain text; the same text as Markdown becomes a heading and a table', async () => {
    const fake = await world();
    const text = '# Plan\n| a | b |';
    expect(await upload(fake, 'text/plain', text)).toEqual([
      { kind: 'paragraph', text: '# Plan', style: 'NORMAL_TEXT' },
      { kind: 'paragraph', text: '| a | b |', style: 'NORMAL_TEXT' },
    ]);
    expect(await upload(fake, 'text/markdown', text)).toEqual([
      { kind: 'paragraph', text: 'Plan', style: 'HEADING_1' },
      { kind: 'table', rows: [['a', 'b']] },
    ]);
  });
});
