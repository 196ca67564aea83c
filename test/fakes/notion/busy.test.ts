import { APIResponseError, Client } from '@notionhq/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, notionHandlers, seedWorkspace, ui, VirtualClock, type NotionFakeOptions } from './index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(options: NotionFakeOptions = {}) {
  const clock = new VirtualClock();
  const fake = new NotionFake({ clock, ...options });
  const seeded = seedWorkspace(fake.state);
  server.use(...notionHandlers(fake));
  const client = (auth = FAKE_TOKEN) => new Client({ auth, baseUrl: FAKE_BASE_URL, notionVersion: '2026-03-11', retry: false, logger: () => {} });
  return { fake, clock, client, ...seeded };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIResponseError);
  const e = error as APIResponseError;
  return {
    status: e.status,
    code: e.code,
    retryAfter: Number(new Headers(e.headers as HeadersInit).get('retry-after')),
    reason: e.additional_data?.rate_limit_reason,
    body: JSON.parse(e.body) as Record<string, unknown>,
  };
}

describe('the Notion fake when Notion is busy', () => {
  it('has a workspace limit shared by its connections, each of which keeps its own per-connection limit', async () => {
    const { fake, client } = setup({ rateLimit: { requestsPerSecond: 3, burst: 5 }, workspaceRateLimit: { requests: 8, windowMs: 300_000 } });
    fake.addConnection('ntn_other');
    for (let i = 0; i < 5; i++) await client().users.list({});
    // The first connection's own limit: burst spent.
    expect(await refusal(client().users.list({}))).toMatchObject({ status: 429, code: 'rate_limited', reason: 'connection_rate_limit', retryAfter: 1 });
    for (let i = 0; i < 3; i++) await client('ntn_other').users.list({});
    // The second is within its own limit, but the workspace's is spent: Retry-After runs to the window's end.
    const shared = await refusal(client('ntn_other').users.list({}));
    expect(shared).toMatchObject({ status: 429, code: 'rate_limited', reason: 'workspace_rate_limit', retryAfter: 300 });
    expect(shared.body.additional_data).toEqual({ rate_limit_reason: 'workspace_rate_limit' });
    expect((await refusal(client('ntn_unknown').users.list({}))).status).toBe(401);
  });

  it('answers 529 service_overload with Retry-After while overloaded, and applies nothing', async () => {
    const { fake, clock, client, dataSourceId } = setup({ rateLimit: false });
    fake.overload(10_000, 3);
    expect(await refusal(client().pages.create({ parent: { data_source_id: dataSourceId }, properties: {} }))).toMatchObject({
      status: 529,
      code: 'service_overload',
      retryAfter: 3,
    });
    expect(fake.state.pages.size).toBe(0);
    clock.advance(10_000);
    await client().pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    expect(fake.state.pages.size).toBe(1);
  });

  it('answers 409 conflict_error to writes on a page someone is editing, and applies nothing', async () => {
    const { fake, clock, client, dataSourceId } = setup({ rateLimit: false });
    const page = await client().pages.create({ parent: { data_source_id: dataSourceId }, properties: {}, children: [{ paragraph: { rich_text: [{ text: { content: 'a' } }] } }] });
    ui.startEditing(fake.state, page.id, 5_000);
    const [blockId] = fake.state.children.get(page.id)!;
    expect(await refusal(client().pages.update({ page_id: page.id, is_locked: true }))).toMatchObject({ status: 409, code: 'conflict_error' });
    expect((await refusal(client().blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: [] } }] }))).code).toBe('conflict_error');
    expect((await refusal(client().blocks.delete({ block_id: blockId! }))).code).toBe('conflict_error');
    expect(fake.state.pages.get(page.id)!.isLocked).toBe(false);
    expect(fake.state.children.get(page.id)).toHaveLength(1);
    // Reads are not writes: they go through.
    await client().pages.retrieve({ page_id: page.id });
    clock.advance(5_000);
    await client().pages.update({ page_id: page.id, is_locked: true });
    expect(fake.state.pages.get(page.id)!.isLocked).toBe(true);
  });
});
