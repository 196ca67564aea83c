import type { Context } from 'hono';

/** Hands work that must finish after the answer to the runtime (webhooks answer first, then read). */
export type AfterAnswer = (work: Promise<unknown>) => void;

/** Workers' `waitUntil` when the request has an execution context; elsewhere (Node) the work simply runs on. */
export function afterAnswer(c: Context): AfterAnswer {
  try {
    const context = c.executionCtx;
    return (work) => context.waitUntil(work);
  } catch {
    return (work) => void work.catch(() => {});
  }
}
