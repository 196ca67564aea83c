/**
 * Close and extend on a Notion page, checked on the fake's state: the closing section is a heading
 * and paragraphs at the end of the page (appended once), and an extension moves both the page's
 * `End` date and the Timeline's text; a Timeline someone reworded gets a note instead. Through the
 * service, an extend grows the check-in list too, once, even when Notion failed between the
 * Timeline's block and the list's and the next poll cycle carried on.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closingSection } from '../../service/src/domain/document-edits.js';
import { checkInList } from '../../service/src/templates/template.js';
import { readableDate } from '../../service/src/domain/dates.js';
import { FAKE_BASE_URL } from '../fakes/notion/index.js';
import { planBody } from '../support/app.js';
import { createInput, pageText, planInput, servedNotionEnv, startOnNotion } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const notice = { outcome: 'achieved', note: 'Weekly updates are a habit.', closedOn: '2026-12-31', closedBy: 'Ben (manager)' } as const;
const change = { from: '2026-12-31', to: '2027-01-15', changedOn: '2026-12-20', changedBy: "Cy (manager's manager)" };

async function createdPage() {
  const env = servedNotionEnv(server);
  const created = await env.provider.createDocument(createInput().input);
  const ref = { planId: 'plan-1', docId: created.docId };
  const topLevel = () => (env.fake.state.children.get(created.docId) ?? []).map((id) => env.fake.state.blocks.get(id)!);
  return { env, ref, topLevel };
}

describe('notion close and extend', () => {
  it('appends the closing section as a heading and paragraphs at the end, once', async () => {
    const { env, ref, topLevel } = await createdPage();
    expect(await env.provider.appendSection!(ref, closingSection(notice))).toBe('written');
    expect(await env.provider.appendSection!(ref, closingSection(notice))).toBe('present');
    const last = topLevel()
      .slice(-3)
      .map((block) => [block.type, (block.content.rich_text as { plain_text: string }[]).map((t) => t.plain_text).join('')]);
    expect(last).toEqual([
      ['heading_2', 'Outcome'],
      ['paragraph', 'Closed on 31 Dec 2026 by Ben (manager). Outcome: Achieved.'],
      ['paragraph', 'Note: Weekly updates are a habit.'],
    ]);
  });

  it('locks the page on close and unlocks it on reopen, Status following', async () => {
    const { env, ref } = await createdPage();
    await env.provider.closeDocument!(ref, { ...planInput(), stage: 'agreed' }, async () => {});
    expect(env.fake.state.pages.get(ref.docId)).toMatchObject({ isLocked: true, properties: { Status: { select: { name: 'Closed' } } } });
    await env.provider.reopenDocument!(ref, { ...planInput(), stage: 'agreed' }, async () => {});
    expect(env.fake.state.pages.get(ref.docId)).toMatchObject({ isLocked: false, properties: { Status: { select: { name: 'Active' } } } });
  });

  it('moves End and the Timeline to the new date', async () => {
    const { env, ref } = await createdPage();
    await env.provider.writeDates!(ref, change);
    expect(env.fake.state.pages.get(ref.docId)!.properties.End!.date).toMatchObject({ start: '2027-01-15' });
    expect(pageText(env.fake.state, ref.docId)).toContain('From 1 Dec 2026 to 15 Jan 2027.');
  });

  it('moves Start, End, the opening, the Timeline and the check-in list when a late draft is shared, once', async () => {
    const { env, ref } = await createdPage();
    const plan = planInput();
    const moved = { ...plan, startDate: '2026-12-10', endDate: '2027-01-09' };
    const shared = {
      from: plan.endDate,
      to: moved.endDate,
      start: { from: plan.startDate, to: moved.startDate },
      checkIns: { from: checkInList(plan), to: checkInList(moved) },
      changedOn: '2026-12-10',
      changedBy: 'Ben (manager)',
    };
    await env.provider.writeDates!(ref, shared);
    const page = env.fake.state.pages.get(ref.docId)!;
    expect([page.properties.Start!.date, page.properties.End!.date]).toMatchObject([{ start: '2026-12-10' }, { start: '2027-01-09' }]);
    const text = pageText(env.fake.state, ref.docId);
    expect(text).toContain('From 10 Dec 2026 to 9 Jan 2027.');
    expect(text).toContain('Check-ins are due on: 17 Dec 2026, 24 Dec 2026, 31 Dec 2026, 7 Jan 2027.');
    expect(text).toMatch(/growth from 10 Dec 2026\s+to 9 Jan 2027/);
    expect(text).not.toMatch(/\b1 Dec 2026|\b31 Dec 2026 to/);
    await env.provider.writeDates!(ref, shared);
    expect(pageText(env.fake.state, ref.docId)).toBe(text);
  });

  it('adds a note to a Timeline that no longer names the old end date', async () => {
    const { env, ref, topLevel } = await createdPage();
    const blocks = topLevel();
    const timeline = blocks[blocks.findIndex((b) => b.type === 'heading_2' && (b.content.rich_text as { plain_text: string }[])[0]?.plain_text === 'Timeline') + 1]!;
    timeline.content.rich_text = [
      {
        type: 'text',
        text: { content: 'About a month, until the holidays.', link: null },
        plain_text: 'About a month, until the holidays.',
        href: null,
        annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
      },
    ];
    await env.provider.writeDates!(ref, change);
    expect(pageText(env.fake.state, ref.docId)).toContain(
      "About a month, until the holidays. Extended on 20 Dec 2026 by Cy (manager's manager): the plan now ends on 15 Jan 2027 (it was 31 Dec 2026).",
    );
    // Again: the Timeline names the new date now, so nothing more is added.
    const before = pageText(env.fake.state, ref.docId);
    await env.provider.writeDates!(ref, change);
    expect(pageText(env.fake.state, ref.docId)).toBe(before);
  });
});

describe('notion extend through the service', () => {
  it('writes the grown check-in list once, though Notion failed on its block and the next cycle carried on', async () => {
    const { world, service } = await startOnNotion(server);
    try {
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const planId: string = created.json.plan.id;
      const pageId = (await service.store.getPlan(planId))!.docId!;
      const text = () => pageText(world.fake.state, pageId);
      expect(text()).toContain('Check-ins are due on: 8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026.');
      // Notion writes block by block: the Timeline's update lands, the check-in list's is refused.
      let down = true;
      server.use(
        http.patch(`${FAKE_BASE_URL}/v1/blocks/:id`, async ({ request }) =>
          down && (await request.clone().text()).includes('Check-ins are due on')
            ? HttpResponse.json({ object: 'error', status: 503, code: 'service_unavailable', message: 'Notion is unavailable.' }, { status: 503 })
            : undefined,
        ),
      );
      expect((await service.call('POST', `/api/plans/${planId}/extend`, { as: 'manager', body: { endDate: '2027-01-14' } })).status).toBe(200);
      expect(text()).toContain('From 1 Dec 2026 to 14 Jan 2027.');
      expect(text()).toContain('Check-ins are due on: 8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026.');
      expect((await service.store.listUnfinishedDocumentEdits()).map((edit) => edit.lastError)).toEqual([expect.stringContaining('Writing the new end date:')]);

      down = false;
      await service.call('POST', '/api/poll', { as: 'hr' });
      await service.call('POST', '/api/poll', { as: 'hr' });
      const plan = (await service.call('GET', `/api/plans/${planId}`, { as: 'manager' })).json.plan;
      const list = plan.status.checkIns.map((checkIn: { due: string }) => readableDate(checkIn.due)).join(', ');
      expect(list).toBe('8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026, 5 Jan 2027, 12 Jan 2027');
      expect(text().split(`Check-ins are due on: ${list}.`)).toHaveLength(2);
      expect(text().split('12 Jan 2027')).toHaveLength(2);
      expect(world.fake.state.pages.get(pageId)!.properties.End!.date).toMatchObject({ start: '2027-01-14' });
      expect(plan.audit.map((e: { message: string }) => e.message)).toContain(`New end date 2027-01-14 written in the document, with the check-ins due by then: ${list}.`);
      expect(await service.store.listUnfinishedDocumentEdits()).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
