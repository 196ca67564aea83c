import { describe, expect, it } from 'vitest';
import { call, OWNER, reason, world } from './test-client.js';

const ANA = 'ana@acme.test';
const BEN = 'ben@acme.test';

describe('the Google fake is as strict as Drive on sharing', () => {
  it('applies only the last of concurrent permission writes on one file, and answers all of them', async () => {
    const fake = await world();
    const doc = fake.addDocument('Plan', OWNER, []);
    const [first, second] = await Promise.all(
      [ANA, BEN].map((email) => call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?sendNotificationEmail=false`, { type: 'user', role: 'writer', emailAddress: email })),
    );
    expect([first?.status, second?.status]).toEqual([200, 200]);
    const holders = fake.state.get(doc.id).permissions.map((p) => p.emailAddress);
    expect(holders).toEqual([OWNER, BEN]);
    expect(fake.lostPermissionWrites).toBe(1);
    // One after the other, both are kept.
    expect((await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?sendNotificationEmail=false`, { type: 'user', role: 'writer', emailAddress: ANA })).status).toBe(200);
    expect(
      fake.state
        .get(doc.id)
        .permissions.map((p) => p.emailAddress)
        .sort(),
    ).toEqual([ANA, BEN, OWNER].sort());
  });

  it('refuses the shared-drive roles on a My Drive file', async () => {
    const fake = await world();
    const doc = fake.addDocument('Plan', OWNER, []);
    for (const role of ['organizer', 'fileOrganizer']) {
      const answer = await call(fake, 'POST', `drive/v3/files/${doc.id}/permissions?sendNotificationEmail=false`, { type: 'user', role, emailAddress: ANA });
      expect(answer.status).toBe(400);
      expect(reason(answer.body)).toBe('invalidSharingRequest');
    }
    expect(fake.state.get(doc.id).permissions).toHaveLength(1);
  });

  it("shows a published document's view only when asked with includePermissionsForView=published", async () => {
    const fake = await world();
    const doc = fake.addDocument('Plan', OWNER, []);
    fake.publishToWeb(doc.id);
    const fields = 'permissions(id,type,role,view)';
    const plain = await call(fake, 'GET', `drive/v3/files/${doc.id}?fields=${fields}`);
    expect(plain.body['permissions']).toEqual([expect.objectContaining({ role: 'owner' })]);
    const withView = await call(fake, 'GET', `drive/v3/files/${doc.id}?fields=${fields}&includePermissionsForView=published`);
    expect(withView.body['permissions']).toContainEqual(expect.objectContaining({ type: 'anyone', view: 'published' }));
    const listed = await call(fake, 'GET', `drive/v3/files/${doc.id}/permissions?fields=permissions(id,view)&includePermissionsForView=published`);
    expect(listed.body['permissions']).toContainEqual(expect.objectContaining({ view: 'published' }));
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}?fields=id&includePermissionsForView=metadata`)).status).toBe(400);
  });

  it('lists permissions only to whoever may share the file, at most 100 files a page', async () => {
    const fake = await world();
    fake.addUser(ANA);
    const folder = fake.addFolder('Plans', OWNER);
    for (let i = 0; i < 150; i++) fake.addDocument(`Plan ${i}`, OWNER, [], [folder.id]);
    fake.share(folder.id, { type: 'user', role: 'reader', emailAddress: ANA });
    const q = encodeURIComponent(`'${folder.id}' in parents`);
    const page = await call(fake, 'GET', `drive/v3/files?q=${q}&pageSize=1000&fields=nextPageToken,files(id,permissions(id,role))`);
    expect((page.body['files'] as unknown[]).length).toBe(100);
    expect(page.body['nextPageToken']).toBeTruthy();
    const rest = await call(fake, 'GET', `drive/v3/files?q=${q}&pageSize=1000&fields=nextPageToken,files(id,permissions(id,role))&pageToken=${String(page.body['nextPageToken'])}`);
    expect((rest.body['files'] as unknown[]).length).toBe(50);
    // Without permissions asked for, the page is as large as asked.
    expect(((await call(fake, 'GET', `drive/v3/files?q=${q}&pageSize=1000&fields=files(id)`)).body['files'] as unknown[]).length).toBe(150);
    // A reader cannot share: no permissions in her answer.
    const hers = await call(fake, 'GET', `drive/v3/files?q=${q}&pageSize=10&fields=files(id,permissions(id))`, undefined, { as: ANA });
    expect((hers.body['files'] as Record<string, unknown>[]).every((file) => file['permissions'] === undefined)).toBe(true);
  });
});
