import type { Clock } from '../../../service/src/providers/notion/api/rate-limit.js';

/**
 * Time that moves only when someone sleeps: the client's limiter and back-off and the fake's
 * rate limiter share it, so tests and the benchmark see the waits Notion's limits would impose
 * without spending them. Sleeps never move time backwards (concurrent sleepers each get their turn).
 */
export class VirtualClock implements Clock {
  #now: number;
  /** Total virtual time slept through, for reports. */
  slept = 0;

  constructor(start: string | number = '2026-12-01T09:00:00.000Z') {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  async sleep(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    this.slept += Math.max(0, ms);
    await Promise.resolve();
    this.#now = Math.max(this.#now, target);
  }

  /** Let time pass (people editing between poll cycles). */
  advance(ms: number): void {
    this.#now += ms;
  }
}
