import type { GatherBurst } from '../poller/webhook-cycles.js';

/**
 * The runtime's half of a webhook's cycle: wait `delayMs` (WEBHOOK_POLL_DELAY_SECONDS) so a burst of
 * deliveries, as someone types, makes one cycle. On Workers the wait runs after the answer, under
 * `waitUntil`, so bursts are gathered only within one isolate. A skip (tests) ends the wait at once.
 */
export function burstWait(delayMs: number): GatherBurst {
  return (skip) =>
    new Promise<void>((resolve) => {
      if (skip.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        skip.removeEventListener('abort', done);
        resolve();
      };
      // Even at 0 a turn of the event loop passes, so deliveries that arrive together share the cycle.
      const timer = setTimeout(done, delayMs);
      skip.addEventListener('abort', done, { once: true });
    });
}
