import { describe, expect, it } from 'vitest';
import { authed, call, OWNER, world } from './test-client.js';

describe('the Google fake is strict like Google', () => {
  it('rejects what the discovery documents do not define: path, method, query parameter, enum, body field', async () => {
    const fake = await world();
    expect((await call(fake, 'GET', 'drive/v3/nothing/here')).status).toBe(400);
    expect((await call(fake, 'PUT', 'drive/v3/files/abc')).status).toBe(400);
    expect((await call(fake, 'GET', 'drive/v3/files/abc?includeEverything=true')).status).toBe(400);
    expect((await call(fake, 'GET', 'v1/documents/abc?suggestionsViewMode=ALL', undefined, 'https://docs.googleapis.com/')).status).toBe(400);
    expect((await call(fake, 'GET', 'drive/v3/changes')).status).toBe(400); // pageToken is required
    const folder = fake.addFolder('f', OWNER);
    const bad = await call(fake, 'POST', `drive/v3/files/${folder.id}/permissions`, { type: 'user', role: 'editor', emailAddress: 'a@acme.test' });
    expect(bad.status).toBe(400);
    expect((await call(fake, 'PATCH', `drive/v3/files/${folder.id}`, { sharedWithEveryone: true })).status).toBe(400);
    // Partial-response masks are checked against the response schema.
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}?fields=id,nmae`)).body).toMatchObject({
      error: { message: expect.stringContaining('Invalid field selection nmae') },
    });
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions?fields=permissions(id,permissionDetails(inherited,colour))`)).status).toBe(400);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}?fields=id,owners(emailAddress),capabilities/canShare`)).status).toBe(200);
  });

  it('reserves ids: a second create with the same id is a 409, an id it did not generate a 400', async () => {
    const fake = await world();
    const ids = (await call(fake, 'GET', 'drive/v3/files/generateIds?count=1&space=drive&type=files')).body['ids'] as string[];
    const create = (id: string) => call(fake, 'POST', 'drive/v3/files', { id, name: 'x', mimeType: 'application/vnd.google-apps.document' });
    expect((await create(ids[0]!)).status).toBe(200);
    const again = await create(ids[0]!);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('A file already exists with the provided ID.');
    expect((await create('made-up-id')).status).toBe(400);
  });

  it('shows folder grants on children as inherited, and will not delete them there', async () => {
    const fake = await world();
    const folder = fake.addFolder('Plans', OWNER);
    const doc = fake.addDocument('Plan', OWNER, [], [folder.id]);
    fake.share(folder.id, { type: 'domain', role: 'reader', domain: 'acme.test' });
    const list = await call(fake, 'GET', `drive/v3/files/${doc.id}/permissions?fields=permissions(id,type,permissionDetails)`);
    const domain = (list.body['permissions'] as { id: string; type: string; permissionDetails: { inherited: boolean }[] }[]).find((p) => p.type === 'domain');
    expect(domain?.permissionDetails).toEqual([{ permissionType: 'file', role: 'reader', inherited: true }]);
    const removed = await call(fake, 'DELETE', `drive/v3/files/${doc.id}/permissions/${domain!.id}`);
    expect(removed.status).toBe(403);
    expect(JSON.stringify(removed.body)).toContain('cannotModifyInheritedPermission');
  });

  it('hides shared-drive items from a request that does not say supportsAllDrives=true', async () => {
    const fake = await world();
    const folder = fake.addFolder('In a shared drive', OWNER, { driveId: '0ASharedDrive' });
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}`)).status).toBe(404);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}/permissions`)).status).toBe(404);
    expect((await call(fake, 'POST', 'drive/v3/files', { name: 'x', parents: [folder.id] })).status).toBe(404);
    expect((await call(fake, 'GET', `drive/v3/files/${folder.id}?supportsAllDrives=true`)).status).toBe(200);
  });

  it('pages the change feed from a start token', async () => {
    const fake = await world();
    const start = (await call(fake, 'GET', 'drive/v3/changes/startPageToken')).body['startPageToken'] as string;
    const doc = fake.addDocument('Plan', OWNER, []);
    fake.editDocument(doc.id, (nodes) => nodes.push({ kind: 'paragraph', text: 'hello', style: 'NORMAL_TEXT' }));
    const page = await call(fake, 'GET', `drive/v3/changes?pageToken=${start}&pageSize=1`);
    expect(page.body['nextPageToken']).toBeDefined();
    const rest = await call(fake, 'GET', `drive/v3/changes?pageToken=${String(page.body['nextPageToken'])}&pageSize=10`);
    expect(rest.body['newStartPageToken']).toBeDefined();
    expect([...(page.body['changes'] as { fileId: string }[]), ...(rest.body['changes'] as { fileId: string }[])].map((c) => c.fileId)).toEqual([doc.id, doc.id]);
  });

  it('refuses API calls without a token, and tokens for an assertion with a bad signature or no delegation', async () => {
    const fake = await world([]);
    const unauthenticated = await fake.handle({ method: 'GET', url: 'https://www.googleapis.com/drive/v3/files/x', headers: new Headers(), body: '' });
    expect(unauthenticated.hang ? 0 : unauthenticated.status).toBe(401);
    const token = await fake.handle({
      method: 'POST',
      url: 'https://oauth2.googleapis.com/token',
      headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'e30.e30.c2ln' }).toString(),
    });
    expect(token.hang ? '' : token.body).toContain('invalid_grant');
  });
});

describe('the Google fake over plain HTTP', () => {
  it('serves the same state machine to a client in another process', async () => {
    const { startGoogleFakeServer } = await import('./http-server.js');
    const { fake, origin, close } = await startGoogleFakeServer();
    try {
      fake.addUser(OWNER);
      const headers = authed(fake);
      const response = await fetch(`${origin}/drive/v3/files/generateIds?count=2`, { headers });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { ids: string[] }).ids).toHaveLength(2);
      expect((await fetch(`${origin}/drive/v3/files/nope?bogus=1`, { headers })).status).toBe(400);

      // The real provider, configured by environment, against the fake on one origin.
      const { setUpWorkspace } = await import('./workspace.js');
      const { loadConfig } = await import('../../../service/src/config.js');
      const { googleOptionsFromConfig, googleProvider } = await import('../../../service/src/providers/google/index.js');
      const parties = {
        teamMember: { email: 'ana@acme.test', name: 'Ana' },
        manager: { email: 'ben@acme.test', name: 'Ben' },
        managersManager: { email: 'cy@acme.test', name: 'Cy' },
        hr: { email: 'hr@acme.test', name: 'HR' },
      };
      const { env } = await setUpWorkspace(fake, { owner: 'owner@acme.test', users: Object.values(parties).map((p) => p.email) });
      const provider = googleProvider(googleOptionsFromConfig(loadConfig(env))!);
      const created = await provider.createDocument({
        planId: 'p',
        title: 'Coaching plan: Ana, Dec 2026',
        parties: { ...parties, stage: 'shared' },
        startDate: '2026-12-01',
        endDate: '2026-12-31',
        document: { blocks: [] },
        markdown: '# Plan\n\n## Progress log\n\n| Date | Update | By |\n| --- | --- | --- |\n',
        placeholders: {},
        checkpoint: {},
        saveCheckpoint: async () => {},
        audit: async () => {},
      });
      expect(created.sharing.state).toBe('ok');
      expect((await provider.readDocument({ planId: 'p', docId: created.docId })).blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Plan' });
    } finally {
      await close();
    }
  });
});

describe('the fake numbers documents like Docs does', () => {
  it('gives a table the same indices as the recorded documents.get answer', async () => {
    const { renderDocument } = await import('./docs-model.js');
    const { readFileSync } = await import('node:fs');
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/google/docs-get-tabs-extrasuite-md-serde-golden.json', import.meta.url), 'utf8'));
    type Table = {
      startIndex: number;
      endIndex: number;
      table?: { tableRows: { startIndex: number; endIndex: number; tableCells: { startIndex: number; endIndex: number }[] }[] };
    };
    const indices = (content: Table[]) => {
      const table = content.find((e) => e.table)!;
      return [table.startIndex, table.endIndex, table.table!.tableRows.map((r) => [r.startIndex, r.endIndex, r.tableCells.map((c) => [c.startIndex, c.endIndex])])];
    };
    // A paragraph of 572 characters plus its newline puts the table at 574, where the recording has it.
    const rendered = renderDocument(
      {
        documentId: 'd',
        title: 't',
        revision: 1,
        tabs: [
          {
            tabId: 't.0',
            title: 'Tab 1',
            nodes: [
              { kind: 'paragraph', text: 'x'.repeat(572), style: 'NORMAL_TEXT' },
              {
                kind: 'table',
                rows: [
                  ['Name', 'Value', 'Description'],
                  ['Alpha', '100', 'The first item'],
                  ['Beta', '200', 'The second item'],
                ],
              },
            ],
          },
        ],
      },
      true,
    ) as { tabs: { documentTab: { body: { content: Table[] } } }[] };
    expect(indices(rendered.tabs[0]!.documentTab.body.content)).toEqual(indices(recorded.tabs[0].documentTab.body.content));
  });
});

describe("the fake's Markdown import", () => {
  it('keeps a link as a linked text run, shaped as in the recorded document', async () => {
    const { renderDocument, markdownToNodes } = await import('./docs-model.js');
    const { readFileSync } = await import('node:fs');
    type Element = { textRun?: { content: string; textStyle: Record<string, unknown> } };
    type Content = { paragraph?: { elements: Element[] } }[];
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/google/docs-get-tabs-extrasuite-md-serde-golden.json', import.meta.url), 'utf8'));
    const runs = (content: Content, startsWith: string) =>
      content.find((e) => e.paragraph?.elements[0]?.textRun?.content.startsWith(startsWith))!.paragraph!.elements.map((e) => e.textRun);
    const nodes = markdownToNodes('Visit [Example Website](https://example.com) for more info.');
    const rendered = renderDocument({ documentId: 'd', title: 't', revision: 1, tabs: [{ tabId: 't.0', title: 'Tab 1', nodes }] }, true) as {
      tabs: { documentTab: { body: { content: Content } } }[];
    };
    expect(runs(rendered.tabs[0]!.documentTab.body.content, 'Visit')).toEqual(runs(recorded.tabs[0].documentTab.body.content, 'Visit'));
  });
});
