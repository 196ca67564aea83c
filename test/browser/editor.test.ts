/**
 * The local document editor as the team member uses it, in Chromium: the weekly controls edit the
 * Markdown and the plan's status follows; two people editing at once keep both edits, and only the
 * same line asks for a choice; the page runs under its CSP with no violation; axe finds nothing
 * serious. Saves a screenshot (docs/screenshots/editor.png with UPDATE_SCREENSHOTS=1).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser, resultsDir, root, signedIn, utcDate } from './browser.js';

let server: RunningServer;
let browser: Browser;
let planId: string;
const TEAM_MEMBER = 'ana@acme.test';
const MANAGER = 'ben@acme.test';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', TIME_ZONE: 'UTC' }), launchBrowser()]);
  const hr = await signedIn(browser, server, 'hr@acme.test');
  const created = await hr.context.request.post(`${server.baseUrl}/api/plans`, {
    data: {
      teamMember: { name: 'Ana Lima', email: TEAM_MEMBER },
      manager: { name: 'Ben Okafor', email: MANAGER },
      managersManager: { name: 'Cy Park', email: 'cy@acme.test' },
      developmentArea: 'Stakeholder communication',
      currentState: 'Updates are irregular.',
      goalState: 'A written update every Friday for four weeks.',
      activities: [
        { title: 'Shadow two customer calls', owner: 'Ana', due: utcDate(7) },
        { title: 'Take the writing course', owner: 'Ana', due: utcDate(14) },
      ],
      supportAssets: 'Weekly 1:1.',
      updateCadenceDays: 7,
      startDate: utcDate(-3),
    },
  });
  expect(created.status()).toBe(201);
  planId = ((await created.json()) as { plan: { id: string } }).plan.id;
  await hr.context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the editor as `email`, recording every CSP violation the page reports. */
async function openEditor(email: string) {
  const person = await signedIn(browser, server, email);
  await person.page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  const response = await person.page.goto(`${server.baseUrl}/docs/${planId}`);
  expect(response?.status()).toBe(200);
  await editorBox(person.page).waitFor();
  await person.page.locator('#preview table').first().waitFor();
  return { ...person, response };
}

const editorBox = (page: Page) => page.getByRole('textbox', { name: 'Plan document, Markdown' });
const saved = (page: Page) => page.locator('#save-state', { hasText: 'All changes saved' }).waitFor();
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** The saved document, read through the API as this page's person. */
async function savedText(page: Page): Promise<string> {
  const response = await page.request.get(`${server.baseUrl}/api/plans/${planId}/document`);
  return ((await response.json()) as { markdown: string }).markdown;
}

