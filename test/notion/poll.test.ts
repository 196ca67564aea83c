import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../service/src/domain/audit.js';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { DocumentMissingError } from '../../service/src/providers/types.js';
import { notionHandlers, ui } from '../fakes/notion/index.js';
import { createInput, notionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function withPlan() {
  const env = notionEnv();
  server.use(...notionHandlers(env.fake));
  const { input, plan } = createInput();
  const created = await env.provider.createDocument(input);
  const ref = { planId: 'plan-1', docId: created.docId };
  const audit: AuditInput[] = [];
  const record = async (event: AuditInput) => void audit.push(event);
  return { ...env, input, plan, ref, audit, record, pageId: created.docId };
}

describe('notion polling', () => {
  it('reads progress people added in Notion: table rows, checked to-dos, date mentions', async () => {
    const env = await withPlan();
    env.clock.advance(3 * 86_400_000);
    ui.addTableRow(env.fake.state, env.pageId, 'Date', ['2026-12-03', 'Shadowed the first call', 'Ana']);
    ui.addTableRow(env.fake.state, env.pageId, 'Date', [{ date: '2026-12-08' }, 'Drafted the first update', 'Ana']);
    ui.setTableCell(env.fake.state, env.pageId, 'Activity', 1, 3, 'Done');
    ui.appendParagraph(env.fake.state, env.pageId, ['Extra to-do list follows']);
    env.fake.state.insertBlocks(env.pageId, env.pageId, [{ type: 'to_do', to_do: { rich_text: [{ text: { content: 'Book the writing course' } }] } }]);
    ui.checkTodo(env.fake.state, env.pageId, 'Book the writing course');

    const doc = await env.provider.readDocument(env.ref);
    const parsed = parsePlanDocument(doc, { dateOrder: 'DMY', planStartDate: '2026-12-01' });
    expect(parsed.progressEntries.map((e) => [e.date, e.text])).toEqual([
      ['2026-12-03', 'Shadowed the first call'],
      ['2026-12-08', 'Drafted the first update'],
    ]);
    expect(parsed.activities.find((a) => a.title === 'Shadow two customer calls')?.status).toBe('done');
    expect(doc.blocks).toContainEqual({ type: 'list_item', text: 'Book the writing course', checked: true });
  });

  it('reads around a block the integration cannot see: the rest is read, the hidden part is a warning', async () => {
    const env = await withPlan();
    ui.addTableRow(env.fake.state, env.pageId, 'Date', ['2026-12-03', 'Shadowed the first call', 'Ana']);
    const [synced] = env.fake.state.insertBlocks(env.pageId, env.pageId, [
      {
        type: 'toggle',
        toggle: { rich_text: [{ text: { content: 'Notes from the other team' } }], children: [{ type: 'paragraph', paragraph: { rich_text: [{ text: { content: 'hidden' } }] } }] },
      },
    ]);
    env.fake.state.hiddenBlocks.add(synced!.id);

    const doc = await env.provider.readDocument(env.ref);
    const parsed = parsePlanDocument(doc, { dateOrder: 'DMY', planStartDate: '2026-12-01' });
    expect(parsed.progressEntries.map((e) => e.text)).toEqual(['Shadowed the first call']);
    expect(parsed.warnings.join(' ')).toMatch(/Notes from the other team.*could not be read/);
  });

  it('asks only for pages edited since the last cycle (minute-rounded, so with overlap), one query a cycle', async () => {
    const env = await withPlan();
    const other = await env.provider.createDocument(createInput(undefined, 'plan-2').input);
    const docs = [env.ref];
    const c1 = await env.provider.detectChanges(null, docs);
    expect(c1.changed).toBe('all');
    env.clock.advance(10 * 60_000);
    const c2 = await env.provider.detectChanges(c1.cursor, docs);
    env.clock.advance(10 * 60_000);
    const c3 = await env.provider.detectChanges(c2.cursor, docs);
    expect(c3.changed).toEqual([]);

    // Edited 20 s into the next interval: Notion keeps only the minute, which may lie before the cursor.
    env.clock.advance(20_000);
    ui.appendParagraph(env.fake.state, other.docId, ['not one of ours']);
    ui.appendParagraph(env.fake.state, env.pageId, ['2026-12-04 met with Ben']);
    env.clock.advance(5 * 60_000);
    const requestsBefore = env.fake.log.length;
    const c4 = await env.provider.detectChanges(c3.cursor, docs);
    expect(c4.changed).toEqual([env.pageId]);
    expect(env.fake.log.length - requestsBefore).toBe(1);
    expect(Date.parse(c4.cursor)).toBeGreaterThan(Date.parse(c3.cursor));
  });

  it('pages through a change query with more than 100 edited pages', async () => {
    const env = await withPlan();
    const docs = Array.from({ length: 150 }, (_, i) => {
      const page = env.fake.state.createPage({ parent: { data_source_id: env.dataSourceId }, properties: { Name: { title: [{ text: { content: `Plan ${i}` } }] } } });
      return { planId: `p${i}`, docId: page.id };
    });
    env.clock.advance(10 * 60_000);
    const first = await env.provider.detectChanges(null, docs);
    env.clock.advance(10 * 60_000);
    for (const doc of docs.slice(20)) ui.appendParagraph(env.fake.state, doc.docId, ['edited']);
    const next = await env.provider.detectChanges(first.cursor, docs);
    expect(next.changed).toHaveLength(130);
    expect(env.fake.requests({ method: 'POST', path: /\/query$/ }).length).toBeGreaterThanOrEqual(4);
  });

  it('restores Person properties someone changed and audits what it found', async () => {
    const env = await withPlan();
    ui.setPeople(env.fake.state, env.pageId, 'Manager', [env.users.ben.id, env.users.eve.id]);
    ui.setPeople(env.fake.state, env.pageId, 'HR', []);

    const report = await env.provider.enforceSharing(env.ref, env.input.parties, env.record);
    expect(report.state).toBe('repaired');
    const page = env.fake.state.pages.get(env.pageId)!;
    expect((page.properties.Manager!.people as { id: string }[]).map((p) => p.id)).toEqual([env.users.ben.id]);
    expect((page.properties.HR!.people as { id: string }[]).map((p) => p.id)).toEqual([env.users.hr.id]);
    const repaired = env.audit.find((a) => a.kind === 'sharing.repaired');
    expect(repaired?.message).toContain('eve@acme.test');
    expect(repaired?.message).toContain('"HR" held nobody');

    const again = await env.provider.enforceSharing(env.ref, env.input.parties, env.record);
    expect(again).toEqual({ state: 'ok', issues: [] });
  });

  it('a party who left the workspace cannot be restored, but someone added in their place is removed', async () => {
    const env = await withPlan();
    // Hanna left; someone put Eve in the HR property in her place.
    ui.setPeople(env.fake.state, env.pageId, 'HR', [env.users.eve.id]);
    env.fake.state.users.delete(env.users.hr.id);
    env.clock.advance(11 * 60_000);

    const report = await env.provider.enforceSharing(env.ref, env.input.parties, env.record);
    expect(report.state).toBe('violation');
    expect(report.issues.join(' ')).toContain('hr@acme.test cannot be set');
    const page = env.fake.state.pages.get(env.pageId)!;
    expect(page.properties.HR!.people).toEqual([]);
    expect(env.audit.find((a) => a.kind === 'sharing.removed')?.message).toContain('eve@acme.test');
    // The other three are untouched.
    expect((page.properties.Manager!.people as { id: string }[]).map((p) => p.id)).toEqual([env.users.ben.id]);
  });

  it('the full sharing sweep of many unchanged pages lists the data source instead of retrieving each page, and still finds what is wrong', async () => {
    const env = notionEnv();
    server.use(...notionHandlers(env.fake));
    const refs = [];
    for (let i = 0; i < 150; i++) {
      const { input } = createInput(undefined, `plan-${i}`);
      refs.push({ planId: `plan-${i}`, docId: (await env.provider.createDocument(input)).docId, parties: input.parties });
    }
    // Created well before the last cycle, so the change query of this one returns none of them.
    env.clock.advance(10 * 60_000);
    const { cursor } = await env.provider.detectChanges(null, refs);
    env.clock.advance(10 * 60_000);
    ui.publishToWeb(env.fake.state, refs[100]!.docId);
    ui.trash(env.fake.state, refs[120]!.docId);
    const before = env.fake.log.length;

    await env.provider.detectChanges(cursor, refs);
    const states: string[] = [];
    for (const ref of refs) {
      states.push(
        await env.provider
          .enforceSharing(ref, ref.parties, async () => {})
          .then(
            (r) => r.state,
            (e: Error) => e.name,
          ),
      );
    }
    const sweep = env.fake.log.slice(before);
    expect(sweep.filter((r) => r.method === 'GET' && /^\/v1\/pages\//.test(r.path)).length).toBeLessThanOrEqual(25);
    expect(sweep.length).toBeLessThanOrEqual(30);
    expect(states[100]).toBe('violation');
    expect(states[120]).toBe('DocumentMissingError');
    expect(states.filter((s) => s === 'ok')).toHaveLength(148);
  });

  it('flags a page published to the web for as long as it stays published', async () => {
    const env = await withPlan();
    ui.publishToWeb(env.fake.state, env.pageId);
    for (let cycle = 0; cycle < 2; cycle++) {
      env.clock.advance(5 * 60_000);
      const report = await env.provider.enforceSharing(env.ref, env.input.parties, env.record);
      expect(report.state).toBe('violation');
      expect(report.issues.join(' ')).toContain('Share > Publish');
    }
    expect(env.audit.filter((a) => a.kind === 'sharing.violation')).toHaveLength(2);

    ui.publishToWeb(env.fake.state, env.pageId, false);
    env.clock.advance(5 * 60_000);
    expect((await env.provider.enforceSharing(env.ref, env.input.parties, env.record)).state).toBe('ok');
  });

  it('flags a page moved out of the database, where the access rules no longer apply', async () => {
    const env = await withPlan();
    ui.moveOutOfDatabase(env.fake.state, env.pageId);
    const report = await env.provider.enforceSharing(env.ref, env.input.parties, env.record);
    expect(report.state).toBe('violation');
    expect(report.issues.join(' ')).toContain('move it back into the database');
  });

  it('reports a trashed page as missing', async () => {
    const env = await withPlan();
    ui.trash(env.fake.state, env.pageId);
    env.clock.advance(5 * 60_000);
    await expect(env.provider.readDocument(env.ref)).rejects.toBeInstanceOf(DocumentMissingError);
    await expect(env.provider.readDocument({ planId: 'x', docId: crypto.randomUUID() })).rejects.toBeInstanceOf(DocumentMissingError);
  });

  it('closes: Status Closed, page locked, audited', async () => {
    const env = await withPlan();
    await env.provider.closeDocument!(env.ref, env.input.parties, env.record);
    const page = env.fake.state.pages.get(env.pageId)!;
    expect(page.properties.Status!.select).toMatchObject({ name: 'Closed' });
    expect(page.isLocked).toBe(true);
    expect(env.audit.map((a) => a.kind)).toContain('sharing.downgraded');
  });
});
