import { APIResponseError, Client } from '@notionhq/client';
import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, notionHandlers, seedWorkspace } from './index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/notion/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const keys = (value: unknown) => Object.keys(value as object).sort();

function setup(auth = FAKE_TOKEN) {
  const fake = new NotionFake({ rateLimit: false });
  const seeded = seedWorkspace(fake.state, { extraMembers: 150 });
  server.use(...notionHandlers(fake));
  const client = new Client({ auth, baseUrl: FAKE_BASE_URL, retry: false, logLevel: undefined, logger: () => {} });
  return { fake, client, ...seeded };
}

async function apiError(promise: Promise<unknown>): Promise<APIResponseError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIResponseError);
  return error as APIResponseError;
}

const paragraph = (content: string) => ({ type: 'paragraph' as const, paragraph: { rich_text: [{ type: 'text' as const, text: { content } }] } });

describe('the Notion fake, through @notionhq/client', () => {
  it('answers in the recorded shapes: pages, block lists, user lists, errors', async () => {
    const { client, dataSourceId, users } = setup();
    const page = await client.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: { Name: { title: [{ text: { content: 'Plan' } }] }, HR: { people: [{ id: users.hr.id }] } },
      children: [paragraph('hello')],
    });
    expect(keys(page)).toEqual(expect.arrayContaining(keys(fixture('pages-retrieve.hkob-db-page.json')).filter((k) => k !== 'request_id')));
    const list = await client.blocks.children.list({ block_id: page.id });
    expect(keys(list)).toEqual(keys(fixture('blocks-children-list.notion-sdk-py-page1-has_more.json')));
    expect(keys(list.results[0])).toEqual(
      expect.arrayContaining(keys((fixture('blocks-children-list.notion-sdk-py-page1-has_more.json').results as object[])[0]).filter((k) => k !== 'parent' && k !== 'icon')),
    );
    const usersPage = await client.users.list({});
    expect(keys(usersPage)).toEqual(keys(fixture('users-list.notion-sdk-py.json')));
    const missing = await apiError(client.pages.retrieve({ page_id: crypto.randomUUID() }));
    expect(keys(JSON.parse(missing.body))).toEqual(keys(fixture('error-404-object_not_found.hkob.json')));
    expect(missing.code).toBe('object_not_found');
  });

  it('paginates users and blocks 100 at a time and refuses a page_size over 100', async () => {
    const { client, dataSourceId } = setup();
    const first = await client.users.list({ page_size: 100 });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const second = await client.users.list({ page_size: 100, start_cursor: first.next_cursor! });
    expect(second.has_more).toBe(false);
    expect(first.results.length + second.results.length).toBe(156);
    expect((await apiError(client.users.list({ page_size: 101 }))).code).toBe('validation_error');
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    for (let i = 0; i < 3; i++) await client.blocks.children.append({ block_id: page.id, children: Array.from({ length: 50 }, (_, j) => paragraph(`${i}-${j}`)) });
    const blocks = await client.blocks.children.list({ block_id: page.id });
    expect(blocks.results).toHaveLength(100);
    expect(blocks.next_cursor).toBeTruthy();
  });

  it("enforces Notion's size limits with 400 validation_error", async () => {
    const { client, dataSourceId } = setup();
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    const tooMany = await apiError(client.blocks.children.append({ block_id: page.id, children: Array.from({ length: 101 }, () => paragraph('x')) }));
    expect(tooMany.message).toBe('body failed validation: body.children.length should be ≤ `100`, instead was `101`.');
    const tooLong = await apiError(client.blocks.children.append({ block_id: page.id, children: [paragraph('x'.repeat(2001))] }));
    expect(tooLong.message).toContain('body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`');
    const nested = {
      type: 'bulleted_list_item' as const,
      bulleted_list_item: { rich_text: [], children: [{ type: 'bulleted_list_item' as const, bulleted_list_item: { rich_text: [], children: [paragraph('three')] } }] },
    };
    expect((await apiError(client.blocks.children.append({ block_id: page.id, children: [nested as never] }))).code).toBe('validation_error');
    const emptyTable = { type: 'table' as const, table: { table_width: 2, children: [] } };
    expect((await apiError(client.blocks.children.append({ block_id: page.id, children: [emptyTable] }))).message).toContain('table.children');
  });

  it("requires a valid token and the Notion-Version header, and only knows the API's URLs", async () => {
    const { client } = setup('wrong-token');
    const unauthorized = await apiError(client.users.list({}));
    expect(JSON.parse(unauthorized.body)).toMatchObject({ object: 'error', status: 401, code: 'unauthorized' });

    const noVersion = await fetch(`${FAKE_BASE_URL}/v1/users`, { headers: { authorization: `Bearer ${FAKE_TOKEN}` } });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { code: string }).code).toBe('missing_version');
    const unknown = await fetch(`${FAKE_BASE_URL}/v1/nonsense`, { headers: { authorization: `Bearer ${FAKE_TOKEN}`, 'notion-version': '2025-09-03' } });
    expect(await unknown.json()).toMatchObject({ status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
  });

  it('filters a data source query on last_edited_time, kept to the minute', async () => {
    const { client, dataSourceId, fake } = setup();
    await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    const createdAt = fake.clock.now();
    expect([...fake.state.pages.values()][0]!.lastEditedTime).toMatch(/:00\.000Z$/);
    const later = new Date(createdAt + 60_000).toISOString();
    const none = await client.dataSources.query({ data_source_id: dataSourceId, filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: later } } });
    expect(none.results).toHaveLength(0);
    const all = await client.dataSources.query({
      data_source_id: dataSourceId,
      filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: new Date(createdAt - 60_000).toISOString() } },
    });
    expect(all.results).toHaveLength(1);
  });
});
