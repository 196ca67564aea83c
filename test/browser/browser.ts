/**
 * Browser tests drive Debian's Chromium through playwright-core (never `playwright install`) against
 * the real service (test/support/server.ts) serving the built dashboard.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { RunningServer } from '../support/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const root = resolve(import.meta.dirname, '../..');
export const resultsDir = join(root, 'test-results/browser');

/** Fails loudly (never skips) when Chromium is missing; builds the dashboard when dist/ is absent. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (or set CHROMIUM_PATH). Never run "playwright install".`);
  }
  if (!existsSync(join(root, 'dashboard/dist/index.html'))) {
    execFileSync(process.execPath, [join(root, 'dashboard/build.mjs')], { cwd: root, stdio: 'inherit' });
  }
  mkdirSync(resultsDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser context for one person, signed in through the sign-in link the server printed (the email
 * form exists in the loopback trial mode the test server runs in; the link fills in the trial code).
 * Every request that leaves for another origin fails the test: the dashboard makes no third-party requests.
 */
export async function signedIn(browser: Browser, server: RunningServer, email: string): Promise<{ context: BrowserContext; page: Page; foreign: string[] }> {
  const baseUrl = server.baseUrl;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  // Well under the test's own timeout, so a failing wait names the element it waited for.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => foreign.push(`page error: ${error.message}`));
  const link = server.output().match(/sign in: (\S+)/)?.[1];
  if (!link) throw new Error(`the server printed no sign-in link:\n${server.output()}`);
  await page.goto(link);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Sign in with email' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return { context, page, foreign };
}

/**
 * Wait until the texts of the elements matching `selector` are `expected`, checked by the page on
 * each animation frame (its own pace, not a fixed delay) up to the context's timeout; a timeout
 * says what was there instead.
 */
export async function waitForTexts(page: Page, selector: string, expected: string[]): Promise<void> {
  const texts = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((element) => element.innerText.trim());
  try {
    await page.waitForFunction(([sel, want]) => JSON.stringify([...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText.trim())) === want, [
      selector,
      JSON.stringify(expected),
    ] as const);
  } catch (error) {
    throw new Error(`${selector} never showed ${JSON.stringify(expected)}; it shows ${JSON.stringify(await page.evaluate(texts, selector))}`, { cause: error });
  }
}

/** Wait until the input labelled `label` holds a value other than `than` (empty: any value), as above; returns it. */
export async function waitForNewValue(page: Page, label: string, than = ''): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  const element = await input.elementHandle();
  await page.waitForFunction(([field, old]) => (field as HTMLInputElement).value !== old, [element, than] as const);
  return input.inputValue();
}

/** Today's date in UTC (the test server runs with TIME_ZONE=UTC), shifted by `days`. */
export function utcDate(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface PlanFields {
  teamMember: [name: string, email: string];
  manager?: [name: string, email: string];
  managersManager: [name: string, email: string];
  developmentArea: string;
  activities: string[];
  startDate: string;
}

/** Fills the new-plan form the way a manager would: by the labels a screen reader announces. */
export async function fillPlanForm(page: Page, plan: PlanFields): Promise<void> {
  const party = async (role: string, [name, email]: [string, string]) => {
    await page.getByLabel(`${role}: Name`, { exact: true }).fill(name);
    await page.getByLabel(`${role}: Email`, { exact: true }).fill(email);
  };
  await party('Team member', plan.teamMember);
  if (plan.manager) await party('Manager', plan.manager);
  await party("Manager's manager", plan.managersManager);
  await page.getByLabel('What skill or behaviour will improve?').fill(plan.developmentArea);
  await page.getByLabel('Your assessment of the current level').fill('Status updates are irregular and late.');
  await page.getByLabel('The SMART goal you aim for together').fill('Send a written update every Friday by 17:00 for four weeks.');
  for (const [i, title] of plan.activities.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add an activity' }).click();
    await page.getByLabel(`Activity ${i + 1}`, { exact: true }).fill(title);
  }
  await page.getByLabel('Start date').fill(plan.startDate);
  await page.getByLabel('Tools, meetings and help you will provide').fill('Weekly 1:1; writing course budget.');
}

/** The overview row of one team member (the row header is their name). */
export const rowOf = (page: Page, name: string) => page.locator('#rows tr', { has: page.getByRole('rowheader', { name }) });
