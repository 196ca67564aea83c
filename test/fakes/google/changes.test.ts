import { describe, expect, it } from 'vitest';
import { call, OWNER, world } from './test-client.js';

const ANA = 'ana@acme.test';
type Change = { fileId: string; removed: boolean; file?: { id: string } };

async function changesSince(fake: Awaited<ReturnType<typeof world>>, token: string, as: string): Promise<Change[]> {
  const page = await call(fake, 'GET', `drive/v3/changes?pageToken=${token}&pageSize=1000&fields=changes(fileId,removed,file/id),newStartPageToken`, undefined, { as });
  expect(page.status).toBe(200);
  return page.body['changes'] as Change[];
}

describe("the Google fake's change feed is the caller's own", () => {
  it('lists only files the caller can see', async () => {
    const fake = await world();
    fake.addUser(ANA);
    const start = String((await call(fake, 'GET', 'drive/v3/changes/startPageToken', undefined, { as: ANA })).body['startPageToken']);
    // Ana's token is hers alone.
    expect((await call(fake, 'GET', `drive/v3/changes?pageToken=${start}`, undefined, { as: OWNER })).status).toBe(400);
    const ownerStart = String((await call(fake, 'GET', 'drive/v3/changes/startPageToken', undefined, { as: OWNER })).body['startPageToken']);
    const mine = fake.addDocument('Shared with Ana', OWNER, []);
    fake.share(mine.id, { type: 'user', role: 'writer', emailAddress: ANA });
    const other = fake.addDocument('Not shared with Ana', OWNER, []);
    fake.editDocument(other.id, (nodes) => nodes.push({ kind: 'paragraph', text: 'secret', style: 'NORMAL_TEXT' }));
    const seen = await changesSince(fake, start, ANA);
    expect(seen.map((c) => c.fileId)).toEqual([mine.id]);
    expect(seen[0]).toMatchObject({ removed: false, file: { id: mine.id } });
    // The owner sees both, from a token of its own.
    expect(new Set((await changesSince(fake, ownerStart, OWNER)).map((c) => c.fileId))).toEqual(new Set([mine.id, other.id]));
  });

  it('reports removed, without the file, when the caller loses access or the file is deleted', async () => {
    const fake = await world();
    fake.addUser(ANA);
    const a = fake.addDocument('A', OWNER, []);
    const b = fake.addDocument('B', OWNER, []);
    for (const file of [a, b]) fake.share(file.id, { type: 'user', role: 'reader', emailAddress: ANA });
    const start = String((await call(fake, 'GET', 'drive/v3/changes/startPageToken', undefined, { as: ANA })).body['startPageToken']);
    const grant = fake.state.get(a.id).permissions.find((p) => p.emailAddress === ANA)!;
    expect((await call(fake, 'DELETE', `drive/v3/files/${a.id}/permissions/${grant.id}`)).status).toBe(204);
    fake.deleteFile(b.id);
    expect(await changesSince(fake, start, ANA)).toEqual([
      { fileId: a.id, removed: true },
      { fileId: b.id, removed: true },
    ]);
    // Later changes to the file she lost no longer reach her feed.
    const next = String((await call(fake, 'GET', 'drive/v3/changes/startPageToken', undefined, { as: ANA })).body['startPageToken']);
    fake.editDocument(a.id, (nodes) => nodes.push({ kind: 'paragraph', text: 'after', style: 'NORMAL_TEXT' }));
    expect(await changesSince(fake, next, ANA)).toEqual([]);
  });
});
