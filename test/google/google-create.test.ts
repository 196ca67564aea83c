import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { documentText } from '../fakes/google/docs-model.js';
import { permissionIdFor } from '../fakes/google/drive-state.js';
import { FOUR_AND_OWNER, googleWorld, grants, liveDocs, OWNER, PLAN, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const parseOptions = { dateOrder: 'DMY' as const, planStartDate: PLAN.startDate };

/** Someone shares the plans folder when the create reaches this request (e.g. `/files/generateIds`). */
function shareFolderAt(world: World, path: string, grant: Parameters<World['fake']['share']>[1]) {
  const handle = world.fake.handle.bind(world.fake);
  let done = false;
  world.fake.handle = async (request) => {
    const url = new URL(request.url);
    if (!done && url.pathname.endsWith(path)) {
      done = true;
      world.fake.share(world.folderId, grant);
    }
    return handle(request);
  };
}

/** Every Google Doc in the plans folder, in the trash or not: a trashed one is still readable by all who had access. */
const planDocs = (world: World) => [...world.fake.state.files.values()].filter((f) => f.mimeType.endsWith('document') && f.parents.includes(world.folderId));

describe('Google provider: creating a plan document', () => {
  it('imports the repo template into the private folder, titled, shared with exactly the four', async () => {
    const world = await googleWorld(server);
    const created = await world.provider.createDocument(world.input());

    expect(liveDocs(world).map((f) => f.name)).toEqual(['Coaching plan: Ana, Dec 2026']);
    const file = world.fake.state.get(created.docId);
    expect(file.owner).toBe('plans@acme.test');
    expect(file.writersCanShare).toBe(false);
    expect(file.copyRequiresWriterPermission).toBe(true);
    expect(grants(world, created.docId)).toEqual(FOUR_AND_OWNER);
    expect(created).toMatchObject({ docUrl: `https://docs.google.com/document/d/${created.docId}/edit`, sharing: { state: 'ok', issues: [] } });

    // Each party got one email that says what the document is.
    expect(world.fake.state.notifications.map((n) => n.to)).toEqual(['ana@acme.test', 'ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
    expect(world.fake.state.notifications[0]?.message).toMatch(/Ben started a coaching plan for Ana.*shared only with Ana, Ben, Cy and HR/);
    expect(world.fake.maxConcurrentPermissionWrites).toBe(1);
    expect(world.fake.log.filter((entry) => entry.status !== 200 && entry.status !== 204)).toEqual([]);
    expect(world.audit.filter((e) => e.kind === 'sharing.granted')).toHaveLength(4);

    // What the people see parses as the plan: three activities, no progress yet.
    const parsed = parsePlanDocument(await world.provider.readDocument({ planId: 'plan-1', docId: created.docId }), parseOptions);
    expect(parsed.activities.map((a) => [a.title, a.status])).toEqual([
      ['Shadow two customer calls', 'not_started'],
      ['Write the first weekly update', 'not_started'],
      ['Writing course', 'not_started'],
    ]);
    expect(parsed.progressEntries).toEqual([]);
  });

  it('copies the template Google Doc into the folder and fills every placeholder', async () => {
    const world = await googleWorld(server, { template: true });
    const created = await world.provider.createDocument(world.input());

    const doc = world.fake.state.documents.get(created.docId);
    const text = documentText(doc!);
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('Coaching plan: Ana, Dec 2026');
    expect(text).toContain('Status updates are irregular');
    expect(world.fake.state.get(created.docId).parents).toEqual([world.folderId]);
    // The activities became rows of the template's Activities table.
    const parsed = parsePlanDocument(await world.provider.readDocument({ planId: 'plan-1', docId: created.docId }), parseOptions);
    expect(parsed.activities.map((a) => [a.title, a.owner, a.due, a.status])).toEqual([
      ['Shadow two customer calls', 'Ana', '2026-12-10', 'not_started'],
      ['Write the first weekly update', 'Ana', '2026-12-08', 'not_started'],
      ['Writing course', 'Ben', '2026-12-20', 'not_started'],
    ]);
    expect(world.fake.counts()['drive.files.copy']).toBe(1);
    expect(grants(world, created.docId)).toEqual(FOUR_AND_OWNER);
    // The template itself stays untouched, and private.
    const template = world.fake.state.documents.get(world.env['GOOGLE_TEMPLATE_DOC_ID']!);
    expect(documentText(template!)).toContain('{{teamMember.name}}');
  });

  it('fills a template Doc whose Activities table has a {{activityRows}} row, and a retried fill adds no rows', async () => {
    const world = await googleWorld(server, { template: true });
    const templateId = world.env['GOOGLE_TEMPLATE_DOC_ID']!;
    world.fake.editDocument(templateId, (nodes) => {
      const at = nodes.findIndex((n) => n.kind === 'paragraph' && n.text === '{{activityRows}}');
      nodes.splice(at, 1);
      const table = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Activity');
      if (table?.kind === 'table') table.rows.push(['{{activityRows}}', '', '', '']);
    });
    world.fake.inject({ method: 'docs.documents.batchUpdate', kind: 'performed-500' });
    const created = await world.provider.createDocument(world.input());
    const model = await world.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    const table = model.blocks.find((b) => b.type === 'table' && b.rows[0]?.[0] === 'Activity');
    expect(table).toEqual({
      type: 'table',
      rows: [
        ['Activity', 'Owner', 'Due', 'Status'],
        ['Shadow two customer calls', 'Ana', '2026-12-10', 'Not started'],
        ['Write the first weekly update', 'Ana', '2026-12-08', 'Not started'],
        ['Writing course', 'Ben', '2026-12-20', 'Not started'],
      ],
    });
  });

  it('shares with an HR group as a group, and the roles come from the settings', async () => {
    const world = await googleWorld(server, { env: { GOOGLE_GROUP_EMAILS: 'hr@acme.test', GOOGLE_ROLE_HR: 'reader', GOOGLE_ROLE_MANAGERS_MANAGER: 'writer' } });
    const created = await world.provider.createDocument(world.input());
    const permissions = world.fake.state.effectivePermissions(world.fake.state.get(created.docId));
    expect(permissions.find((p) => p.emailAddress === 'hr@acme.test')).toMatchObject({ type: 'group', role: 'reader' });
    expect(permissions.find((p) => p.emailAddress === 'cy@acme.test')).toMatchObject({ type: 'user', role: 'writer' });
    expect(created.sharing.state).toBe('ok');
  });

  it('when the owner account is itself one of the four (HR owns the documents), it stays owner and is not granted or emailed', async () => {
    const world = await googleWorld(server, { env: { GOOGLE_SUBJECT: 'hr@acme.test' } });
    const folder = world.fake.state.get(world.folderId);
    folder.owner = 'hr@acme.test';
    folder.permissions = [{ id: permissionIdFor('user', 'hr@acme.test'), type: 'user', role: 'owner', emailAddress: 'hr@acme.test' }];
    const created = await world.provider.createDocument(world.input());
    expect(grants(world, created.docId)).toEqual(['ana@acme.test:writer', 'ben@acme.test:writer', 'cy@acme.test:commenter', 'hr@acme.test:owner']);
    expect(world.fake.state.notifications.map((n) => n.to)).toEqual(['ana@acme.test', 'ben@acme.test', 'cy@acme.test']);
    expect(created.sharing.state).toBe('ok');
    const events: unknown[] = [];
    expect(await world.provider.enforceSharing({ planId: 'plan-1', docId: created.docId }, world.input().parties, async (e) => void events.push(e))).toEqual({
      state: 'ok',
      issues: [],
    });
    expect(events).toEqual([]);
  });

  it('fails closed on inherited access even when Drive does not say it is inherited (no permissionDetails)', async () => {
    const world = await googleWorld(server);
    world.fake.state.permissionDetailsInMyDrive = false;
    shareFolderAt(world, '/files', { type: 'domain', role: 'reader', domain: 'acme.test' });
    const error = await world.provider.createDocument(world.input()).catch((e: unknown) => e);
    expect(error).toMatchObject({ failClosed: true, message: expect.stringContaining('everyone in the domain acme.test') });
    expect(planDocs(world)).toEqual([]);
    expect(world.fake.state.notifications).toEqual([]);
  });

  it('deletes a half-shared document when a grant fails for good, and says why', async () => {
    const world = await googleWorld(server);
    world.fake.state.sharingRefused.add('cy@acme.test');
    const input = world.input();
    const error = await world.provider.createDocument(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, failClosed: false, message: expect.stringContaining('shareOutNotPermitted') });
    expect(planDocs(world)).toEqual([]);
    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toThrow(/cy@acme.test.*half-made document deleted/);
  });

  it('refuses a plans folder in a shared drive (every member would see every plan), naming the setting', async () => {
    const world = await googleWorld(server);
    world.fake.state.get(world.folderId).driveId = '0ASharedDrive';
    const error = await world.provider.createDocument(world.input()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/GOOGLE_PLANS_FOLDER_ID=.*is not in My Drive/);
    expect([...world.fake.state.files.values()].filter((f) => f.mimeType.endsWith('document'))).toEqual([]);
  });

  it('copies a template Doc kept in a shared drive (the template is not confidential; the plans folder must not be)', async () => {
    const world = await googleWorld(server, { template: true });
    world.fake.state.get(world.env['GOOGLE_TEMPLATE_DOC_ID']!).driveId = '0ATemplates';
    expect(await world.provider.checkSetup?.()).toEqual({ ok: true, problems: [] });
    const created = await world.provider.createDocument(world.input());
    expect(world.fake.state.get(created.docId).parents).toEqual([world.folderId]);
    expect(world.fake.state.get(created.docId).driveId).toBeUndefined();
    expect(grants(world, created.docId)).toEqual(FOUR_AND_OWNER);
  });

  it('names the setting to check when the template Doc is gone', async () => {
    const world = await googleWorld(server, { template: true });
    world.fake.state.files.delete(world.env['GOOGLE_TEMPLATE_DOC_ID']!);
    await expect(world.provider.createDocument(world.input())).rejects.toThrow(/File not found.*GOOGLE_TEMPLATE_DOC_ID=.*does not exist or plans@acme.test cannot open it/);
  });

  it.each([false, true])("removes a domain's default link sharing from the new document before anyone is emailed (template Doc: %s)", async (template) => {
    const world = await googleWorld(server, { template });
    world.fake.state.newFileGrants.push({ type: 'domain', role: 'reader', domain: 'acme.test', allowFileDiscovery: false });
    const created = await world.provider.createDocument(world.input());
    expect(grants(world, created.docId)).toEqual(FOUR_AND_OWNER);
    const kinds = world.audit.map((e) => e.kind);
    expect(kinds.indexOf('sharing.removed')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('sharing.removed')).toBeLessThan(kinds.indexOf('sharing.granted'));
    expect(world.audit.find((e) => e.kind === 'sharing.removed')?.message).toContain('everyone in the domain acme.test');
  });

  it('removes a grant that appeared before verification (e.g. a folder default applied to the copy)', async () => {
    const world = await googleWorld(server);
    const input = world.input();
    // Someone adds a stray viewer between the last grant and the verification.
    let shared = false;
    const created = await world.provider.createDocument({
      ...input,
      audit: async (event) => {
        await input.audit(event);
        if (event.kind === 'sharing.granted' && event.data?.['party'] === 'hr' && !shared) {
          shared = true;
          world.fake.share(liveDocs(world)[0]!.id, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
        }
      },
    });
    expect(grants(world, created.docId)).toEqual(FOUR_AND_OWNER);
    expect(created.sharing.state).toBe('repaired');
    expect(world.audit.some((e) => e.kind === 'sharing.removed' && e.message.includes('eve@acme.test'))).toBe(true);
  });

  it('puts nothing of the plan into a folder that others can see: fails closed before creating the document', async () => {
    const world = await googleWorld(server);
    world.fake.share(world.folderId, { type: 'anyone', role: 'reader' });
    const input = world.input();

    const error = await world.provider.createDocument(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProviderError', failClosed: true });
    expect((error as Error).message).toMatch(/not created.*anyone with the link.*GOOGLE_PLANS_FOLDER_ID.*Restricted/s);
    // No document was made, so nobody with the folder's access ever saw the plan's text, not even in the trash.
    expect([...world.fake.state.files.values()].filter((f) => f.mimeType.endsWith('document'))).toEqual([]);
    expect(world.fake.counts()['drive.files.create']).toBeUndefined();
    expect(world.fake.state.notifications).toEqual([]);
    expect(world.audit.map((e) => e.kind)).toEqual(['sharing.violation']);
    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toMatchObject({ failClosed: true });
  });

  it('checks the folder again just before the document is made: shared after the ids were reserved, nothing is created', async () => {
    const world = await googleWorld(server);
    shareFolderAt(world, '/files/generateIds', { type: 'anyone', role: 'reader' });
    const error = await world.provider.createDocument(world.input()).catch((e: unknown) => e);
    expect(error).toMatchObject({ failClosed: true, message: expect.stringMatching(/not created.*anyone with the link/) });
    expect(world.fake.counts()['drive.files.create']).toBeUndefined();
    expect(planDocs(world)).toEqual([]);
  });

  it('fails closed when the folder is shared while the document is made: deleted for good (not trashed), nobody notified, the message says how to fix the folder', async () => {
    const world = await googleWorld(server);
    shareFolderAt(world, '/files', { type: 'anyone', role: 'reader' });
    const input = world.input();

    const error = await world.provider.createDocument(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProviderError', failClosed: true });
    expect((error as Error).message).toMatch(/anyone with the link.*inherited.*deleted permanently.*plans folder.*Restricted/s);
    // Nobody but the owner can read it afterwards: it no longer exists, in the trash or anywhere.
    expect(planDocs(world)).toEqual([]);
    expect(world.fake.state.notifications).toEqual([]);
    expect(world.audit.map((e) => e.kind)).toContain('sharing.violation');
    // Calling again with the saved checkpoint does not try again into the same exposure.
    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toMatchObject({ failClosed: true });
    expect(planDocs(world)).toEqual([]);
  });

  it('a resumed create checks the folder again: shared while the create was interrupted, the document is deleted before anyone is granted', async () => {
    const world = await googleWorld(server);
    // Drive refuses the sharing settings for longer than the retries last (6 attempts).
    world.fake.inject({ method: 'drive.files.update', kind: '503', times: 6 });
    const input = world.input();
    await expect(world.provider.createDocument(input)).rejects.toMatchObject({ retryable: true });
    expect(planDocs(world)).toHaveLength(1);

    world.fake.share(world.folderId, { type: 'domain', role: 'reader', domain: 'acme.test' });
    const error = await world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failClosed: true, message: expect.stringContaining('everyone in the domain acme.test') });
    expect(planDocs(world)).toEqual([]);
    expect(world.fake.state.notifications).toEqual([]);
  });

  it('an interrupted fail-closed finishes deleting the document on resume', async () => {
    const world = await googleWorld(server);
    shareFolderAt(world, '/files', { type: 'anyone', role: 'reader' });
    world.fake.inject({ method: 'drive.files.delete', kind: '503', times: 6 });
    const input = world.input();
    await expect(world.provider.createDocument(input)).rejects.toMatchObject({ retryable: true, failClosed: false });
    expect(planDocs(world)).toHaveLength(1);

    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toMatchObject({ failClosed: true });
    expect(planDocs(world)).toEqual([]);
    expect(world.fake.state.notifications).toEqual([]);
  });

  /** The plan's Google Docs anywhere in Drive, in the folder or not. */
  const allDocs = (world: World) => [...world.fake.state.files.values()].filter((f) => f.mimeType.endsWith('document') && f.id !== world.env['GOOGLE_TEMPLATE_DOC_ID']);

  it('when Drive refuses to delete the exposed document for good: every grant removed, moved out of the plans folder, and the plan says so', async () => {
    const world = await googleWorld(server);
    shareFolderAt(world, '/files', { type: 'anyone', role: 'reader' });
    world.fake.inject({ method: 'drive.files.delete', kind: '403-refused', times: 100 });
    const input = world.input();

    const error = await world.provider.createDocument(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ failClosed: true, retryable: false });
    expect((error as Error).message).toMatch(
      /anyone with the link.*refused to delete the document.*removed every grant.*moved it out of the plans folder into plans@acme\.test's My Drive.*Restricted/s,
    );
    expect(planDocs(world)).toEqual([]);
    const [kept] = allDocs(world);
    expect(kept?.parents).toEqual([]);
    expect(grants(world, kept!.id)).toEqual([`${OWNER}:owner`]);
    expect(world.fake.state.notifications).toEqual([]);
    expect(world.audit.find((e) => e.kind === 'sharing.violation')).toMatchObject({ message: expect.stringMatching(/refused to delete/), data: { disposal: 'quarantined' } });
    // Done: a resume does not try again.
    const requests = world.fake.log.length;
    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toMatchObject({ failClosed: true });
    expect(world.fake.log.length).toBe(requests);
  });

  it('when the delete keeps failing, the third attempt quarantines the document instead of leaving the plan creating', async () => {
    const world = await googleWorld(server);
    shareFolderAt(world, '/files', { type: 'domain', role: 'reader', domain: 'acme.test' });
    world.fake.inject({ method: 'drive.files.delete', kind: '503', times: 1000 });
    const input = world.input();
    for (let attempt = 1; attempt <= 2; attempt++) {
      await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1) ?? {} })).rejects.toMatchObject({ retryable: true, failClosed: false });
      expect(input.saved.at(-1)).toMatchObject({ deleteFailures: attempt });
    }
    await expect(world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1)! })).rejects.toMatchObject({ failClosed: true });
    const [kept] = allDocs(world);
    expect(kept?.parents).toEqual([]);
    expect(grants(world, kept!.id)).toEqual([`${OWNER}:owner`]);
  });

  it('a half-made document Drive will not delete (a grant failed for good) is quarantined too, and the error says where it is', async () => {
    const world = await googleWorld(server);
    world.fake.state.sharingRefused.add('cy@acme.test');
    world.fake.inject({ method: 'drive.files.delete', kind: '403-refused', times: 100 });
    const error = await world.provider.createDocument(world.input()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/shareOutNotPermitted.*could not be deleted, so every grant on it was removed and it was moved into plans@acme\.test's My Drive/s);
    expect(planDocs(world)).toEqual([]);
    const [kept] = allDocs(world);
    expect(grants(world, kept!.id)).toEqual([`${OWNER}:owner`]);
  });
});
