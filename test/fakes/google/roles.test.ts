import { describe, expect, it } from 'vitest';
import { call, OWNER, reason, world } from './test-client.js';

const READER = 'rita@acme.test';
const COMMENTER = 'carl@acme.test';
const WRITER = 'wes@acme.test';
const OUTSIDER = 'olga@acme.test';
const DOCS = { root: 'https://docs.googleapis.com/' };

/** A document owned by OWNER with a reader, a commenter and a writer. */
async function sharedDocument() {
  const fake = await world();
  for (const user of [READER, COMMENTER, WRITER, OUTSIDER]) fake.addUser(user);
  const doc = fake.addDocument('Plan', OWNER, [{ kind: 'paragraph', text: 'hello', style: 'NORMAL_TEXT' }]);
  fake.share(doc.id, { type: 'user', role: 'reader', emailAddress: READER });
  fake.share(doc.id, { type: 'user', role: 'commenter', emailAddress: COMMENTER });
  fake.share(doc.id, { type: 'user', role: 'writer', emailAddress: WRITER });
  const edit = { requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] };
  const grant = { type: 'user', role: 'reader', emailAddress: OUTSIDER };
  return { fake, doc, edit, grant };
}

describe("the Google fake applies Drive's roles", () => {
  it.each([READER, COMMENTER])('%s can read but not edit, share, rename or trash', async (user) => {
    const { fake, doc, edit, grant } = await sharedDocument();
    expect((await call(fake, 'GET', `v1/documents/${doc.id}`, undefined, { ...DOCS, as: user })).status).toBe(200);
    expect((await call(fake, 'POST', `v1/documents/${doc.id}:batchUpdate`, edit, { ...DOCS, as: user })).status).toBe(403);
    const share = await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions`, grant, { as: user });
    expect([share.status, reason(share.body)]).toEqual([403, 'insufficientFilePermissions']);
    expect((await call(fake, 'PATCH', `drive/v3/files/${doc.id}`, { name: 'Mine' }, { as: user })).status).toBe(403);
    expect((await call(fake, 'PATCH', `drive/v3/files/${doc.id}`, { trashed: true }, { as: user })).status).toBe(403);
    expect(fake.state.get(doc.id)).toMatchObject({ name: 'Plan', trashed: false });
    expect(fake.state.get(doc.id).permissions.map((p) => p.emailAddress)).not.toContain(OUTSIDER);
  });

  it('a reader cannot copy a file whose copyRequiresWriterPermission is set', async () => {
    const { fake, doc } = await sharedDocument();
    fake.state.get(doc.id).copyRequiresWriterPermission = true;
    expect(reason((await call(fake, 'POST', `drive/v3/files/${doc.id}/copy`, {}, { as: READER })).body)).toBe('cannotCopyFile');
  });

  it('a writer edits, and shares only while writersCanShare is true', async () => {
    const { fake, doc, edit, grant } = await sharedDocument();
    expect((await call(fake, 'POST', `v1/documents/${doc.id}:batchUpdate`, edit, { ...DOCS, as: WRITER })).status).toBe(200);
    fake.state.get(doc.id).writersCanShare = false;
    const refused = await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions`, grant, { as: WRITER });
    expect([refused.status, reason(refused.body)]).toEqual([403, 'insufficientFilePermissions']);
    const readerId = fake.state.get(doc.id).permissions.find((p) => p.emailAddress === READER)!.id;
    expect((await call(fake, 'DELETE', `drive/v3/files/${doc.id}/permissions/${readerId}`, undefined, { as: WRITER })).status).toBe(403);
    // Nor may a writer turn the setting back on: it is the owner's.
    expect((await call(fake, 'PATCH', `drive/v3/files/${doc.id}`, { writersCanShare: true }, { as: WRITER })).status).toBe(403);
    fake.state.get(doc.id).writersCanShare = true;
    expect((await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?sendNotificationEmail=false`, grant, { as: WRITER })).status).toBe(200);
  });

  it('a group grant gives its members the role', async () => {
    const { fake, doc, edit } = await sharedDocument();
    fake.state.groupMembers.set('team@acme.test', new Set([OUTSIDER]));
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`, undefined, { as: OUTSIDER })).status).toBe(404);
    fake.share(doc.id, { type: 'group', role: 'reader', emailAddress: 'team@acme.test' });
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`, undefined, { as: OUTSIDER })).status).toBe(200);
    expect((await call(fake, 'POST', `v1/documents/${doc.id}:batchUpdate`, edit, { ...DOCS, as: OUTSIDER })).status).toBe(403);
  });

  it('transferring ownership leaves one owner, and only the owner may do it', async () => {
    const { fake, doc } = await sharedDocument();
    const toWriter = { type: 'user', role: 'owner', emailAddress: WRITER };
    expect(reason((await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions`, toWriter)).body)).toBe('consentRequiredForOwnershipTransfer');
    expect((await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?transferOwnership=true`, toWriter, { as: WRITER })).status).toBe(403);
    expect((await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?transferOwnership=true`, toWriter)).status).toBe(200);
    const roles = Object.fromEntries(fake.state.get(doc.id).permissions.map((p) => [p.emailAddress, p.role]));
    expect(roles).toMatchObject({ [WRITER]: 'owner', [OWNER]: 'writer' });
    expect(Object.values(roles).filter((role) => role === 'owner')).toHaveLength(1);
    expect(fake.state.get(doc.id).owner).toBe(WRITER);
    // The former owner is a writer now: the file's sharing settings are no longer theirs.
    expect((await call(fake, 'PATCH', `drive/v3/files/${doc.id}`, { trashed: true })).status).toBe(403);
  });

  it('someone without access gets 404 from Drive and 403 from Docs', async () => {
    const { fake, doc } = await sharedDocument();
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`, undefined, { as: OUTSIDER })).status).toBe(404);
    expect((await call(fake, 'GET', `v1/documents/${doc.id}`, undefined, { ...DOCS, as: OUTSIDER })).status).toBe(403);
  });
});
