/**
 * The editor's preview reads a table as the service does (issue 22.1): with empty cells (a blank
 * Due, a blank Owner) every Status menu still shows that row's status, choosing one writes it into
 * the right cell, and the plan page reads the same statuses after a poll. On a phone (issue 22.8)
 * the document and the preview are tabs, the page is not screens and screens tall, table cells never
 * break inside a word, and a wide table scrolls sideways in its own box.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser, resultsDir, root, signedIn, utcDate } from './browser.js';

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

  it('on a phone: document and preview as tabs, a page about a screen tall, tables whole; a new entry scrolls into view', async () => {
    const ben = await signedIn(browser, server, 'ben@acme.test');
    const { page } = ben;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/docs/${planId}`);
    const documentTab = page.getByRole('tab', { name: 'Document' });
    const previewTab = page.getByRole('tab', { name: 'Preview' });
    await documentTab.waitFor();
    expect(await documentTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#pane-preview').isHidden()).toBe(true);
    const [height, width, viewport] = await page.evaluate(() => [
      document.documentElement.scrollHeight,
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    // Before: both panes stacked at full length, 4,775 px. Now the tools and one pane, which scrolls inside.
    expect(height, 'page height on a phone').toBeLessThan(1700);
    expect(width, 'no sideways scroll of the page').toBeLessThanOrEqual(viewport as number);
    await page.screenshot({ path: join(resultsDir, 'editor-phone.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
      copyFileSync(join(resultsDir, 'editor-phone.png'), join(root, 'docs/screenshots/editor-phone.png'));
    }

    await documentTab.press('ArrowRight');
    expect(await previewTab.getAttribute('aria-selected')).toBe('true');
    await page.locator('#pane-preview table').first().waitFor();
    expect(await page.locator('#pane-source').isHidden()).toBe(true);
    // Every header cell of every table keeps its words whole: no more lines than words.
    const broken = await page.locator('#preview th').evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        const words = (cell.textContent ?? '').trim().split(/\s+/).filter(Boolean).length;
        return lines > Math.max(words, 1) ? [`${cell.textContent} on ${lines} lines`] : [];
      }),
    );
    expect(broken).toEqual([]);
    const activities = page.getByRole('region', { name: 'Table: Activity, Owner, Due, Status' });
    const [tableWidth, boxWidth] = await activities.evaluate((box) => [box.scrollWidth, box.clientWidth]);
    expect(tableWidth, 'the Activities table scrolls in its own box').toBeGreaterThan(boxWidth as number);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // "Add entry": the new row is brought into view in the preview and marked for a moment.
    await page.getByLabel('Update', { exact: true }).fill('Walked through the estimate with the team');
    await page.getByRole('button', { name: 'Add entry' }).click();
    const added = page.locator('#preview tr.just-added', { hasText: 'Walked through the estimate with the team' });
    await added.waitFor();
    expect(
      await added.evaluate((row) => {
        const box = row.getBoundingClientRect();
        const pane = (row.closest('.preview') as HTMLElement).getBoundingClientRect();
        return box.top >= pane.top && box.bottom <= pane.bottom;
      }),
    ).toBe(true);
    await page.locator('#save-state', { hasText: 'All changes saved' }).waitFor();
    await ben.context.close();
  }, 120_000);
});
