import { APIResponseError, Client } from '@notionhq/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOTION_VERSION } from '../../../service/src/providers/notion/api/client.js';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, notionHandlers, seedWorkspace } from './index.js';
import { ui } from './ui.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(notionVersion: string) {
  const fake = new NotionFake({ rateLimit: false });
  const seeded = seedWorkspace(fake.state);
  server.use(...notionHandlers(fake));
  const client = new Client({ auth: FAKE_TOKEN, baseUrl: FAKE_BASE_URL, notionVersion, retry: false, logLevel: undefined, logger: () => {} });
  return { fake, client, ...seeded };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIResponseError);
  const { status, code, message } = error as APIResponseError;
  return { status, code, message };
}

const paragraph = (content: string) => ({ type: 'paragraph' as const, paragraph: { rich_text: [{ type: 'text' as const, text: { content } }] } });
const texts = (fake: NotionFake, parentId: string) =>
  fake.state.children.get(parentId)!.map((id) => (fake.state.blocks.get(id)!.content.rich_text as { plain_text: string }[])[0]!.plain_text);

describe('the Notion fake answers each API version as Notion does (upgrade guide 2026-03-11)', () => {
  it('the service speaks 2026-03-11', () => {
    expect(NOTION_VERSION).toBe('2026-03-11');
  });

  it('2026-03-11: `position` places appended blocks, `after` is refused and changes nothing', async () => {
    const { fake, client, dataSourceId } = setup('2026-03-11');
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {}, children: [paragraph('a'), paragraph('c')] });
    const [first] = fake.state.children.get(page.id)!;
    await client.blocks.children.append({ block_id: page.id, children: [paragraph('b')], position: { type: 'after_block', after_block: { id: first! } } });
    await client.blocks.children.append({ block_id: page.id, children: [paragraph('0')], position: { type: 'start' } });
    expect(texts(fake, page.id)).toEqual(['0', 'a', 'b', 'c']);
    const after = await refusal(client.blocks.children.append({ block_id: page.id, children: [paragraph('x')], after: first! }));
    expect(after).toMatchObject({ status: 400, code: 'validation_error' });
    expect(after.message).toContain('body.after should be not present');
    expect(texts(fake, page.id)).toEqual(['0', 'a', 'b', 'c']);
  });

  it('2026-03-11: `archived` is refused in requests and absent from answers; `in_trash` works', async () => {
    const { fake, client, dataSourceId } = setup('2026-03-11');
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {} });
    expect(page).not.toHaveProperty('archived');
    expect(page).toHaveProperty('in_trash', false);
    expect((await refusal(client.pages.update({ page_id: page.id, archived: true }))).message).toContain('body.archived should be not present');
    expect(fake.state.pages.get(page.id)!.inTrash).toBe(false);
    const trashed = await client.pages.update({ page_id: page.id, in_trash: true });
    expect(trashed).toMatchObject({ in_trash: true });
    expect(trashed).not.toHaveProperty('archived');
    const list = await client.blocks.children.list({
      block_id: (await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {}, children: [paragraph('x')] })).id,
    });
    expect(list.results[0]).not.toHaveProperty('archived');
  });

  it('2025-09-03: `after` places blocks, `position` is refused, `archived` is still answered', async () => {
    const { fake, client, dataSourceId } = setup('2025-09-03');
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: {}, children: [paragraph('a'), paragraph('c')] });
    const [first] = fake.state.children.get(page.id)!;
    await client.blocks.children.append({ block_id: page.id, children: [paragraph('b')], after: first! });
    expect(texts(fake, page.id)).toEqual(['a', 'b', 'c']);
    const position = await refusal(client.blocks.children.append({ block_id: page.id, children: [paragraph('x')], position: { type: 'start' } }));
    expect(position.message).toContain('body.position should be not present');
    expect(page).toHaveProperty('archived', false);
    ui.trash(fake.state, page.id);
    await client.pages.update({ page_id: page.id, archived: false });
    expect(fake.state.pages.get(page.id)!.inTrash).toBe(false);
  });

  it('a meeting notes block is `meeting_notes` on 2026-03-11 and `transcription` on 2025-09-03', async () => {
    const { fake, dataSourceId } = setup('2026-03-11');
    const page = fake.state.createPage({ parent: { data_source_id: dataSourceId }, properties: {} });
    fake.state.insertBlocks(page.id, page.id, [{ type: 'meeting_notes', meeting_notes: { title: [], status: 'notes_ready' } }]);
    const list = async (notionVersion: string) =>
      (await new Client({ auth: FAKE_TOKEN, baseUrl: FAKE_BASE_URL, notionVersion, retry: false, logger: () => {} }).blocks.children.list({ block_id: page.id }))
        .results[0] as unknown as Record<string, unknown>;
    expect(await list('2026-03-11')).toMatchObject({ type: 'meeting_notes', meeting_notes: { status: 'notes_ready' } });
    const old = await list('2025-09-03');
    expect(old).toMatchObject({ type: 'transcription', transcription: { status: 'notes_ready' } });
    expect(old).not.toHaveProperty('meeting_notes');
  });

  it('refuses a version it does not know', async () => {
    const { fake } = setup('2026-03-11');
    const old = await fake.fetch(new Request(`${FAKE_BASE_URL}/v1/users`, { headers: { authorization: `Bearer ${FAKE_TOKEN}`, 'notion-version': '2022-06-28' } }));
    expect(old.status).toBe(400);
    expect(((await old.json()) as { code: string }).code).toBe('validation_error');
  });
});
