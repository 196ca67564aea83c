import { APIResponseError, Client } from '@notionhq/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, notionHandlers, seedWorkspace } from './index.js';
import { ui } from './ui.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  const fake = new NotionFake({ rateLimit: false });
  const seeded = seedWorkspace(fake.state);
  server.use(...notionHandlers(fake));
  const client = new Client({ auth: FAKE_TOKEN, baseUrl: FAKE_BASE_URL, retry: false, logLevel: undefined, logger: () => {} });
  return { fake, client, ...seeded };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIResponseError);
  const { status, code, message } = error as APIResponseError;
  return { status, code, message };
}

const title = (content: string, url?: string) => ({ title: [{ text: { content, ...(url ? { link: { url } } : {}) } }] });

describe('the Notion fake refuses what Notion refuses, and changes nothing', () => {
  it('more than 2,000 characters of rich text in a page property, the title included', async () => {
    const { fake, client, dataSourceId } = setup();
    const create = await refusal(client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: title('x'.repeat(2001)) } }));
    expect(create).toMatchObject({ status: 400, code: 'validation_error' });
    expect(create.message).toContain('body.properties.Name.title[0].text.content.length should be ≤ `2000`, instead was `2001`');
    expect(fake.state.pages.size).toBe(0);
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: title('x'.repeat(2000)) } });
    expect((await refusal(client.pages.update({ page_id: page.id, properties: { Name: title('y'.repeat(2001)) } }))).code).toBe('validation_error');
    expect((fake.state.pages.get(page.id)!.properties['Name']!['title'] as { plain_text: string }[])[0]!.plain_text).toBe('x'.repeat(2000));
  });

  it('a link URL longer than 2,000 characters, in a property or a block', async () => {
    const { client, dataSourceId } = setup();
    const long = `https://example.test/${'a'.repeat(2000)}`;
    const inTitle = await refusal(client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: title('Plan', long) } }));
    expect(inTitle.message).toContain('text.link.url.length should be ≤ `2000`');
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: title('Plan', 'https://example.test/') } });
    const paragraph = { type: 'paragraph' as const, paragraph: { rich_text: [{ type: 'text' as const, text: { content: 'see', link: { url: long } } }] } };
    expect((await refusal(client.blocks.children.append({ block_id: page.id, children: [paragraph] }))).code).toBe('validation_error');
  });

  it('a request body over 500 KB', async () => {
    const { fake, client, dataSourceId } = setup();
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    // 90 blocks of 40 rich-text items of 2,000 characters: within every per-field limit, 7 MB in all.
    const chunk = Array.from({ length: 40 }, () => ({ type: 'text' as const, text: { content: 'é'.repeat(2000) } }));
    const children = Array.from({ length: 90 }, () => ({ type: 'paragraph' as const, paragraph: { rich_text: chunk } }));
    const answer = await refusal(client.blocks.children.append({ block_id: page.id, children }));
    expect(answer).toMatchObject({ status: 400, code: 'validation_error' });
    expect(answer.message).toContain('500 KB');
    expect(fake.state.children.get(page.id)).toEqual([]);
  });

  it('an update to a page in the trash, other than taking it out', async () => {
    const { fake, client, dataSourceId } = setup();
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: title('Plan') } });
    ui.trash(fake.state, page.id);
    const answer = await refusal(client.pages.update({ page_id: page.id, properties: { Name: title('Renamed') } }));
    expect(answer).toMatchObject({ status: 400, code: 'validation_error' });
    expect(answer.message).toContain('archived');
    expect((await refusal(client.pages.update({ page_id: page.id, is_locked: true }))).code).toBe('validation_error');
    expect(fake.state.pages.get(page.id)!.isLocked).toBe(false);
    await client.pages.update({ page_id: page.id, in_trash: false });
    expect(fake.state.pages.get(page.id)!.inTrash).toBe(false);
  });

  it('keys the API does not define, even where an SDK would send them', async () => {
    const { client, dataSourceId } = setup();
    const markdown = await refusal(client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {}, markdown: '# Plan' } as never));
    expect(markdown).toMatchObject({ status: 400, code: 'validation_error', message: 'body failed validation: body.markdown should be not present.' });
    const resultType = await refusal(client.dataSources.query({ data_source_id: dataSourceId, result_type: 'page' } as never));
    expect(resultType.message).toBe('body failed validation: body.result_type should be not present.');
  });
});

describe('the Notion fake publishes like Notion', () => {
  it('a database published after its pages exist makes those pages public', async () => {
    const { fake, client, dataSourceId } = setup();
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    expect(((await client.pages.retrieve({ page_id: page.id })) as { public_url: string | null }).public_url).toBeNull();
    ui.publishDatabase(fake.state, dataSourceId);
    expect(((await client.pages.retrieve({ page_id: page.id })) as { public_url: string | null }).public_url).toMatch(/^https:\/\/acme\.notion\.site\//);
    ui.publishDatabase(fake.state, dataSourceId, false);
    expect(((await client.pages.retrieve({ page_id: page.id })) as { public_url: string | null }).public_url).toBeNull();
  });
});
