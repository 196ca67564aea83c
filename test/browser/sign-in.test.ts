/**
 * Signing in where API tokens are configured (as in production): no email form, a wrong token is
 * refused on the page, the right one opens the dashboard as its owner, and signing out ends it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.js';
import { launchBrowser } from './browser.js';

const TOKEN = 'ben-token-0123456789abcdef';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ HR_EMAILS: 'hr@acme.test', API_TOKENS: `ben@acme.test=${TOKEN}` }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sign-in with an API token', () => {
  it('refuses a wrong token, accepts the right one, and signs out', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(`${server.baseUrl}/sign-in/?next=%2F`);
    await page.getByLabel('API token').waitFor();
    // The trial-mode email form exists only on a loopback server without tokens.
    expect(await page.locator('#email-form').isHidden()).toBe(true);

    await page.getByLabel('API token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('That token is not valid.').waitFor();
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'My plans' }).waitFor();
    expect(await page.locator('#who').innerText()).toContain('ben@acme.test');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in/`);
    const session = await context.request.get(`${server.baseUrl}/api/session`);
    expect(((await session.json()) as { session: unknown }).session).toBeNull();
    await context.close();
  });
});
