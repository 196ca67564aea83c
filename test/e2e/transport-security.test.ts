/**
 * Served over https (PUBLIC_URL), every answer carries Strict-Transport-Security, so a browser that
 * has been here once never falls back to http (where a network attacker could read the session
 * cookie or a plan). On loopback http (a laptop) there is nothing to pin.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type TestService, makeTestService } from '../support/app.js';

let service: TestService;
afterEach(async () => service?.close());

describe('Strict-Transport-Security', () => {
  it('is sent on every kind of answer when PUBLIC_URL is https', async () => {
    service = await makeTestService({ PUBLIC_URL: 'https://plans.acme.test' });
    for (const [path, as] of [
      ['/api/health', undefined],
      ['/api/plans', 'manager'],
      ['/api/no-such-route', undefined],
      ['/sign-in/', undefined],
    ] as const) {
      const res = await service.call('GET', `https://plans.acme.test${path}`, as ? { as } : {});
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });

  it('is not sent on a loopback http: PUBLIC_URL', async () => {
    service = await makeTestService({ PUBLIC_URL: 'http://localhost:8787' });
    expect((await service.call('GET', '/api/health')).headers.get('strict-transport-security')).toBeNull();
  });
});
