/**
 * Upgrades without hands: a Coaching plans database from before the `Plan ID` property gets it
 * from the service at start-up; when the integration may not change the schema, the setup report
 * says exactly what to add and the plans that exist keep working.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../service/src/providers/types.js';
import { DEFAULT_SCHEMA, notionHandlers, ui } from '../fakes/notion/index.js';
import { makeTestService } from '../support/app.js';
import { createInput, notionEnv, servedNotionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const { 'Plan ID': _planId, Status: _status, ...OLD_SCHEMA } = DEFAULT_SCHEMA;
const schemaUpdates = (env: ReturnType<typeof notionEnv>) => env.fake.requests({ method: 'PATCH', path: /^\/v1\/data_sources\// });

/** A plan page the previous version made: no Plan ID, text in it. */
function oldPlanPage(env: ReturnType<typeof notionEnv>) {
  const page = env.fake.state.createPage({ parent: { data_source_id: env.dataSourceId }, properties: { Name: { title: [{ text: { content: 'Old plan' } }] } } });
  env.fake.state.insertBlocks(page.id, page.id, [
    { type: 'heading_2', heading_2: { rich_text: [{ text: { content: 'Progress log' } }] } },
    { type: 'table', table: { table_width: 3, has_column_header: true }, children: [] },
  ]);
  const table = env.fake.state.children.get(page.id)![1]!;
  env.fake.state.insertBlocks(table, page.id, [
    { type: 'table_row', table_row: { cells: [[{ text: { content: 'Date' } }], [{ text: { content: 'Update' } }], [{ text: { content: 'By' } }]] } },
  ]);
  ui.addTableRow(env.fake.state, page.id, 'Date', [{ date: '2026-12-03' }, 'Shadowed a call', 'Ana']);
  return page;
}

describe('Notion: properties the service needs are added at start-up', () => {
  it('a database without Plan ID and Status is healthy after one start, and plans are created in it', async () => {
    const env = notionEnv({ seed: { schema: OLD_SCHEMA } });
    server.use(...notionHandlers(env.fake));
    const service = await makeTestService({ PROVIDER: 'notion', NOTION_TOKEN: 'secret_for_config_only', NOTION_DATA_SOURCE_ID: env.dataSourceId }, (deps) => {
      deps.providers.notion = env.provider;
    });
    try {
      const health = await service.call('GET', '/api/health', { as: 'hr' });
      expect(health.json.providers?.notion).toEqual({ ok: true, problems: [] });
      expect(health.status).toBe(200);
      const schema = env.fake.state.dataSources.get(env.dataSourceId)!.properties;
      expect(schema['Plan ID']!.type).toBe('rich_text');
      expect(schema['Status']).toMatchObject({ type: 'select', options: [{ name: 'Active' }, { name: 'Closed' }] });
      expect(schemaUpdates(env)).toHaveLength(1);
      // Once there, nothing more is asked of Notion's schema.
      expect((await env.provider.checkSetup!()).ok).toBe(true);
      expect(schemaUpdates(env)).toHaveLength(1);
    } finally {
      await service.close();
    }
  });

  it('a create before any health check adds Plan ID itself and writes the plan id into it', async () => {
    const env = servedNotionEnv(server, { seed: { schema: OLD_SCHEMA } });
    const { input } = createInput(undefined, 'plan-77');
    const created = await env.provider.createDocument(input);
    const page = env.fake.state.pages.get(created.docId)!;
    expect((page.properties['Plan ID']!['rich_text'] as { plain_text: string }[])[0]!.plain_text).toBe('plan-77');
  });
});

describe('Notion: when the integration may not change the schema', () => {
  it('the report says exactly what to add and why; existing plans are still read; a create is refused with nothing written', async () => {
    const env = servedNotionEnv(server, { seed: { schema: OLD_SCHEMA, schemaLocked: true } });
    const old = oldPlanPage(env);
    const report = await env.provider.checkSetup!();
    expect(report.ok).toBe(false);
    const [problem] = report.problems;
    expect(problem).toContain('add a Text property named "Plan ID"');
    expect(problem).toContain('add a Select property named "Status"');
    expect(problem).toContain('403 restricted_resource');
    expect(problem).toContain('Update content');
    expect(problem).toContain('existing plans are still read');
    expect(env.fake.state.dataSources.get(env.dataSourceId)!.properties['Plan ID']).toBeUndefined();

    const read = await env.provider.readDocument({ planId: 'old-plan', docId: old.id });
    expect(read.blocks.some((b) => b.type === 'table' && b.rows.some((r) => r.includes('Shadowed a call')))).toBe(true);

    const pagesBefore = env.fake.state.pages.size;
    const error = await env.provider.createDocument(createInput().input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toContain('no Text property "Plan ID"');
    expect(env.fake.state.pages.size).toBe(pagesBefore);
  });

  it('asks Notion again only after a while, and picks the property up once an admin added it', async () => {
    const env = servedNotionEnv(server, { seed: { schema: OLD_SCHEMA }, fake: { capabilities: { updateContent: false } } });
    expect((await env.provider.checkSetup!()).problems[0]).toContain('403 restricted_resource');
    expect(schemaUpdates(env)).toHaveLength(1);
    env.clock.advance(60_000);
    await env.provider.checkSetup!();
    expect(schemaUpdates(env)).toHaveLength(1);
    // The admin adds both by hand in Notion.
    const ds = env.fake.state.dataSources.get(env.dataSourceId)!;
    ds.properties['Plan ID'] = { id: 'pid1', type: 'rich_text' };
    ds.properties['Status'] = { id: 'sts1', type: 'select', options: [] };
    env.clock.advance(60_000);
    expect(await env.provider.checkSetup!()).toEqual({ ok: true, problems: [] });
    expect(schemaUpdates(env)).toHaveLength(1);
  });
});
