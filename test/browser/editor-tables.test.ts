/**
 * The editor's preview reads a table as the service does (issue 22.1): with empty cells (a blank
 * Due, a blank Owner) every Status menu still shows that row's status, choosing one writes it into
 * the right cell, and the plan page reads the same statuses after a poll.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser, signedIn, utcDate } from './browser.js';

let server: RunningServer;
let browser: Browser;
let planId: string;

const ACTIVITIES_WITH_GAPS = [
  '| Activity | Owner | Due | Status |',
  '| --- | --- | --- | --- |',
  '| Shadow two customer calls | Ana |  | In progress |',
  '| Take the writing course |  |  | Done |',
  '| Present at the team meeting | Ana | | |',
  'Write a weekly update | Ana | 2026-12-20 | Dropped',
].join('\n');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  const hr = await signedIn(browser, server, 'hr@acme.test');
  const created = await hr.context.request.post(`${server.baseUrl}/api/plans`, {
    data: {
      teamMember: { name: 'Ana Lima', email: 'ana@acme.test' },
      manager: { name: 'Ben Okafor', email: 'ben@acme.test' },
      managersManager: { name: 'Cy Park', email: 'cy@acme.test' },
      developmentArea: 'Stakeholder communication',
      currentState: 'Updates are irregular.',
      goalState: 'A written update every Friday for four weeks.',
      activities: [{ title: 'Placeholder', owner: 'Ana' }],
      supportAssets: 'Weekly 1:1.',
      updateCadenceDays: 7,
      startDate: utcDate(-3),
    },
  });
  expect(created.status()).toBe(201);
  planId = ((await created.json()) as { plan: { id: string } }).plan.id;
  // The Activities table as people leave it: blank cells, one row without its outer pipes.
  const doc = (await (await hr.context.request.get(`${server.baseUrl}/api/plans/${planId}/document`)).json()) as { markdown: string; version: string };
  const markdown = doc.markdown.replace(/\| Activity \| Owner \| Due \| Status \|[\s\S]*?\n\n/, `${ACTIVITIES_WITH_GAPS}\n\n`);
  expect(markdown).toContain(ACTIVITIES_WITH_GAPS);
  const put = await hr.context.request.put(`${server.baseUrl}/api/plans/${planId}/document`, { data: { markdown, baseVersion: doc.version } });
  expect(put.status()).toBe(200);
  await hr.context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the editor preview with empty table cells', () => {
  it('shows each row status under Status, writes a choice into its own cell, and agrees with the service', async () => {
    const ana = await signedIn(browser, server, 'ana@acme.test');
    const { page } = ana;
    await page.goto(`${server.baseUrl}/docs/${planId}`);
    const menu = (title: string) => page.getByLabel(`Status of ${title}`);
    await menu('Shadow two customer calls').waitFor();
    expect(await menu('Shadow two customer calls').inputValue()).toBe('In progress');
    expect(await menu('Take the writing course').inputValue()).toBe('Done');
    expect(await menu('Present at the team meeting').inputValue()).toBe('');
    expect(await menu('Write a weekly update').inputValue()).toBe('Dropped');
    // Blank cells stay blank columns: the status word is not shown under Due.
    const row = page.locator('#preview tr', { hasText: 'Take the writing course' });
    expect(await row.locator('td').count()).toBe(4);
    expect((await row.locator('td').nth(2).innerText()).trim()).toBe('');

    await menu('Present at the team meeting').selectOption('Done');
    await page.locator('#save-state', { hasText: 'All changes saved' }).waitFor();
    expect(await menu('Present at the team meeting').inputValue()).toBe('Done');
    expect(await menu('Shadow two customer calls').inputValue()).toBe('In progress');
    const saved = ((await (await page.request.get(`${server.baseUrl}/api/plans/${planId}/document`)).json()) as { markdown: string }).markdown;
    expect(saved).toMatch(/^\| Present at the team meeting +\| Ana +\| +\| Done +\|$/m);

    const polled = await page.request.post(`${server.baseUrl}/api/plans/${planId}/poll`);
    const plan = ((await polled.json()) as { plan: { status: { activities: { done: number; total: number } } } }).plan;
    // Done: the writing course and the meeting; Dropped does not count in the total.
    expect(plan.status.activities).toEqual({ done: 2, total: 3 });
    await ana.context.close();
  }, 90_000);
});
