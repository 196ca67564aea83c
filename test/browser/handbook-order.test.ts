/**
 * The handbook's order through the dashboard, in Chromium (issue 21.6): the manager saves a draft
 * (the form's default), the team member sees nothing of it, the manager's manager's first step is
 * "Align", then the manager's is "Share with Ana" (which says who was told), then the team member's
 * is "I agree with this plan", and the manager agrees too. The overview's Stage column and filter
 * follow; axe finds nothing serious. Saves the README's screenshots of a draft awaiting alignment
 * and of the record page.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { fillPlanForm, launchBrowser, resultsDir, root, rowOf, signedIn, utcDate } from './browser.js';

let server: RunningServer;
let browser: Browser;
let planId = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(email: string, width = 1280) {
  const person = await signedIn(browser, server, email);
  await person.page.setViewportSize({ width, height: 900 });
  return person;
}

const firstOffered = (page: Page) => page.locator('#main').locator('a:visible, button:visible').first();
const stepsLoaded = (page: Page) => page.locator('#next-steps:not([aria-busy])').waitFor();

async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(resultsDir, name), fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    copyFileSync(join(resultsDir, name), join(root, 'docs/screenshots', name));
  }
}

describe("the handbook's order in the dashboard", () => {
  it('the manager saves a draft for alignment by default; the team member sees nothing of it', async () => {
    const ben = await as('ben@acme.test');
    await ben.page.goto(`${server.baseUrl}/new/`);
    await ben.page.getByLabel('Document on this service').waitFor();
    await fillPlanForm(ben.page, {
      teamMember: ['Ana Lima', 'ana@acme.test'],
      manager: ['Ben Okafor', 'ben@acme.test'],
      managersManager: ['Cy Park', 'cy@acme.test'],
      developmentArea: 'Stakeholder communication',
      activities: ['Shadow two customer calls'],
      startDate: utcDate(0),
    });
    expect(await ben.page.getByLabel('Save as draft for alignment').isChecked()).toBe(true);
    await ben.page.getByRole('button', { name: 'Create the plan and its document' }).click();
    const link = ben.page.getByRole('link', { name: "See the plan's status" });
    await link.waitFor();
    planId = new URL((await link.getAttribute('href')) as string, server.baseUrl).searchParams.get('id') as string;
    await ben.page.goto(`${server.baseUrl}/`);
    await rowOf(ben.page, 'Ana Lima').waitFor();
    expect(await rowOf(ben.page, 'Ana Lima').locator('td[data-label="Stage"]').innerText()).toMatch(/^Awaiting alignment/);
    expect(await rowOf(ben.page, 'Ana Lima').locator('td[data-label="Health"]').innerText()).toBe('Not started');
    await ben.context.close();

    const ana = await as('ana@acme.test');
    await stepsLoaded(ana.page);
    expect(await ana.page.locator('#main').innerText()).not.toContain('Stakeholder communication');
    await ana.page.goto(`${server.baseUrl}/plan/?id=${planId}`);
    await ana.page.getByRole('heading', { name: 'Plan not found' }).waitFor();
    await ana.context.close();
  }, 120_000);

  it("the manager's manager: Align is the first step offered, on the overview and on the plan page", async () => {
    const cy = await as('cy@acme.test');
    const { page } = cy;
    await stepsLoaded(page);
    expect(await firstOffered(page).innerText()).toBe("Align Ana's plan");
    await firstOffered(page).click();
    const align = page.getByRole('button', { name: 'Align', exact: true });
    await align.waitFor();
    expect(await page.locator('#detail > section.panel').first().getAttribute('aria-labelledby')).toBe('next-step-title');
    expect(await page.locator('.page-head .badges').innerText()).toContain('Awaiting alignment');
    expect(await serious(page)).toEqual([]);
    await screenshot(page, 'draft-awaiting-alignment.png');
    await page.getByLabel('Note for Ben Okafor (optional)').fill('Agreed: writing is the growth area for this quarter.');
    await align.click();
    await page
      .getByRole('region', { name: 'People' })
      .getByText(/^Aligned /)
      .waitFor();
    await cy.context.close();
  }, 120_000);

  it('the manager: Share with Ana, which says who was told; then the stage filter finds it shared', async () => {
    const ben = await as('ben@acme.test');
    const { page } = ben;
    await stepsLoaded(page);
    expect(await firstOffered(page).innerText()).toBe('Share with Ana');
    await firstOffered(page).click();
    await page.getByRole('button', { name: 'Share with Ana' }).click();
    const told = page.locator('.notice-ok[role="status"]', { hasText: 'Shared with Ana Lima.' });
    await told.waitFor();
    expect(await told.innerText()).toMatch(/Nobody was sent a message about it: tell Ana Lima yourself/);
    await page.goto(`${server.baseUrl}/?stage=shared`);
    await rowOf(page, 'Ana Lima').waitFor();
    expect(await page.getByLabel('Stage').inputValue()).toBe('shared');
    expect(await rowOf(page, 'Ana Lima').locator('td[data-label="Stage"]').innerText()).toMatch(/^Shared\s+To agree: team member, manager/);
    await page.getByLabel('Stage').selectOption('awaiting_alignment');
    await page.getByText('No plans match these filters.').waitFor();
    await ben.context.close();
  }, 120_000);

  it('the team member: I agree with this plan; then the manager agrees, and the plan is agreed', async () => {
    const ana = await as('ana@acme.test');
    await stepsLoaded(ana.page);
    expect(await firstOffered(ana.page).innerText()).toBe('Read and agree');
    await firstOffered(ana.page).click();
    await ana.page.getByRole('button', { name: 'I agree with this plan' }).click();
    await ana.page
      .getByRole('region', { name: 'People' })
      .getByText(/^Agreed /)
      .waitFor();
    expect(await serious(ana.page)).toEqual([]);
    await ana.context.close();

    const ben = await as('ben@acme.test');
    await ben.page.goto(`${server.baseUrl}/plan/?id=${planId}`);
    await ben.page.getByRole('button', { name: 'I agree with this plan' }).click();
    await ben.page.locator('.page-head .badges', { hasText: 'Agreed' }).waitFor();
    expect(await ben.page.getByRole('heading', { name: 'Your next step' }).count()).toBe(0);
    // HR's kind filter, and the record page of the plan.
    await ben.context.close();
    const hr = await as('hr@acme.test');
    await hr.page.goto(`${server.baseUrl}/?kind=growth&stage=agreed`);
    await rowOf(hr.page, 'Ana Lima').waitFor();
    expect(await hr.page.getByLabel('Kind').inputValue()).toBe('growth');
    const record = await hr.page.goto(`${server.baseUrl}/api/plans/${planId}/record`);
    expect(record?.status()).toBe(200);
    expect(await serious(hr.page)).toEqual([]);
    await screenshot(hr.page, 'record.png');
    await hr.context.close();
  }, 120_000);
});
