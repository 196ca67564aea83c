import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { toNotionBlocks } from '../../service/src/providers/notion/blocks/to-blocks.js';
import { ProviderError } from '../../service/src/providers/types.js';
import { createInput, type notionEnv, planInput, servedNotionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const setup = (...args: Parameters<typeof notionEnv>) => servedNotionEnv(server, ...args);

/** A plan long enough to need several requests: 130 paragraphs of current state, one of 4500 characters. */
function longPlan() {
  const paragraphs = Array.from({ length: 130 }, (_, i) => `Observation ${i + 1}: updates were late that week.`);
  paragraphs[5] = 'x'.repeat(4500);
  return planInput({ currentState: paragraphs.join('\n\n') });
}

describe('notion createDocument', () => {
  it('creates a page of more than 100 blocks in the data source, the four parties in its Person properties', async () => {
    const env = setup();
    const { input, audit, checkpoints } = createInput(longPlan());
    const created = await env.provider.createDocument(input);

    const pages = [...env.fake.state.pages.values()];
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect(created.docId).toBe(page.id);
    expect(created.docUrl).toMatch(/^https:\/\/www\.notion\.so\//);
    expect(created.sharing.state).toBe('ok');
    const peopleIds = (name: string) => (page.properties[name]!.people as { id: string }[]).map((p) => p.id);
    expect(peopleIds('Team member')).toEqual([env.users.ana.id]);
    expect(peopleIds('Manager')).toEqual([env.users.ben.id]);
    expect(peopleIds("Manager's manager")).toEqual([env.users.cy.id]);
    expect(peopleIds('HR')).toEqual([env.users.hr.id]);
    expect(page.properties.Start!.date).toMatchObject({ start: '2026-12-01' });
    expect(page.properties.End!.date).toMatchObject({ start: '2026-12-31' });
    expect(page.properties.Status!.select).toMatchObject({ name: 'Active' });

    const expected = toNotionBlocks(input.document, input.title);
    expect(expected.length).toBeGreaterThan(100);
    expect(env.fake.state.children.get(page.id)).toHaveLength(expected.length);
    // Nothing was refused: every request fit Notion's limits.
    expect(env.fake.requests().filter((r) => r.status !== 200)).toEqual([]);
    expect(env.fake.requests({ method: 'PATCH', path: /\/children$/ }).length).toBeGreaterThanOrEqual(1);
    expect(checkpoints.at(-1)).toMatchObject({ pageId: page.id, appended: expected.length });
    expect(audit.map((a) => a.kind)).toContain('sharing.granted');

    // Reading it back gives the same plan: the activities table, the 4500-character paragraph whole.
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    expect(doc.blocks.some((b) => b.type === 'paragraph' && b.text === 'x'.repeat(4500))).toBe(true);
    const parsed = parsePlanDocument(doc, { dateOrder: 'DMY', planStartDate: '2026-12-01' });
    expect(parsed.activities.map((a) => a.title)).toEqual(['Shadow two customer calls', 'Write a weekly update draft']);
    expect(parsed.progressEntries).toEqual([]);
  });

  it('refuses a party who is not a workspace member, naming them, before writing anything', async () => {
    const env = setup();
    const { input } = createInput(planInput({ managersManager: { email: 'guest@elsewhere.test', name: 'Gus Guest' } }));
    const error = await env.provider.createDocument(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toContain('Gus Guest <guest@elsewhere.test>');
    expect((error as Error).message).toContain("Manager's manager");
    expect(env.fake.state.pages.size).toBe(0);
    expect(env.fake.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('finds parties beyond the first page of users.list, and lists the users once for several plans', async () => {
    const env = setup({ seed: { extraMembers: 250 } });
    // Ana, Ben, Cy and Hanna come first in the fake; Eve is listed after them, the 250 others after her.
    const member = [...env.fake.state.users.values()].find((u) => u.email === 'member240@acme.test')!;
    const plan = planInput({ managersManager: { email: 'member240@acme.test', name: 'Member 240' } });
    const created = await env.provider.createDocument(createInput(plan).input);
    const page = env.fake.state.pages.get(created.docId)!;
    expect((page.properties["Manager's manager"]!.people as { id: string }[])[0]!.id).toBe(member.id);
    await env.provider.createDocument(createInput(plan, 'plan-2').input);
    expect(env.fake.requests({ path: /^\/v1\/users$/ })).toHaveLength(3);
  });

  it('resumes after a crash between an append and its checkpoint without duplicating blocks', async () => {
    const env = setup();
    const { input, checkpoints } = createInput(longPlan());
    let saves = 0;
    // The process dies while recording the first append (which Notion already applied).
    const crashing = {
      ...input,
      saveCheckpoint: async (c: Record<string, unknown>) => {
        if (++saves === 3) throw new Error('process died');
        checkpoints.push(c);
      },
    };
    await expect(env.provider.createDocument(crashing)).rejects.toThrow('process died');
    const resumed = await env.provider.createDocument({ ...input, checkpoint: checkpoints.at(-1)! });

    expect(env.fake.state.pages.size).toBe(1);
    const expected = toNotionBlocks(input.document, input.title);
    expect(env.fake.state.children.get(resumed.docId)).toHaveLength(expected.length);
  });

  it('resumes after a crash between creating the page and recording its id: still one page', async () => {
    const env = setup();
    const { input, checkpoints } = createInput(longPlan());
    const crashing = {
      ...input,
      saveCheckpoint: async (c: Record<string, unknown>) => {
        if (c.pageId) throw new Error('process died');
        checkpoints.push(c);
      },
    };
    await expect(env.provider.createDocument(crashing)).rejects.toThrow('process died');
    expect(checkpoints.at(-1)).toHaveProperty('intentAt');
    env.clock.advance(90_000);
    const resumed = await env.provider.createDocument({ ...input, checkpoint: checkpoints.at(-1)! });

    expect(env.fake.state.pages.size).toBe(1);
    expect(resumed.docId).toBe([...env.fake.state.pages.keys()][0]);
    expect(env.fake.state.children.get(resumed.docId)).toHaveLength(toNotionBlocks(input.document, input.title).length);
  });
  it("a resumed create never adopts another plan's page: two plans for one person at once keep their own pages", async () => {
    const env = setup();
    const first = createInput(planInput(), 'plan-1');
    // The process dies right after recording the intent, before pages.create is sent.
    const crashing = {
      ...first.input,
      saveCheckpoint: async (c: Record<string, unknown>) => {
        first.checkpoints.push(c);
        if (c.intentAt && !c.pageId) throw new Error('process died');
      },
    };
    await expect(env.provider.createDocument(crashing)).rejects.toThrow('process died');
    // Meanwhile a second plan for the same team member, same month, so the same title.
    const second = await env.provider.createDocument(createInput(planInput(), 'plan-2').input);
    env.clock.advance(30_000);

    const resumed = await env.provider.createDocument({ ...first.input, checkpoint: first.checkpoints.at(-1)! });
    expect(resumed.docId).not.toBe(second.docId);
    expect(env.fake.state.pages.size).toBe(2);
  });

  it('a request Notion refuses for good after the page exists: the half-made page goes to the trash, and the error says so', async () => {
    const env = setup();
    const { input, audit } = createInput(longPlan());
    server.use(
      http.patch(/\/v1\/blocks\/[^/]+\/children$/, () =>
        HttpResponse.json({ object: 'error', status: 400, code: 'validation_error', message: 'body failed validation.' }, { status: 400 }),
      ),
    );
    const error = (await env.provider.createDocument(input).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('[notion] blocks.children.append');
    expect(error.message).toContain('moved to the trash');
    const [page] = [...env.fake.state.pages.values()];
    expect(page?.inTrash).toBe(true);
    expect(audit.map((a) => a.kind)).toContain('sharing.removed');
  });

  it('a database published to the web: no page is made and no plan text written; the create fails closed, audited, saying what to switch off', async () => {
    const env = setup();
    env.fake.state.dataSources.get(env.dataSourceId)!.published = true;
    const { input, audit } = createInput();
    const error = (await env.provider.createDocument(input).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.failClosed).toBe(true);
    expect(error.message).toMatch(/not written: the Coaching plans database is published to the web \(https:\/\/acme\.notion\.site\/.*Unpublish/);
    expect(env.fake.state.pages.size).toBe(0);
    expect(env.fake.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(audit.map((a) => [a.kind, a.message])).toEqual([['sharing.violation', expect.stringMatching(/^No plan text was written: the Coaching plans database is published/)]]);
  });

  it('creates the page empty and verifies it before any text: published meanwhile, the empty page is trashed and nothing is written', async () => {
    const env = setup();
    const forward = env.fake.fetch.bind(env.fake);
    // Someone publishes the database after the service checked it, just as the page is made.
    env.fake.fetch = async (request) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/pages') env.fake.state.dataSources.get(env.dataSourceId)!.published = true;
      return forward(request);
    };
    const { input } = createInput();
    const error = (await env.provider.createDocument(input).catch((e: unknown) => e)) as ProviderError;
    expect(error.failClosed).toBe(true);
    expect(error.message).toContain('the Coaching plans database or a page above it is published');
    expect(error.message).toContain('moved to the trash');
    const pages = [...env.fake.state.pages.values()];
    expect(pages.map((p) => p.inTrash)).toEqual([true]);
    expect(env.fake.state.children.get(pages[0]!.id) ?? []).toEqual([]);
    expect(env.fake.requests({ method: 'PATCH', path: /\/children$/ })).toEqual([]);
  });
});
