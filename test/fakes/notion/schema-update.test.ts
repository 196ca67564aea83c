import { APIResponseError, Client } from '@notionhq/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, notionHandlers, seedWorkspace, type NotionFakeOptions, type SeedOptions } from './index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(options: NotionFakeOptions = {}, seed: SeedOptions = {}) {
  const fake = new NotionFake({ rateLimit: false, ...options });
  const seeded = seedWorkspace(fake.state, seed);
  server.use(...notionHandlers(fake));
  const client = new Client({ auth: FAKE_TOKEN, baseUrl: FAKE_BASE_URL, notionVersion: '2026-03-11', retry: false, logger: () => {} });
  return { fake, client, ...seeded, schema: () => fake.state.dataSources.get(seeded.dataSourceId)!.properties };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIResponseError);
  const { status, code, message } = error as APIResponseError;
  return { status, code, message };
}

describe('the Notion fake: data_sources.update', () => {
  it('adds, renames and removes properties, and answers with the new schema', async () => {
    const { client, dataSourceId, schema } = setup();
    const answer = await client.dataSources.update({
      data_source_id: dataSourceId,
      properties: { Notes: { rich_text: {} }, Stage: { select: { options: [{ name: 'Draft', color: 'gray' }] } }, End: { name: 'Ends' }, HR: null },
    });
    expect(answer).toMatchObject({
      object: 'data_source',
      properties: { Notes: { type: 'rich_text' }, Stage: { type: 'select', select: { options: [{ name: 'Draft' }] } }, Ends: { type: 'date' } },
    });
    expect(Object.keys(schema())).not.toContain('HR');
    expect(Object.keys(schema())).not.toContain('End');
  });

  it('refuses what the reference says cannot be done, and changes nothing', async () => {
    const { client, dataSourceId, schema } = setup({}, { schema: { Name: 'title', Stage: 'status' } });
    const before = structuredClone(schema());
    const cases = [
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Name: null } }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Name: { rich_text: {} } } }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Stage: { status: { options: [{ name: 'New' }] } } } as never }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Ok: { rich_text: {} }, Both: { rich_text: {}, date: {} } } as never }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Odd: { sparkle: {} } } as never }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Ghost: { name: 'Still ghost' } } }),
      client.dataSources.update({ data_source_id: dataSourceId, properties: { Pick: { select: { options: [{ name: 'a,b' }] } } } }),
    ];
    for (const answer of cases) expect(await refusal(answer)).toMatchObject({ status: 400, code: 'validation_error' });
    // A key the API reference does not define for this operation.
    expect((await refusal(client.dataSources.update({ data_source_id: dataSourceId, in_trash: true }))).message).toBe(
      'body failed validation: body.in_trash should be not present.',
    );
    expect(schema()).toEqual(before);
  });

  it('answers 403 restricted_resource when the integration may not change the schema, or lacks "Update content"', async () => {
    const locked = setup({}, { schemaLocked: true });
    expect(await refusal(locked.client.dataSources.update({ data_source_id: locked.dataSourceId, properties: { Notes: { rich_text: {} } } }))).toMatchObject({
      status: 403,
      code: 'restricted_resource',
    });
    expect(locked.schema()['Notes']).toBeUndefined();
    // Pages of a database whose schema is locked can still be written.
    const page = await locked.client.pages.create({ parent: { data_source_id: locked.dataSourceId }, properties: {} });
    await locked.client.pages.update({ page_id: page.id, is_locked: true });

    const readOnly = setup({ capabilities: { updateContent: false } });
    expect((await refusal(readOnly.client.dataSources.update({ data_source_id: readOnly.dataSourceId, properties: { Notes: { rich_text: {} } } }))).status).toBe(403);
    const created = await readOnly.client.pages.create({ parent: { data_source_id: readOnly.dataSourceId }, properties: {} });
    expect((await refusal(readOnly.client.pages.update({ page_id: created.id, is_locked: true }))).code).toBe('restricted_resource');
  });
});
