import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { notionHandlers, type NotionFake } from '../fakes/notion/index.js';
import { createInput, notionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const text = (content: string) => [{ type: 'text', text: { content } }];
const row = (...cells: string[]) => ({ type: 'table_row', table_row: { cells: cells.map(text) } });

/** A database template an admin built in Notion, with the repository template's placeholders. */
const TEMPLATE_BLOCKS = [
  { type: 'paragraph', paragraph: { rich_text: text('Plan for {{teamMember.name}} ({{teamMember.email}}), with {{manager.name}}.') } },
  { type: 'heading_2', heading_2: { rich_text: text('Development area') } },
  { type: 'paragraph', paragraph: { rich_text: text('{{developmentArea}}') } },
  { type: 'heading_2', heading_2: { rich_text: text('Activities') } },
  { type: 'table', table: { table_width: 4, has_column_header: true, children: [row('Activity', 'Owner', 'Due', 'Status'), row('{{activityRows}}', '', '', '')] } },
  { type: 'heading_2', heading_2: { rich_text: text('Progress log') } },
  { type: 'table', table: { table_width: 3, has_column_header: true, children: [row('Date', 'Update', 'By')] } },
];

function setup() {
  const templateId = crypto.randomUUID();
  const env = notionEnv({ provider: { templateId } });
  env.fake.state.dataSources.get(env.dataSourceId)!.templates = [{ id: templateId, name: 'Coaching plan', isDefault: true, blocks: TEMPLATE_BLOCKS }];
  server.use(...notionHandlers(env.fake));
  return env;
}

function pageText(fake: NotionFake, pageId: string): string {
  const texts: string[] = [];
  for (const block of fake.state.blocks.values()) {
    if (block.pageId !== pageId) continue;
    const rich = (block.content.rich_text ?? (block.content.cells as unknown[][] | undefined)?.flat() ?? []) as { plain_text: string }[];
    texts.push(rich.map((t) => t.plain_text).join(''));
  }
  return texts.join('\n');
}

describe('notion createDocument from a database template', () => {
  it('checkSetup says when the configured template does not exist', async () => {
    const env = setup();
    expect(await env.provider.checkSetup!()).toEqual({ ok: true, problems: [] });
    env.fake.state.dataSources.get(env.dataSourceId)!.templates = [];
    expect((await env.provider.checkSetup!()).problems.join(' ')).toContain('is not a template of the Coaching plans database');
  });

  it('waits for Notion to apply the template, then fills its placeholders and activity rows', async () => {
    const env = setup();
    const { input } = createInput();
    const created = await env.provider.createDocument(input);

    expect(env.fake.state.pages.size).toBe(1);
    const all = pageText(env.fake, created.docId);
    expect(all).not.toContain('{{');
    expect(all).toContain('Plan for Ana (ana@acme.test), with Ben.');
    expect(all).toContain('Stakeholder communication');
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    const parsed = parsePlanDocument(doc, { dateOrder: 'DMY', planStartDate: '2026-12-01' });
    expect(parsed.activities.map((a) => [a.title, a.due, a.status])).toEqual([
      ['Shadow two customer calls', '2026-12-10', 'not_started'],
      ['Write a weekly update draft', '2026-12-15', 'not_started'],
    ]);
    // It asked for content until the template was there, rather than failing or writing its own.
    expect(env.fake.requests({ method: 'GET', path: /\/children$/ }).length).toBeGreaterThan(1);
  });

  it('turns a block holding {{activityList}} into one to-do per activity', async () => {
    const env = setup();
    const ds = env.fake.state.dataSources.get(env.dataSourceId)!;
    ds.templates![0]!.blocks = [
      { type: 'heading_2', heading_2: { rich_text: text('Activities') } },
      { type: 'paragraph', paragraph: { rich_text: text('{{activityList}}') } },
      { type: 'heading_2', heading_2: { rich_text: text('Progress log') } },
    ];
    const created = await env.provider.createDocument(createInput().input);
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    expect(doc.blocks.slice(0, 4)).toEqual([
      { type: 'heading', level: 2, text: 'Activities' },
      { type: 'list_item', text: 'Shadow two customer calls (Ana, due 2026-12-10)', checked: false },
      { type: 'list_item', text: 'Write a weekly update draft (Ana, due 2026-12-15)', checked: false },
      { type: 'heading', level: 2, text: 'Progress log' },
    ]);
  });

  it('after a crash between adding the activity rows and overwriting the placeholder row, resumes without duplicates', async () => {
    const env = setup();
    const { input, checkpoints } = createInput();
    let failNextRowUpdate = true;
    server.use(
      http.patch(/\/v1\/blocks\/[^/]+$/, async ({ request }) => {
        const body = (await request.clone().json()) as Record<string, unknown>;
        if (failNextRowUpdate && 'table_row' in body && JSON.stringify(body).includes('Shadow two customer calls')) {
          failNextRowUpdate = false;
          // A write that fails so is not repeated (a 409 would be: Notion applied nothing).
          return HttpResponse.json({ object: 'error', status: 500, code: 'internal_server_error', message: 'Notion encountered an unexpected error.' }, { status: 500 });
        }
        return undefined;
      }),
    );
    await expect(env.provider.createDocument(input)).rejects.toThrow('[notion] blocks.update');
    const resumed = await env.provider.createDocument({ ...input, checkpoint: checkpoints.at(-1)! });

    expect(env.fake.state.pages.size).toBe(1);
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: resumed.docId });
    const activities = doc.blocks.find((b) => b.type === 'table' && b.rows[0]?.[0] === 'Activity');
    expect(activities?.type === 'table' && activities.rows.map((r) => r[0])).toEqual(['Activity', 'Shadow two customer calls', 'Write a weekly update draft']);
  });
  it('a template that names people in a Person property: the page ends with exactly the four parties', async () => {
    const env = setup();
    // Someone filled HR (and Manager) in the template; Notion merges that into every page made from it.
    env.fake.state.dataSources.get(env.dataSourceId)!.templates![0]!.people = { HR: [env.users.eve.id], Manager: [env.users.eve.id] };
    const { input, audit } = createInput();
    const created = await env.provider.createDocument(input);

    const page = env.fake.state.pages.get(created.docId)!;
    const ids = (name: string) => (page.properties[name]!.people as { id: string }[]).map((p) => p.id);
    expect(ids('HR')).toEqual([env.users.hr.id]);
    expect(ids('Manager')).toEqual([env.users.ben.id]);
    expect(ids('Team member')).toEqual([env.users.ana.id]);
    expect(ids("Manager's manager")).toEqual([env.users.cy.id]);
    expect(audit.find((a) => a.kind === 'sharing.repaired')?.message).toContain('eve@acme.test');
    // Restored as soon as the template was there, before the placeholders were filled.
    const log = env.fake.requests();
    const restore = log.findIndex((r) => r.method === 'PATCH' && /^\/v1\/pages\//.test(r.path));
    const firstFill = log.findIndex((r) => r.method === 'PATCH' && /^\/v1\/blocks\//.test(r.path));
    expect(restore).toBeGreaterThan(-1);
    expect(restore).toBeLessThan(firstFill);
  });
});
