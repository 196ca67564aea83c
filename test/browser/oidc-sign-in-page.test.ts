/**
 * Chromium signed in through the company's identity provider (a real OpenID provider on a loopback
 * port: test/support/oidc-provider.ts), the way a person signs in: the sign-in page's "Sign in with
 * ..." button, the provider, back to the dashboard. The service is reached as `localhost` and the
 * provider as 127.0.0.1, two sites, so the SameSite cookies meet the cross-site redirects they meet
 * in production. Every page is watched for CSP violations, console errors and page errors.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Provider, oidcEnv, startProvider } from '../support/oidc-provider.js';
import { type RunningServer, startServer } from '../support/server.js';
import { fillPlanForm, launchBrowser, utcDate } from './browser.js';

const BEN = 'ben@acme.test';
let provider: Provider;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  provider = await startProvider();
  provider.claims = { email: BEN, email_verified: true };
  // PUBLIC_URL follows the port the server gets (startServer), not oidcEnv's placeholder.
  const { PUBLIC_URL: _placeholder, ...env } = oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test', HR_EMAILS: 'hr@acme.test' });
  [server, browser] = await Promise.all([startServer(env, { publicHost: 'localhost' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

/**
 * A fresh browser whose pages report every CSP violation, console error and uncaught error into
 * `problems`, and every answer of 400 or more into `failed` (`401 /api/session`): a signed-out page
 * asks the API before it is sent to sign in, so those are checked by where they happen.
 */
