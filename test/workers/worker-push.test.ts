/**
 * Drive's push notifications through `wrangler dev`: a worker of its own, with an https PUBLIC_URL so
 * the cron opens a changes.watch channel (the Google fake delivers to the worker's local address).
 * Apart from the other cases: the cycles notifications start after their answer would share the
 * invocation budget with, and be counted in, the requests those cases measure.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { googlePushOnWorkerCases } from './google-push-on-worker.js';
import { type WorkerWorld, startWorkerWorld } from './worker-world.js';

let world: WorkerWorld;

beforeAll(async () => {
  world = await startWorkerWorld({ notifications: true });
}, 300_000);

afterAll(async () => {
  await world?.stop();
}, 60_000);

describe('Drive notifications on workerd (wrangler dev)', () => googlePushOnWorkerCases(() => world));
