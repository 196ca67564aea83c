/**
 * The sign-in throttle on workerd counts failures per client address, which Cloudflare's edge
 * gives the worker in CF-Connecting-IP (wrangler dev fills it from the socket when a client sends
 * none). Here two clients are told apart by that header, as the edge would tell them apart.
 */
import { expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS } from '../../service/src/auth/throttle.js';
import { PEOPLE } from '../support/app.js';
import { type WorkerWorld, call } from './worker-world.js';

export function throttleOnWorkerCases(world: () => WorkerWorld) {
  it('throttles failed sign-ins per CF-Connecting-IP: the guessing address is refused, another is not', async () => {
    const w = world();
    const from = (address: string, token: string) => call(w, 'POST', '/api/session', { body: { token }, headers: { 'cf-connecting-ip': address } });
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await from('198.51.100.7', `guess-${i}-0123456789`)).status).toBe(401);
    const blocked = await from('198.51.100.7', PEOPLE.hr.token);
    expect(blocked.status).toBe(429);
    expect(blocked.error?.code).toBe('too_many_attempts');
    // Before, every client on Workers was "address:unknown", so this one was locked out too.
    expect((await from('203.0.113.50', PEOPLE.hr.token)).status).toBe(200);
  }, 120_000);
}
