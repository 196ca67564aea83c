/**
 * How the dashboard treats people: no serious or critical axe-core violations on the overview, the
 * plan detail and the new-plan form; no layout jump while data loads; clear words when the session
 * expired or the service is unreachable. Saves screenshots to look at under test-results/browser/.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, trialCodeOf } from '../support/server.js';
import { launchBrowser, resultsDir, root, rowOf, signedIn } from './browser.js';
import { seedPlans } from './seed.js';

let server: RunningServer;
let browser: Browser;
let hr: Awaited<ReturnType<typeof signedIn>>;
let ids: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  hr = await signedIn(browser, server, 'hr@acme.test');
  ids = await seedPlans(hr.context.request, server.baseUrl, server.dataDir);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('dashboard accessibility and resilience', () => {
  it('overview: no serious axe violations, no layout shift while loading; screenshot saved', async () => {
    const { page } = hr;
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) w.__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.baseUrl}/`);
    await rowOf(page, 'Fatima Zahra').waitFor();
    expect(await page.locator('#rows tr').count()).toBe(6);
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    expect(shift, 'cumulative layout shift while the overview loads').toBeLessThan(0.1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(resultsDir, 'overview.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
      copyFileSync(join(resultsDir, 'overview.png'), join(root, 'docs/screenshots/overview.png'));
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(resultsDir, 'overview-phone.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 90_000);

  it('at 1280 px the overview shows every column without scrolling sideways; a team member is not offered "New plan"', async () => {
    const narrow = await signedIn(browser, server, 'hr@acme.test');
    await narrow.page.setViewportSize({ width: 1280, height: 800 });
    await rowOf(narrow.page, 'Fatima Zahra').waitFor();
    const [scrollWidth, clientWidth] = await narrow.page.locator('#table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth, 'the table needs no sideways scroll').toBeLessThanOrEqual(clientWidth as number);
    for (const name of ['Team member', 'Timeline', 'Health', 'Missed', 'Sharing']) {
      const box = await narrow.page.getByRole('columnheader', { name }).boundingBox();
      expect(box && box.x + box.width, name).toBeLessThanOrEqual(1280);
    }
    // Start and End collapsed into the Timeline column: still there to read.
    expect(await rowOf(narrow.page, 'Eli Novak').locator('td.timeline').innerText()).toMatch(/\d+ \w{3} – \d+ \w{3}/);
    expect(await narrow.page.getByRole('link', { name: 'New plan' }).count()).toBe(2);
    await narrow.page.screenshot({ path: join(resultsDir, 'overview-1280.png') });
    await narrow.context.close();

    const ana = await signedIn(browser, server, 'ana@acme.test');
    await ana.page.locator('#who', { hasText: 'ana@acme.test' }).waitFor();
    await ana.page.getByRole('heading', { name: 'Your coaching plan' }).waitFor();
    expect(await ana.page.getByRole('link', { name: 'New plan' }).count()).toBe(0);
    await ana.context.close();
  }, 90_000);

  it('plan detail: no serious axe violations; screenshot saved', async () => {
    const { page } = hr;
    await page.goto(`${server.baseUrl}/plan/?id=${ids[0]}`);
    await page.getByRole('heading', { name: /^Coaching plan: Ana Lima, / }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(resultsDir, 'detail.png'), fullPage: true });
  }, 90_000);

  it('new-plan form: no serious axe violations, also while showing errors', async () => {
    const { page } = hr;
    await page.goto(`${server.baseUrl}/new/`);
    await page.getByLabel('Document on this service').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    await page.getByRole('alert').filter({ hasText: 'fixing before the plan can be created' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(resultsDir, 'new-plan-errors.png'), fullPage: true });
  }, 90_000);

  it('on a phone, no page scrolls sideways (the overview turns rows into cards)', async () => {
    const { page } = hr;
    await page.setViewportSize({ width: 390, height: 844 });
    const pages: [string, string][] = [
      ['/', '#rows tr th'],
      [`/plan/?id=${ids[0]}`, '#audit-title'],
      ['/new/', '#providers input'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator(ready).first().waitFor();
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(width[0], `${path} is ${width[0]}px wide on a ${width[1]}px screen`).toBeLessThanOrEqual(width[1]!);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('sign-in page: no serious axe violations', async () => {
    const { page } = hr;
    await page.goto(`${server.baseUrl}/sign-in/`);
    await page.getByRole('heading', { name: 'Trying it out on a laptop' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('someone not signed in is sent to the sign-in page, and back after signing in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/plan/?id=${ids[1]}`);
    await page.waitForURL(/\/sign-in\/\?next=/);
    await page.getByLabel('Email', { exact: true }).fill('bo@acme.test');
    await page.getByLabel('Trial sign-in code').fill(trialCodeOf(server));
    await page.getByRole('button', { name: 'Sign in with email' }).click();
    await page.getByRole('heading', { name: /^Coaching plan: Bo Chen, / }).waitFor();
    await context.close();
  });

  it('an expired session says so and links to sign in again', async () => {
    const ben = await signedIn(browser, server, 'ben@acme.test');
    await ben.page.goto(`${server.baseUrl}/plan/?id=${ids[0]}`);
    await ben.page.getByRole('button', { name: 'Refresh from the document' }).waitFor();
    await ben.context.clearCookies();
    await ben.page.getByRole('button', { name: 'Refresh from the document' }).click();
    const alert = ben.page.getByRole('alert').filter({ hasText: 'Your session has expired.' });
    await alert.waitFor();
    expect(await alert.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(`/sign-in/?next=${encodeURIComponent(`/plan/?id=${ids[0]}`)}`);
    await ben.context.close();
  });

  it('an unreachable service says so, and Try again recovers', async () => {
    const { page } = hr;
    // Every dashboard request, whatever its query (the overview asks for pages).
    const dashboard = (url: URL) => url.pathname === '/api/dashboard';
    await page.route(dashboard, (route) => route.abort('connectionrefused'));
    await page.goto(`${server.baseUrl}/`);
    const alert = page.getByRole('alert').filter({ hasText: 'The service is unreachable.' });
    await alert.waitFor();
    await page.unroute(dashboard);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await rowOf(page, 'Ana Lima').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('made no request to any other origin', () => {
    expect(hr.foreign).toEqual([]);
  });
});
