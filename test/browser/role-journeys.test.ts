/**
 * Each role's main journey in Chromium at 1280 px (issue 22.4): the first thing the overview offers
 * is that person's own next step, each sees what is theirs (HR the console; managers their plans
 * without HR's sharing machinery; the team member their plan), and axe finds nothing serious.
 * Saves the README's screenshots of the three views (docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser, resultsDir, root, rowOf, signedIn } from './browser.js';
import { seedPlans } from './seed.js';

let server: RunningServer;
let browser: Browser;
let ids: string[] = [];
const foreign: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  const hr = await signedIn(browser, server, 'hr@acme.test');
  ids = await seedPlans(hr.context.request, server.baseUrl, server.dataDir);
  await hr.context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function overviewAs(email: string) {
  const person = await signedIn(browser, server, email);
  await person.page.setViewportSize({ width: 1280, height: 900 });
  await person.page.locator('#next-steps:not([aria-busy])').waitFor();
  return {
    ...person,
    close: async () => {
      foreign.push(...person.foreign);
      await person.context.close();
    },
  };
}

/** The first link or button the page's main content offers. */
const firstOffered = (page: Page) => page.locator('#main').locator('a:visible, button:visible').first();

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(resultsDir, name), fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    copyFileSync(join(resultsDir, name), join(root, 'docs/screenshots', name));
  }
}

describe('each role sees what is theirs, and its next step first', () => {
  it('the team member: their plan, their missed check-in and what to do, and nothing of anyone else', async () => {
    const carla = await overviewAs('carla@acme.test');
    const { page } = carla;
    // Shared with her, not yet agreed: reading and agreeing comes first (the handbook's order).
    expect(await firstOffered(page).innerText()).toBe('Read and agree');
    await firstOffered(page).click();
    const agree = page.getByRole('button', { name: 'I agree with this plan' });
    await agree.waitFor();
    expect(await page.locator('#detail > section.panel').first().getAttribute('aria-labelledby')).toBe('next-step-title');
    await agree.click();
    await page
      .getByRole('region', { name: 'People' })
      .getByText(/^Agreed /)
      .waitFor();
    expect(await page.getByRole('region', { name: 'People' }).innerText()).toMatch(/Carla Ruiz\s+carla@acme.test\s+Agreed /);
    await page.goto(`${server.baseUrl}/`);
    await page.locator('#next-steps:not([aria-busy])').waitFor();
    // Then her check-in: what to do, and where.
    const first = firstOffered(page);
    expect(await first.innerText()).toMatch(/^Add your progress entry/);
    expect(await first.getAttribute('href')).toBe(`${server.baseUrl}/docs/${ids[2]}`);
    expect(await page.locator('#steps-list li').first().innerText()).toContain('3 check-ins were missed');
    const card = page.getByRole('region', { name: 'Your coaching plan' });
    expect(await card.innerText()).toContain('Next check-in');
    expect(await page.locator('#plans-section').isHidden()).toBe(true);
    expect(await page.locator('#counts-section').isHidden()).toBe(true);
    expect(await page.getByText('Sharing violations').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'team-member.png');
    // Their journey: open the plan, read it, go to the document.
    await card.getByRole('link', { name: /^Coaching plan: Carla Ruiz, / }).click();
    await page.getByRole('heading', { name: /^Coaching plan: Carla Ruiz, / }).waitFor();
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    await carla.close();
  }, 120_000);

  it('the manager: the plans they lead, the one that needs them first, and closing it at its end', async () => {
    const mia = await overviewAs('mia@acme.test');
    const { page } = mia;
    // Dev's plan ended 10 days ago and is still open: Mia's to close, before any other step.
    const first = firstOffered(page);
    expect(await first.innerText()).toBe("Close Dev's plan");
    await rowOf(page, 'Dev Patel').waitFor();
    expect(await page.locator('#rows tr').count()).toBe(3);
    // Not HR's console: no sharing or document-provider columns, filters or counts.
    const headers = (await page.locator('table.plans thead th').allInnerTexts()).map((h) => h.replace(/[↕▲▼]/g, '').trim());
    expect(headers).not.toContain('Sharing');
    expect(headers).not.toContain('Document');
    expect(await page.getByLabel('Sharing', { exact: true }).isVisible()).toBe(false);
    expect(await page.locator('[data-count="sharingViolations"]').isVisible()).toBe(false);
    const [scrollWidth, clientWidth] = await page.locator('#table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth as number);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'manager.png');

    await first.click();
    await page.getByRole('heading', { name: /^Coaching plan: Dev Patel, / }).waitFor();
    // On the plan page too, the manager's next step comes first: at the end, "Close".
    expect(await page.locator('#detail > section.panel').first().getAttribute('aria-labelledby')).toBe('next-step-title');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('outcome');
    // At its end, closing is offered directly (no "Close early"), and still confirmed.
    expect(await page.getByText('Close early', { exact: true }).count()).toBe(0);
    await page.getByLabel('Not achieved', { exact: true }).check();
    await page.getByRole('button', { name: 'Close plan…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Close this plan?' });
    expect(await confirm.innerText()).toContain('“Not achieved”');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Close as “Not achieved”' }).click();
    await page.locator('.page-head .badges', { hasText: 'Not achieved' }).waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.locator('#next-steps:not([aria-busy])').waitFor();
    expect(await firstOffered(page).innerText()).not.toBe("Close Dev's plan");
    expect(await rowOf(page, 'Dev Patel').locator('td[data-label="Health"]').innerText()).toBe('Not achieved');
    await mia.close();
  }, 120_000);

  it("the manager's manager: the plans under them, the one most behind first", async () => {
    const cy = await overviewAs('cy@acme.test');
    const { page } = cy;
    expect(await firstOffered(page).innerText()).toBe("Open Carla's plan");
    expect(await page.locator('#steps-list li').first().innerText()).toMatch(/Carla Ruiz missed 3 check-ins/);
    expect((await page.locator('table.plans thead th').allInnerTexts()).join(' ')).not.toContain('Sharing');
    await cy.close();
  }, 120_000);

  it('HR: the console, with counts, Document and Sharing filters and columns, and what needs HR first', async () => {
    const hr = await overviewAs('hr@acme.test');
    const { page } = hr;
    expect(await firstOffered(page).innerText()).toBe("Open Carla's plan");
    await rowOf(page, 'Fatima Zahra').waitFor();
    for (const name of ['Document', 'Sharing']) expect(await page.getByRole('columnheader', { name }).isVisible()).toBe(true);
    expect(await page.getByLabel('Sharing', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('[data-count="sharingViolations"]').isVisible()).toBe(true);
    // A plan not started yet is neutral, not a green "On track".
    expect(await rowOf(page, 'Eli Novak').locator('td[data-label="Health"]').innerText()).toBe('Not started');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hr.png');

    // HR's journey: open the plan that needs attention; remind the two people of the missed check-ins.
    await firstOffered(page).click();
    await page.getByRole('heading', { name: /^Coaching plan: Carla Ruiz, / }).waitFor();
    await page.getByRole('heading', { name: '3 check-ins were missed' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send a reminder' }).click();
    // This service has no reminder channel: HR is told so, and to tell them directly.
    await page.locator('#remind-error', { hasText: 'No reminder channel is set up' }).waitFor();
    await hr.close();
  }, 120_000);

  it('made no request to any other origin', () => {
    expect(foreign).toEqual([]);
  });
});
