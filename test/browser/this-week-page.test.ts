/**
 * The overview's "This week" panel and its "Calendar feed" control, in Chromium against the real
 * service: each person sees the check-ins due, the check-ins missed and the plans ending of their own
 * open plans (HR: of all), each linking to the plan; the feed address can be copied, works without a
 * session, and "Make a new address" stops the old one at once. No serious axe violations, and the page
 * keeps its CSP (a blocked inline script would be a page error, which `foreign` collects).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser, signedIn, utcDate, waitForNewValue } from './browser.js';
import { seedPlans } from './seed.js';

let server: RunningServer;
let browser: Browser;
let hr: Awaited<ReturnType<typeof signedIn>>;
/** Seeded plan ids by team member's first name (seed.ts, in its order). */
const idOf: Record<string, string> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  hr = await signedIn(browser, server, 'hr@acme.test');
  const ids = await seedPlans(hr.context.request, server.baseUrl, server.dataDir);
  for (const [i, name] of ['Ana', 'Bo', 'Carla', 'Dev', 'Eli', 'Fatima'].entries()) idOf[name] = ids[i] as string;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each list of the panel as "name date" lines (links only), once the panel has loaded. */
async function panel(page: Page): Promise<Record<'due' | 'missed' | 'ending', string[]>> {
  await page.goto(`${server.baseUrl}/`);
  const section = page.getByRole('region', { name: 'This week' });
  await section
    .getByRole('list', { name: /Check-ins due/ })
    .getByText('Loading…')
    .waitFor({ state: 'detached' });
  const lines = async (name: RegExp) => {
    const links = section.getByRole('list', { name }).getByRole('link');
    const out: string[] = [];
    for (const link of await links.all()) {
      const id = new URL((await link.getAttribute('href')) ?? '', server.baseUrl).searchParams.get('id');
      const name = Object.entries(idOf).find(([, planId]) => planId === id)?.[0];
      out.push(`${await link.textContent()} -> ${name}`);
    }
    return out;
  };
  return { due: await lines(/Check-ins due/), missed: await lines(/Check-ins missed/), ending: await lines(/Plans ending/) };
}

describe('This week', () => {
  it("shows a manager the check-ins due and missed and the plans ending of their team's open plans, each linking to the plan", async () => {
    const ben = await signedIn(browser, server, 'ben@acme.test');
    // Ben manages Ana (every check-in made), Carla (started 26 days ago, no entry, ends in 4 days) and Eli (not started).
    expect(await panel(ben.page)).toEqual({ due: ['Carla Ruiz -> Carla'], missed: ['Carla Ruiz -> Carla'], ending: ['Carla Ruiz -> Carla'] });
    const section = ben.page.getByRole('region', { name: 'This week' });
    await expect(section.getByRole('list', { name: /Check-ins due/ }).textContent()).resolves.toContain(`check-in due ${Number(utcDate(2).slice(8))} `);
    await section.getByRole('link', { name: 'Carla Ruiz' }).first().click();
    await ben.page.waitForURL(`${server.baseUrl}/plan/?id=${idOf.Carla}`);
    expect(ben.foreign).toEqual([]);
    await ben.context.close();
  });

  it('shows HR every open plan, and a team member only their own', async () => {
    expect(await panel(hr.page)).toEqual({
      // Bo's check-in of yesterday is still in its grace; Carla's is in 2 days, Bo's next in 6.
      due: ['Bo Chen -> Bo', 'Carla Ruiz -> Carla', 'Bo Chen -> Bo'],
      missed: ['Bo Chen -> Bo', 'Carla Ruiz -> Carla'],
      ending: ['Carla Ruiz -> Carla'],
    });
    const bo = await signedIn(browser, server, 'bo@acme.test');
    expect(await panel(bo.page)).toEqual({ due: ['Bo Chen -> Bo', 'Bo Chen -> Bo'], missed: ['Bo Chen -> Bo'], ending: [] });
    await bo.context.close();
  });
});

describe('Calendar feed control', () => {
  it('shows and copies the private address, which works without a session, and rotates it', async () => {
    const mia = await signedIn(browser, server, 'mia@acme.test');
    const { page, context } = mia;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('Calendar feed').click();
    const url = await waitForNewValue(page, 'Your private feed address');
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));

    await page.getByRole('button', { name: 'Copy address' }).click();
    // The page says so once the clipboard has taken it.
    await page.getByRole('status').getByText('Address copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // A calendar app has no session: a fresh request context, no cookie.
    const anonymous = await browser.newContext();
    const feed = await anonymous.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    // Mia manages Bo, Dev and Fatima: their plans are in her feed, Ben's team's are not.
    const text = await feed.text();
    for (const name of ['Bo Chen', 'Dev Patel', 'Fatima Zahra']) expect(text).toContain(`Coaching plan: ${name}`);
    for (const name of ['Ana Lima', 'Carla Ruiz', 'Eli Novak']) expect(text).not.toContain(name);

    expect(
      await new AxeBuilder({ page })
        .include('#this-week')
        .analyze()
        .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)),
    ).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Make a new address' }).click();
    const next = await waitForNewValue(page, 'Your private feed address', url);
    expect(await page.getByRole('status').textContent()).toContain('the old one no longer works');
    expect((await anonymous.request.get(url)).status()).toBe(404);
    expect((await anonymous.request.get(next)).status()).toBe(200);
    expect(mia.foreign).toEqual([]);
    await anonymous.close();
    await context.close();
  });

  it('shows the address when the control was opened before the page had finished starting', async () => {
    const { page, context } = await signedIn(browser, server, 'mia@acme.test');
    // Hold the session's answer until the control is open, as on a slow connection: the page's
    // script is not listening yet when the person opens it.
    let opened = () => {};
    const isOpen = new Promise<void>((done) => (opened = done));
    await page.route('**/api/session', async (route) => {
      await isOpen;
      await route.continue();
    });
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('Calendar feed').click();
    opened();
    expect(await waitForNewValue(page, 'Your private feed address')).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await context.close();
  });
});