describe('the local document editor', () => {
  it('the team member adds a progress entry and marks an activity done with the controls; the status follows after a poll', async () => {
    const ana = await openEditor(TEAM_MEMBER);
    const { page } = ana;
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(utcDate(0));
    await page.getByLabel('Update', { exact: true }).fill('Shadowed a customer call | notes shared');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.locator('#preview td', { hasText: 'Shadowed a customer call | notes shared' }).waitFor();
    await saved(page);
    const status = page.getByLabel('Status of Shadow two customer calls');
    await status.focus();
    await status.selectOption('Done');
    await saved(page);
    // The control kept focus through the preview's redraw (keyboard users stay where they were).
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label'))).toBe('Status of Shadow two customer calls');

    const markdown = await savedText(page);
    expect(markdown).toMatch(new RegExp(`^\\| ${utcDate(0)} +\\| Shadowed a customer call \\\\\\| notes shared +\\| Ana Lima +\\|$`, 'm'));
    expect(markdown).toMatch(/^\| Shadow two customer calls +\| .*\| Done +\|$/m);
    expect(await cspViolations(page)).toEqual([]);

    await page.goto(`${server.baseUrl}/plan/?id=${planId}`);
    await page.getByRole('button', { name: 'Refresh from the document' }).click();
    await page.getByRole('cell', { name: 'Shadowed a customer call | notes shared' }).waitFor();
    const plan = (await (await page.request.get(`${server.baseUrl}/api/plans/${planId}`)).json()) as {
      plan: { status: { activities: { done: number }; progressEntries: number; lastEntryDate: string } };
    };
    expect(plan.plan.status.activities.done).toBe(1);
    expect(plan.plan.status.progressEntries).toBe(1);
    expect(plan.plan.status.lastEntryDate).toBe(utcDate(0));
    await ana.context.close();
  }, 90_000);

  it('loads under its CSP (its own script file, styles by nonce) with no violation; axe finds nothing serious', async () => {
    const ana = await openEditor(TEAM_MEMBER);
    const csp = ana.response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await ana.page.locator('script:not([src])').count()).toBe(0);
    // CodeMirror's run-time styles did apply (they carry the nonce).
    expect(await ana.page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    await editorBox(ana.page).click();
    await ana.page.keyboard.press('Control+End');
    // Raw HTML typed into the document is shown as the characters it is, in the preview too.
    await ana.page.keyboard.type('\nA note typed by hand <img src=x onerror="window.__owned=1"> <b>not bold</b>');
    await saved(ana.page);
    const note = ana.page.locator('#preview p', { hasText: 'A note typed by hand' });
    expect(await note.innerText()).toBe('A note typed by hand <img src=x onerror="window.__owned=1"> <b>not bold</b>');
    expect(await ana.page.locator('#preview img, #preview b').count()).toBe(0);
    expect(await ana.page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    const results = await new AxeBuilder({ page: ana.page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(await cspViolations(ana.page)).toEqual([]);
    await ana.page.keyboard.press('Control+Home');
    await ana.page.evaluate(() => window.scrollTo(0, 0));
    await ana.page.screenshot({ path: join(resultsDir, 'editor.png') });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
      copyFileSync(join(resultsDir, 'editor.png'), join(root, 'docs/screenshots/editor.png'));
    }
    await ana.context.close();
  }, 90_000);

  it('two people editing different parts at once both keep their edits; each sees who else has it open', async () => {
    const [ana, ben] = [await openEditor(TEAM_MEMBER), await openEditor(MANAGER)];
    await ben.page.locator('#presence', { hasText: 'Also open for Ana Lima' }).waitFor();
    // Both type before either save lands: Ana at the end, Ben on the first line.
    await editorBox(ana.page).click();
    await ana.page.keyboard.press('Control+End');
    await editorBox(ben.page).click();
    await ben.page.keyboard.press('Control+Home');
    await ben.page.keyboard.press('End');
    await Promise.all([ana.page.keyboard.type('\nAna was here.'), ben.page.keyboard.type(' (reviewed by Ben)')]);
    await Promise.all([saved(ana.page), saved(ben.page)]);
    const markdown = await savedText(ana.page);
    expect(markdown).toContain('Ana was here.');
    expect(markdown.split('\n')[0]).toMatch(/\(reviewed by Ben\)$/);
    // The later save came back merged: that editor now shows the other person's edit too.
    // (The preview, which shows the whole text: CodeMirror draws only the lines in view.)
    await ana.page.locator('#preview h1', { hasText: '(reviewed by Ben)' }).waitFor({ timeout: 25_000 });
    await ben.page.locator('#preview p', { hasText: 'Ana was here.' }).waitFor({ timeout: 25_000 });
    expect(await ana.page.locator('#conflict').isHidden()).toBe(true);
    // The later save came back with the other's change, marked and named (issue 22.6).
    const news = [await ana.page.locator('#remote-news').textContent(), await ben.page.locator('#remote-news').textContent()].join(' | ');
    expect(news).toMatch(/(Ben Okafor's|Ana Lima's) change was merged in/);
    await ana.page.locator('#presence', { hasText: 'Also open for Ben Okafor' }).waitFor();
    await Promise.all([ana.context.close(), ben.context.close()]);
  }, 120_000);

  it('the same line edited by both asks the later one to choose, showing both versions; the choice is saved', async () => {
    const [ana, ben] = [await openEditor(TEAM_MEMBER), await openEditor(MANAGER)];
    for (const page of [ana.page, ben.page]) {
      await editorBox(page).click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
    }
    await ana.page.keyboard.type(' - Ana');
    await saved(ana.page);
    await ben.page.keyboard.type(' - Ben');
    // The panel names the other person (issue 22.6).
    await ben.page.getByRole('heading', { name: 'Ana Lima changed the same lines' }).waitFor();
    const pair = ben.page.getByRole('group', { name: 'Place 1 changed by both' });
    expect(await pair.locator('figure', { hasText: 'Your lines' }).locator('pre').innerText()).toMatch(/ - Ben$/);
    expect(await pair.locator('figure', { hasText: "Ana Lima's lines" }).locator('pre').innerText()).toMatch(/ - Ana$/);
    expect(await ben.page.locator('#save-state').innerText()).toMatch(/same lines/);
    await ben.page.getByRole('button', { name: 'Keep my lines' }).click();
    await saved(ben.page);
    const first = (await savedText(ben.page)).split('\n')[0];
    expect(first).toMatch(/ - Ben$/);
    expect(first).not.toContain(' - Ana');
    // Ana is told, at her next heartbeat, that Ben kept his lines over hers; her editor shows his.
    const told = ana.page.getByRole('alert').filter({ hasText: 'Ben Okafor chose to keep their own lines' });
    await told.waitFor({ timeout: 25_000 });
    await ana.page.locator('#preview h1', { hasText: ' - Ben' }).waitFor({ timeout: 25_000 });
    await Promise.all([ana.context.close(), ben.context.close()]);
  }, 120_000);

  it('texts too different to merge line by line also ask, showing both whole texts; nothing is lost', async () => {
    const ana = await openEditor(TEAM_MEMBER);
    const version = (await ana.page.locator('#editor-app').getAttribute('data-version')) as string;
    // Hold Ana's save until Ben's has landed, so hers starts from the version before his.
    let benSaved = () => {};
    const held = new Promise<void>((done) => (benSaved = done));
    await ana.page.route(`**/api/plans/${planId}/document`, async (route) => {
      if (route.request().method() === 'PUT') await held;
      await route.continue();
    });
    const mine = Array.from({ length: 1500 }, (_, i) => (i % 2 ? 'Ana line' : '')).join('\n');
    const theirs = Array.from({ length: 1500 }, (_, i) => (i % 3 ? '' : 'Ben line')).join('\n');
    await editorBox(ana.page).click();
    await ana.page.keyboard.press('Control+A');
    await ana.page.keyboard.insertText(mine);
    const ben = await ana.page.request.fetch(`${server.baseUrl}/api/plans/${planId}/document`, { method: 'PUT', data: { markdown: theirs, baseVersion: version } });
    expect(ben.status()).toBe(200);
    benSaved();
    await ana.page.getByRole('heading', { name: 'Someone else changed the same lines' }).waitFor();
    expect(await ana.page.locator('#save-state').innerText()).toMatch(/differ too much to merge/);
    const pair = ana.page.getByRole('group', { name: 'Place 1 changed by both' });
    expect(await pair.locator('figure', { hasText: 'Your lines' }).locator('pre').innerText()).toContain('Ana line');
    expect(await pair.locator('figure', { hasText: 'Their lines' }).locator('pre').innerText()).toContain('Ben line');
    await ana.page.getByRole('button', { name: 'Keep my lines' }).click();
    await saved(ana.page);
    expect(await savedText(ana.page)).toBe(mine);
    await ana.context.close();
  }, 120_000);
});
