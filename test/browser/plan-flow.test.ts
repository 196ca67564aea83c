/**
 * The dashboard end to end, in Chromium against the real service: a manager creates a plan through
 * the form, HR sees it with the right badges, progress written in the document changes them after a
 * poll, a stranger sees nothing, and the CSV export holds exactly the filtered rows.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { fillPlanForm, launchBrowser, rowOf, signedIn, utcDate, waitForTexts } from './browser.js';

let server: RunningServer;
let browser: Browser;
let base: string;
let planId = '';
const foreignRequests: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  base = server.baseUrl;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(email: string) {
  const session = await signedIn(browser, server, email);
  return {
    ...session,
    close: async () => {
      foreignRequests.push(...session.foreign);
      await session.context.close();
    },
  };
}

/** The text of a cell in a team member's overview row, by column header. */
async function cell(page: import('playwright-core').Page, name: string, column: string): Promise<string> {
  const headers = await page.locator('table.plans thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[↕▲▼]/g, '').trim() === column);
  expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
  return (await rowOf(page, name).locator('th, td').nth(index).innerText()).trim();
}

describe('a coaching plan through the dashboard', () => {
  it('a manager creates a plan with the form (defaults, inline errors from client and API) and lands on its document', async () => {
    const ben = await as('ben@acme.test');
    const { page } = ben;
    await page.goto(`${base}/new/`);
    await page.getByLabel('Document on this service').waitFor();
    // Defaults: HR from the service, the manager is the signed-in person, weekly cadence, 30 days.
    expect(await page.getByLabel('HR: Email', { exact: true }).inputValue()).toBe('hr@acme.test');
    expect(await page.getByLabel('Manager: Email', { exact: true }).inputValue()).toBe('ben@acme.test');
    expect(await page.getByLabel('Check in every … days').inputValue()).toBe('7');
    expect(await page.getByLabel('Document on this service').isChecked()).toBe(true);

    // Submitting an empty form: every problem is named next to its field and in a summary.
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'fixing before the plan can be created' });
    await summary.waitFor();
    expect(await page.getByLabel('Team member: Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="err-teamMember.email"]').innerText()).toBe('Required.');
    expect(await page.locator('[id="err-activities.0.title"]').innerText()).toBe('Required.');

    await fillPlanForm(page, {
      teamMember: ['Ana Lima', 'ana@acme.x'],
      manager: ['Ben Okafor', 'ben@acme.test'],
      managersManager: ['Cy Park', 'cy@acme.test'],
      developmentArea: 'Stakeholder communication',
      activities: ['Shadow two customer calls', 'Write a weekly update'],
      startDate: utcDate(-10),
    });
    expect(await page.getByLabel('End date').inputValue(), 'end follows start + 30 days').toBe(utcDate(20));

    // "ana@acme.x" passes the browser's check but not the API's: its 400 lands under the same field.
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    await page.locator('[id="err-teamMember.email"]').filter({ hasText: /.+/ }).waitFor();
    expect(await page.getByLabel('Team member: Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="err-developmentArea"]').innerText()).toBe('');

    // The handbook's order is the default; this plan is shared with the four at once.
    expect(await page.getByLabel('Save as draft for alignment').isChecked()).toBe(true);
    await page.getByLabel('Create and share now').check();
    await page.getByLabel('Team member: Email', { exact: true }).fill('ana@acme.test');
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    const docLink = page.getByRole('link', { name: 'Open the plan document' });
    await docLink.waitFor();
    const href = (await docLink.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${base}/docs/[\\w-]+$`));
    planId = href.split('/').pop() ?? '';
    // Who was told: a local document emails nobody, and the page says so (no reminder channel either).
    expect(await page.locator('#who-was-told').innerText()).toMatch(/^Nobody was sent a message about it: tell Ana Lima .*No reminder channel is set up/);

    await docLink.click();
    await page.waitForURL(href);
    await page.getByRole('textbox', { name: 'Plan document, Markdown' }).waitFor();
    const preview = page.locator('#preview');
    await preview
      .getByRole('heading', { name: /Ana Lima/ })
      .first()
      .waitFor();
    expect(await preview.getByRole('cell', { name: 'Shadow two customer calls' }).count()).toBe(1);
    await ben.close();
  });

  it("HR's overview shows the plan with its phase, health, timeline and sharing", async () => {
    const hr = await as('hr@acme.test');
    const { page } = hr;
    await rowOf(page, 'Ana Lima').waitFor();
    expect(await cell(page, 'Ana Lima', 'Manager')).toBe('Ben Okafor');
    expect(await cell(page, 'Ana Lima', 'Phase')).toBe('Active');
    // Day 11 of 30 with no entry: the day-7 check-in is missed.
    expect(await cell(page, 'Ana Lima', 'Health')).toBe('At risk');
    expect(await cell(page, 'Ana Lima', 'Missed')).toBe('1');
    expect(await cell(page, 'Ana Lima', 'Activities')).toBe('0/2');
    expect(await cell(page, 'Ana Lima', 'Sharing')).toBe('OK');
    expect(await cell(page, 'Ana Lima', 'Last entry')).toBe('—');
    const timeline = rowOf(page, 'Ana Lima').getByRole('img');
    expect(await timeline.getAttribute('aria-label')).toContain('0 progress entries');
    expect(await rowOf(page, 'Ana Lima').locator('.tl-tick').count()).toBe(4);
    expect(await rowOf(page, 'Ana Lima').locator('.tl-dot').count()).toBe(0);
    expect(await page.locator('[data-count="atRisk"] .count-value').innerText()).toBe('1');
    await hr.close();
  });

  it('progress written in the document changes the badges and the timeline after a poll', async () => {
    const ben = await as('ben@acme.test');
    const { page } = ben;
    await page.goto(`${base}/docs/${planId}`);
    // Ben records what Ana reported, through the editor's controls.
    await page.getByLabel('Status of Shadow two customer calls').selectOption('Done');
    await page.getByText('All changes saved').waitFor();
    for (const [date, update] of [
      [utcDate(-5), 'Shadowed a customer call, notes shared'],
      [utcDate(0), 'Sent the first Friday update'],
    ] as const) {
      await page.getByLabel('Date', { exact: true }).fill(date);
      await page.getByLabel('Update', { exact: true }).fill(update);
      await page.getByRole('button', { name: 'Add entry' }).click();
      await page.locator('#preview td', { hasText: update }).waitFor();
    }
    await page.getByText('All changes saved').waitFor();

    await page.goto(`${base}/plan/?id=${planId}`);
    await page.getByRole('button', { name: 'Refresh from the document' }).click();
    await page.getByRole('cell', { name: 'Sent the first Friday update' }).waitFor();
    expect(await page.locator('#log-title + table tbody tr').count()).toBe(2);
    await ben.close();

    const hr = await as('hr@acme.test');
    await rowOf(hr.page, 'Ana Lima').waitFor();
    expect(await cell(hr.page, 'Ana Lima', 'Health')).toBe('On track');
    expect(await cell(hr.page, 'Ana Lima', 'Missed')).toBe('0');
    expect(await cell(hr.page, 'Ana Lima', 'Activities')).toBe('1/2');
    expect(await rowOf(hr.page, 'Ana Lima').locator('.tl-dot').count()).toBeGreaterThan(0);
    expect(await rowOf(hr.page, 'Ana Lima').getByRole('img').getAttribute('aria-label')).toContain('2 progress entries');
    expect(await hr.page.locator('[data-count="atRisk"] .count-value').innerText()).toBe('0');
    await hr.close();
  });

  it('a stranger sees no plan, no detail and no document', async () => {
    const zed = await as('zed@acme.test');
    const { page } = zed;
    await page.getByRole('heading', { name: 'You have no coaching plans' }).waitFor();
    expect(await page.locator('#rows tr').count()).toBe(0);
    expect(await page.content()).not.toContain('Ana Lima');

    await page.goto(`${base}/plan/?id=${planId}`);
    await page.getByRole('heading', { name: 'Plan not found' }).waitFor();
    expect(await page.content()).not.toContain('Stakeholder communication');

    const doc = await page.goto(`${base}/docs/${planId}`);
    expect(doc?.status()).toBe(404);
    expect(await page.content()).not.toContain('Ana Lima');
    await zed.close();
  });

  it('HR filters, sorts, and exports exactly the filtered rows as CSV', async () => {
    const hr = await as('hr@acme.test');
    const { page, context } = hr;
    const create = async (teamMember: [string, string], manager: [string, string], startDate: string) => {
      const response = await context.request.post(`${base}/api/plans`, {
        data: {
          teamMember: { name: teamMember[0], email: teamMember[1] },
          manager: { name: manager[0], email: manager[1] },
          managersManager: { name: 'Cy Park', email: 'cy@acme.test' },
          developmentArea: 'Estimating work',
          currentState: 'Estimates are often off by weeks.',
          goalState: 'Estimates within 20% for three tasks in a row.',
          activities: [{ title: 'Pair on two estimates' }],
          supportAssets: 'Weekly 1:1',
          updateCadenceDays: 7,
          startDate,
        },
      });
      expect(response.status()).toBe(201);
    };
    await create(['Bo Chen', 'bo@acme.test'], ['Ben Okafor', 'ben@acme.test'], utcDate(3));
    await create(['Cem Aydin', 'cem@acme.test'], ['Mia Jensen', 'mia@acme.test'], utcDate(0));
    await page.reload();
    await rowOf(page, 'Cem Aydin').waitFor();
    expect(await page.locator('#rows tr').count()).toBe(3);

    await page.getByLabel('Manager', { exact: true }).selectOption({ label: 'Ben Okafor' });
    await page.getByText('Showing 2 of 3 plans').waitFor();
    expect(new URL(page.url()).searchParams.get('manager')).toBe('ben@acme.test');

    // Sorting from the keyboard: the header is a button; aria-sort says the order. The server sorts,
    // so the rows follow a moment later.
    await page.getByRole('button', { name: 'Team member' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('th[data-col="teamMember"]').getAttribute('aria-sort')).toBe('ascending');
    await waitForTexts(page, '#rows tr th', ['Ana Lima', 'Bo Chen']);
    await page.keyboard.press('Enter');
    await waitForTexts(page, '#rows tr th', ['Bo Chen', 'Ana Lima']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^coaching-plans-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Team member,Team member email,Manager,/);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      ['Bo Chen', 'bo@acme.test', 'Ben Okafor'],
      ['Ana Lima', 'ana@acme.test', 'Ben Okafor'],
    ]);

    await page.getByLabel('Search by name').fill('cem');
    await page.getByText('No plans match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByText('3 plans').waitFor();
    await hr.close();
  });

  it("the team member sees their own plan, without the manager's actions", async () => {
    const ana = await as('ana@acme.test');
    const { page } = ana;
    const card = page.getByRole('region', { name: 'Your coaching plan' });
    await card.getByRole('link', { name: /^Coaching plan: Ana Lima, / }).waitFor();
    expect(await card.innerText()).toContain('On track');
    expect(await page.locator('#plans-section').isHidden()).toBe(true);
    await card.getByRole('link', { name: /^Coaching plan: Ana Lima, / }).click();
    await page.getByRole('heading', { name: /^Coaching plan: Ana Lima, / }).waitFor();
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    await ana.close();
  });

  it('the manager extends the plan, then closes it with an outcome', async () => {
    const ben = await as('ben@acme.test');
    const { page } = ben;
    await page.goto(`${base}/plan/?id=${planId}`);
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    const newEnd = utcDate(27);
    await page.getByLabel('New end date').fill(newEnd);
    await page.getByRole('button', { name: 'Extend' }).click();
    await page.getByRole('status').filter({ hasText: 'Plan extended.' }).waitFor({ state: 'attached' });
    const [y, m, d] = newEnd.split('-');
    const shown = `${Number(d)} ${new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${y}`;
    expect(await page.locator('.tl-dates').innerText()).toContain(shown);

    // Before the end date closing hides behind "Close early", asks for a reason and for confirmation.
    expect(await page.getByRole('button', { name: /^Close/ }).count()).toBe(0);
    await page.getByText('Close early', { exact: true }).click();
    await page.getByRole('button', { name: 'Close early…' }).click();
    await page.getByText('Choose an outcome.').waitFor();
    await page.getByLabel('Achieved', { exact: true }).check();
    await page.getByRole('button', { name: 'Close early…' }).click();
    await page.getByText('Say why the plan closes before its end date.').waitFor();
    await page.getByLabel(/^Why close before /).fill('Weekly updates are now routine.');
    await page.getByRole('button', { name: 'Close early…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Close this plan?' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('with the outcome “Achieved”');
    // Cancel changes nothing; confirming closes.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(((await (await page.request.get(`${base}/api/plans/${planId}`)).json()) as { plan: { state: string } }).plan.state).toBe('ready');
    await page.getByRole('button', { name: 'Close early…' }).click();
    await confirm.getByRole('button', { name: 'Close as “Achieved”' }).click();
    await page.locator('.notice-ok').filter({ hasText: 'Closed on' }).waitFor();
    expect(await page.locator('.notice-ok').innerText()).toContain('Achieved');
    // The outcome replaces the health colour.
    const badges = await page.locator('.page-head .badges').innerText();
    expect(badges).toContain('Closed');
    expect(badges).toContain('Achieved');
    expect(badges).not.toMatch(/On track|At risk|Off track/);
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    await ben.close();
  });

  it('HR reopens the closed plan with a reason; the manager is not offered it', async () => {
    const ben = await as('ben@acme.test');
    await ben.page.goto(`${base}/plan/?id=${planId}`);
    await ben.page.locator('.page-head .badges', { hasText: 'Achieved' }).waitFor();
    expect(await ben.page.getByRole('heading', { name: 'Reopen the plan' }).count()).toBe(0);
    await ben.close();

    const hr = await as('hr@acme.test');
    const { page } = hr;
    await page.goto(`${base}/plan/?id=${planId}`);
    await page.getByRole('heading', { name: 'Reopen the plan' }).waitFor();
    await page.getByRole('button', { name: 'Reopen the plan' }).click();
    await page.getByText('Say why the plan is reopened.').waitFor();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.getByLabel('Why reopen it?').fill('Closed by mistake: two weeks are left.');
    await page.getByRole('button', { name: 'Reopen the plan' }).click();
    await page.locator('.page-head .badges', { hasText: 'Active' }).waitFor();
    expect(await page.locator('#detail').innerText()).toContain('Plan reopened');
    await hr.close();
  });

  it('made no request to any other origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
