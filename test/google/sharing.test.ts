import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../service/src/domain/audit.js';
import { permissionIdFor } from '../fakes/google/drive-state.js';
import { FOUR_AND_OWNER, googleWorld, grants, OWNER, PARTIES, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function createdPlan(timeoutMs = 5000) {
  const world = await googleWorld(server, { options: { timeoutMs } });
  const { docId } = await world.provider.createDocument(world.input());
  const events: AuditInput[] = [];
  const enforce = () => world.provider.enforceSharing({ planId: 'plan-1', docId }, { ...PARTIES, stage: 'shared' }, async (event) => void events.push(event));
  return { world, docId, events, enforce };
}

function drop(world: World, docId: string, email: string) {
  const file = world.fake.state.get(docId);
  file.permissions = file.permissions.filter((p) => p.emailAddress !== email);
  world.fake.state.touch(file);
}

describe('Google provider: keeping access to exactly the four', () => {
  it("writes one file's permissions one at a time, so two checks at once lose no repair (Drive keeps only the last of concurrent writes)", async () => {
    const { world, docId, enforce } = await createdPlan();
    for (const email of [PARTIES.teamMember.email, PARTIES.manager.email, PARTIES.hr.email]) drop(world, docId, email);
    world.fake.share(docId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
    world.fake.maxConcurrentPermissionWrites = 0;
    await Promise.all([enforce(), enforce()]);
    expect(world.fake.maxConcurrentPermissionWrites).toBe(1);
    expect(world.fake.lostPermissionWrites).toBe(0);
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
  });

  it('finds nothing to repair on an untouched document', async () => {
    const { enforce, events } = await createdPlan();
    expect(await enforce()).toEqual({ state: 'ok', issues: [] });
    expect(events).toEqual([]);
  });

  it.each([
    ['a stray user', { type: 'user' as const, role: 'reader' as const, emailAddress: 'eve@acme.test' }, /eve@acme\.test/],
    ['a group', { type: 'group' as const, role: 'writer' as const, emailAddress: 'everyone@acme.test' }, /everyone@acme\.test/],
    ['anyone with the link', { type: 'anyone' as const, role: 'reader' as const }, /anyone with the link/],
    ['the whole domain', { type: 'domain' as const, role: 'commenter' as const, domain: 'acme.test' }, /everyone in the domain acme\.test/],
  ])('removes %s and audits it', async (_, grant, described) => {
    const { world, docId, enforce, events } = await createdPlan();
    world.fake.share(docId, grant);
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(report.issues).toEqual([expect.stringMatching(described)]);
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(events).toEqual([expect.objectContaining({ kind: 'sharing.removed', message: expect.stringMatching(described) })]);
  });

  it.each(['429', '500', 'performed-500', 'performed-timeout'] as const)('repairs through a %s on the delete and the grant', async (kind) => {
    const { world, docId, enforce } = await createdPlan(kind === 'performed-timeout' ? 300 : 5000);
    world.fake.share(docId, { type: 'anyone', role: 'writer' });
    drop(world, docId, 'ana@acme.test');
    world.fake.inject({ method: 'drive.permissions.delete', kind });
    world.fake.inject({ method: 'drive.permissions.create', kind });
    const emails = world.fake.state.notifications.length;
    expect((await enforce()).state).toBe('repaired');
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(world.fake.state.notifications).toHaveLength(emails);
  });

  it("does not count a group grant carrying a party's email as that party: a group reaches all its members", async () => {
    const { world, docId, enforce, events } = await createdPlan();
    drop(world, docId, 'ana@acme.test');
    world.fake.share(docId, { type: 'group', role: 'writer', emailAddress: 'ana@acme.test' });
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(report.issues.join(' ')).toMatch(/ana@acme\.test \(group writer\)/);
    expect(
      world.fake.state
        .get(docId)
        .permissions.filter((p) => p.emailAddress === 'ana@acme.test')
        .map((p) => `${p.type}:${p.role}`),
    ).toEqual(['user:writer']);
    expect(events.map((e) => e.kind)).toEqual(['sharing.removed', 'sharing.granted']);
  });

  it('unpublishes a document someone published to the web, and audits it', async () => {
    const { world, docId, enforce, events } = await createdPlan();
    world.fake.publishToWeb(docId);
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(report.issues.join(' ')).toMatch(/published to the web/);
    expect(world.fake.isPublished(docId)).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['sharing.removed']);
    expect(await enforce()).toEqual({ state: 'ok', issues: [] });
  });

  it('restores a party someone removed, without emailing them again', async () => {
    const { world, docId, enforce, events } = await createdPlan();
    drop(world, docId, 'cy@acme.test');
    const emails = world.fake.state.notifications.length;
    expect((await enforce()).state).toBe('repaired');
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(world.fake.state.notifications).toHaveLength(emails);
    expect(events.map((e) => e.kind)).toEqual(['sharing.granted']);
  });

  it("sets a changed role back and turns editors' re-sharing off again", async () => {
    const { world, docId, enforce, events } = await createdPlan();
    world.fake.share(docId, { type: 'user', role: 'writer', emailAddress: 'hr@acme.test' });
    const file = world.fake.state.get(docId);
    file.writersCanShare = true;
    file.copyRequiresWriterPermission = false;
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(world.fake.state.get(docId)).toMatchObject({ writersCanShare: false, copyRequiresWriterPermission: true });
    expect(events.map((e) => e.kind)).toEqual(['sharing.repaired', 'sharing.repaired']);
  });

  it('takes access the document inherits off the plans folder (the service owns it), and audits it', async () => {
    const { world, docId, enforce, events } = await createdPlan();
    world.fake.share(world.folderId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(report.issues).toEqual([expect.stringMatching(/eve@acme\.test.*every plan through the plans folder: removed it from the folder/)]);
    expect(grants(world, world.folderId)).toEqual([`${OWNER}:owner`]);
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(events.map((e) => e.kind)).toEqual(['sharing.removed']);
    expect(await enforce()).toEqual({ state: 'ok', issues: [] });
  });

  it('takes a folder grant off the folder when Drive refuses it on the document without saying it is inherited', async () => {
    const { world, docId, enforce } = await createdPlan();
    world.fake.state.permissionDetailsInMyDrive = false;
    world.fake.share(world.folderId, { type: 'anyone', role: 'reader' });
    const report = await enforce();
    expect(report.state).toBe('repaired');
    expect(report.issues.join(' ')).toMatch(/anyone with the link.*plans folder/);
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
  });

  /** The plans folder inside a folder shared from above: Drive refuses removing that grant on the plans folder too. */
  function underSharedParent(world: World, grant: Parameters<World['fake']['share']>[1]) {
    const parent = world.fake.addFolder('Team', OWNER);
    world.fake.state.get(world.folderId).parents = [parent.id];
    world.fake.share(parent.id, grant);
  }

  it('flags access the plans folder itself inherits from a folder above it as a violation it cannot repair', async () => {
    const { world, docId, enforce, events } = await createdPlan();
    underSharedParent(world, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
    const report = await enforce();
    expect(report.state).toBe('violation');
    expect(report.issues).toEqual([expect.stringMatching(/eve@acme\.test.*inherited.*plans folder or a folder above it/)]);
    expect(events.map((e) => e.kind)).toEqual(['sharing.violation']);
    expect(world.fake.state.get(docId).permissions.some((p) => p.id === permissionIdFor('user', 'eve@acme.test'))).toBe(false);
  });

  it('reports a violation when Drive refuses to remove a grant it did not mark as inherited, on the document and the folder', async () => {
    const { world, enforce, events } = await createdPlan();
    world.fake.state.permissionDetailsInMyDrive = false;
    underSharedParent(world, { type: 'anyone', role: 'reader' });
    const report = await enforce();
    expect(report.state).toBe('violation');
    expect(report.issues).toEqual([expect.stringMatching(/anyone with the link.*cannot be removed/)]);
    expect(events.map((e) => e.kind)).toEqual(['sharing.violation']);
  });

  it('on close downgrades the team member and manager to commenters, audited, and keeps that as agreed', async () => {
    const { world, docId, enforce, events } = await createdPlan();
    await world.provider.closeDocument?.({ planId: 'plan-1', docId }, { ...PARTIES, stage: 'shared' }, async (event) => void events.push(event));
    expect(grants(world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', 'plans@acme.test:owner']);
    expect(events.map((e) => [e.kind, e.data?.['party']])).toEqual([
      ['sharing.downgraded', 'teamMember'],
      ['sharing.downgraded', 'manager'],
    ]);
    expect((await enforce()).state).toBe('ok');
  });

  it('treats a trashed or deleted document as missing', async () => {
    const { world, docId, enforce } = await createdPlan();
    world.fake.state.get(docId).trashed = true;
    await expect(enforce()).rejects.toMatchObject({ name: 'DocumentMissingError' });
    world.fake.state.files.delete(docId);
    await expect(enforce()).rejects.toMatchObject({ name: 'DocumentMissingError' });
  });
});