async function watchedContext(): Promise<{ context: BrowserContext; page: Page; problems: string[]; failed: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  await context.exposeBinding('reportCspViolation', (_source, text: string) => void problems.push(`CSP: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  const page = await context.newPage();
  const failed: string[] = [];
  context.on('response', (response) => response.status() >= 400 && failed.push(`${response.status()} ${new URL(response.url()).pathname}`));
  // Chromium logs every failed answer to the console too: those are in `failed`.
  const isFailedLoad = (text: string) => text.startsWith('Failed to load resource: the server responded with a status of');
  page.on('console', (message) => message.type() === 'error' && !isFailedLoad(message.text()) && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems, failed };
}

/** On the sign-in page: the provider's button, then wait to land on `path`. */
async function signInWithProvider(page: Page, path: string): Promise<void> {
  await page.getByRole('link', { name: `Sign in with ${new URL(provider.issuer).hostname}` }).click();
  await page.waitForURL(`${server.baseUrl}${path}`);
}

describe('signing in through the company identity provider', () => {
  it('lands on the overview, signed in, with no CSP violation or console error on the way', async () => {
    const { context, page, problems, failed } = await watchedContext();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(`${server.baseUrl}/sign-in/?next=%2F`);
    const signedOut = failed.length;
    // With OIDC configured there is no token or email form to fall back on.
    expect(await page.locator('#token-form').isHidden()).toBe(true);
    expect(await page.locator('#email-form').isHidden()).toBe(true);
    await signInWithProvider(page, '/');
    await page.getByRole('heading', { name: 'My plans' }).waitFor();
    expect(await page.locator('#who').innerText()).toContain(BEN);
    // The overview's data came with the session: the empty state of a manager without plans.
    await page.getByRole('heading', { name: 'You have no coaching plans' }).waitFor();
    const cookies = await context.cookies(server.baseUrl);
    expect(cookies.find((c) => c.name === 'coaching_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(problems).toEqual([]);
    // Signed out, only the API refused (401); once signed in, nothing at all.
    expect(
      failed.slice(0, signedOut).every((f) => /^401 \/api\//.test(f)),
      failed.join(', '),
    ).toBe(true);
    expect(failed.slice(signedOut)).toEqual([]);
    await context.close();
  }, 60_000);

  it('revalidates the overview with If-None-Match: an unchanged dashboard comes back as 304', async () => {
    const { context, page, problems, failed } = await watchedContext();
    await page.goto(`${server.baseUrl}/sign-in/?next=%2F`);
    await signInWithProvider(page, '/');
    await page.getByRole('heading', { name: 'My plans' }).waitFor();
    const client = await context.newCDPSession(page);
    await client.send('Network.enable');
    // The network layer's own view: Playwright reports a revalidated answer as the cached 200.
    const dashboard = new Set<string>();
    const ifNoneMatch = new Map<string, string | undefined>();
    const status = new Map<string, number>();
    client.on('Network.requestWillBeSent', (e) => new URL(e.request.url).pathname === '/api/dashboard' && dashboard.add(e.requestId));
    client.on('Network.requestWillBeSentExtraInfo', (e) => ifNoneMatch.set(e.requestId, e.headers['If-None-Match'] ?? e.headers['if-none-match']));
    // Resolved by the event itself: the dashboard's answer as the network layer received it.
    const answered = new Promise<void>((done) =>
      client.on('Network.responseReceivedExtraInfo', (e) => {
        status.set(e.requestId, e.statusCode);
        if (dashboard.has(e.requestId)) done();
      }),
    );
    const seen = () => [...dashboard].filter((id) => status.has(id)).map((id) => ({ status: status.get(id), ifNoneMatch: ifNoneMatch.get(id) }));
    await page.reload();
    await page.getByRole('heading', { name: 'You have no coaching plans' }).waitFor();
    await answered;
    expect(seen()[0]?.ifNoneMatch).toMatch(/^W\/".+"$/);
    expect(seen()[0]?.status).toBe(304);
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('the new-plan form when the session ends mid-typing', () => {
  it('keeps every field through signing in again, then creates the plan from it', async () => {
    const { context, page, problems, failed } = await watchedContext();
    await page.goto(`${server.baseUrl}/sign-in/?next=%2Fnew%2F`);
    await signInWithProvider(page, '/new/');
    await page.locator('#plan-form:not([aria-busy])').waitFor();
    await fillPlanForm(page, {
      teamMember: ['Ana Lima', 'ana@acme.test'],
      manager: ['Ben Okafor', BEN],
      managersManager: ['Cy Park', 'cy@acme.test'],
      developmentArea: 'Stakeholder communication',
      activities: ['Shadow two customer calls', 'Write a weekly update'],
      startDate: utcDate(1),
    });

    // The session ends meanwhile: signed out from another tab, so the server refuses its cookie.
    const other = await context.newPage();
    await other.goto(`${server.baseUrl}/`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(`${server.baseUrl}/sign-in/`);
    await other.close();

    // ...while the manager was still typing.
    await page.getByRole('button', { name: 'Add an activity' }).click();
    await page.getByLabel('Activity 3', { exact: true }).fill('Present at the team meeting');
    const typed = await formValues(page);
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    await page.getByText('Your session has expired.').waitFor();
    // The one refusal: the create sent after the session ended.
    expect(failed).toEqual(['401 /api/plans']);
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in/?next=%2Fnew%2F`);
    await signInWithProvider(page, '/new/');
    await page.locator('#plan-form:not([aria-busy])').waitFor();
    expect(await formValues(page)).toEqual(typed);

    const created = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create the plan and its document' }).click();
    expect((await created).status()).toBe(201);
    const { plan } = (await (await created).json()) as { plan: { teamMember: { email: string }; plannedActivities: { title: string }[] } };
    expect(plan.teamMember.email).toBe('ana@acme.test');
    expect(plan.plannedActivities.map((a) => a.title)).toEqual(['Shadow two customer calls', 'Write a weekly update', 'Present at the team meeting']);
    // Restored once: a fresh visit to the form starts empty.
    await page.goto(`${server.baseUrl}/new/`);
    await page.locator('#plan-form:not([aria-busy])').waitFor();
    expect(await page.getByLabel('Team member: Name', { exact: true }).inputValue()).toBe('');
    expect(problems).toEqual([]);
    expect(failed).toEqual(['401 /api/plans']);
    await context.close();
  }, 90_000);
});

/** Every named field of the new-plan form and its value (a radio button: the checked one). */
function formValues(page: Page): Promise<Record<string, string>> {
  return page.locator('#plan-form').evaluate((form: HTMLFormElement) => {
    const values: Record<string, string> = {};
    for (const element of form.elements) {
      const input = element as HTMLInputElement;
      if (input.name && !(input.type === 'radio' && !input.checked)) values[input.name] = input.value;
    }
    return values;
  });
}
