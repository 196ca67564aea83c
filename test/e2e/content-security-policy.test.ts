/**
 * Defence in depth for the pages that show plans: even if some plan text ever slipped into HTML
 * unescaped, the browser must not run it (no inline script at all) nor send
 * anything to another origin. HR's page sees every plan; one injected script could read them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../service/src/http/app.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService();
  planId = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id;
});
afterAll(async () => service.close());

function directives(header: string | null): Map<string, string[]> {
  expect(header).toBeTruthy();
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('Content-Security-Policy', () => {
  it("the dashboard's pages run only their own script files and talk only to this service", async () => {
    const app = createApp(service.deps, { assets: async (c) => c.html('<!doctype html><p>dashboard</p>') });
    const res = await app.request('/plan/?id=x');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('the local document editor runs only its own script file; styles only its own and those carrying a fresh nonce', async () => {
    const first = await service.call('GET', `/docs/${planId}`, { as: 'teamMember' });
    const second = await service.call('GET', `/docs/${planId}`, { as: 'teamMember' });
    expect(first.status).toBe(200);
    const csp = directives(first.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    const styleSrc = csp.get('style-src') ?? [];
    const nonce = styleSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
    expect(styleSrc).toEqual(["'self'", `'nonce-${nonce}'`]);
    // No inline script at all: the one script element loads this service's own file.
    expect([...first.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])).toEqual([' type="module" src="/editor/editor.js"']);
    expect(first.text).not.toMatch(/\sstyle=/);
    expect(second.headers.get('content-security-policy')).not.toBe(first.headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('API answers carry a policy that allows nothing', async () => {
    const res = await service.call('GET', `/api/plans/${planId}`, { as: 'hr' });
    expect(directives(res.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
  });
});
