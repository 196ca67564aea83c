/**
 * The dashboard's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it along, the CSRF guard for cookie-authenticated writes), and Secure whenever the service is
 * reached over HTTPS, so it never travels in clear text.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE, makeTestService } from '../support/app.js';

async function sessionCookie(publicUrl: string): Promise<string> {
  const service = await makeTestService({ PUBLIC_URL: publicUrl });
  try {
    const response = await service.call('POST', '/api/session', { body: { token: PEOPLE.hr.token } });
    expect(response.status).toBe(200);
    return response.headers.get('set-cookie') ?? '';
  } finally {
    await service.close();
  }
}

const attributes = (cookie: string) =>
  cookie
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict and Secure behind HTTPS', async () => {
    const cookie = await sessionCookie('https://plans.acme.test');
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure', 'path=/']));
  });

  it('is not marked Secure on plain-HTTP loopback, where a browser would drop it', async () => {
    const cookie = await sessionCookie('http://localhost:8787');
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=strict']));
    expect(attributes(cookie)).not.toContain('secure');
  });
});
