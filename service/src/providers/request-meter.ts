import { ProviderError } from './types.js';

/**
 * Every request the remote providers send goes through one meter (token requests too), so a cycle
 * can stay within a budget: Workers allow 50 subrequests an invocation on the free plan. The
 * cycle checks what is left before starting a plan; the meter itself refuses past the limit, as
 * a guard should a plan cost more than the cycle expected.
 */
export interface RequestMeter {
  /** The fetch to hand to providers. */
  fetch: typeof fetch;
  /** Requests sent since the meter was made. */
  spent(): number;
  /** How many more may be sent (Infinity without a limit). */
  remaining(): number;
  /** A request was refused for want of budget. */
  exhausted(): boolean;
  /**
   * An invocation starts (Workers: one meter per isolate, many invocations); call the answer when it
   * has finished, its after-the-answer work included. The count starts again when an invocation starts
   * with none other running; invocations that overlap share one budget, so each stays within it.
   */
  beginInvocation(): () => void;
}

/** A request refused because the invocation's budget is spent: the cycle continues next time. */
export class BudgetExhaustedError extends ProviderError {
  constructor(limit: number) {
    // Retryable: whatever was interrupted (a create, a read) resumes in the next invocation.
    super(`[poller] the request budget of this invocation (${limit}) is spent; the rest waits for the next`, { retryable: true });
    this.name = 'BudgetExhaustedError';
  }
}

/**
 * A meter over `base`, or over the global `fetch` read at each call (so a test's interceptor
 * installed later still sees the requests); `limit` undefined means no limit (Node).
 */
export function createRequestMeter(base: typeof fetch | undefined, limit?: number): RequestMeter {
  let spent = 0;
  let refused = false;
  const max = limit ?? Number.POSITIVE_INFINITY;
  let running = 0;
  return {
    fetch: (input, init) => {
      if (spent >= max) {
        refused = true;
        return Promise.reject(new BudgetExhaustedError(max));
      }
      spent++;
      return base ? base(input, init) : fetch(input, init);
    },
    spent: () => spent,
    remaining: () => max - spent,
    exhausted: () => refused,
    beginInvocation() {
      if (running === 0) {
        spent = 0;
        refused = false;
      }
      running++;
      let ended = false;
      return () => {
        if (!ended) running--;
        ended = true;
      };
    },
  };
}
