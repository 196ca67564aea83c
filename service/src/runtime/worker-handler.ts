import type { ExecutionContext } from 'hono';
import { ConfigError } from '../config.js';
import type { ComposedService } from './compose.js';

/** What one isolate serves with: the wired service and its app (with the caches the app keeps). */
export interface WorkerParts {
  deps: ComposedService;
  app: { fetch(request: Request, env: unknown, context: ExecutionContext): Response | Promise<Response> };
}

/** What a visitor sees when the configuration is wrong: no variable, email or folder id; those go to the log. */
export const CONFIG_PROBLEM_PAGE = 'This service is not configured correctly. Its administrator can find the details in the log.\n';

/**
 * The Workers entry's logic, apart from the bundled template so Node can test it. The service is built
 * once per isolate (for each `env`, which Workers keep for the isolate's life) and reused by every
 * invocation: the Access keys, the OIDC discovery, the plan view cache, the dashboard index, the
 * editor's presence and the webhook's replay memory live as long as the isolate, as on Node they live
 * as long as the process. Only the request budget is per invocation (RequestMeter.beginInvocation),
 * held until the work an invocation left after its answer (waitUntil) has finished.
 */
export function createWorkerHandler<E extends object>(build: (env: E) => WorkerParts, log: (message: string) => void = console.error) {
  // Workers pass the same `env` object (equal by identity) to every request while the environment is
  // unchanged (https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/, "env"); new
  // settings come with a new object, and so a new build.
  const built = new WeakMap<E, WorkerParts>();
  const told = new Set<string>();

  function partsFor(env: E): WorkerParts {
    let parts = built.get(env);
    if (!parts) {
      parts = build(env);
      built.set(env, parts);
    }
    return parts;
  }

  /** A configuration error: its details in the log (once per isolate), a generic page for the visitor. */
  function configProblem(error: unknown): Response {
    if (!(error instanceof ConfigError)) throw error;
    if (!told.has(error.message)) log(error.message);
    told.add(error.message);
    return new Response(CONFIG_PROBLEM_PAGE, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }

  return {
    async fetch(request: Request, env: E, context: ExecutionContext): Promise<Response> {
      let parts: WorkerParts;
      try {
        parts = partsFor(env);
      } catch (error) {
        return configProblem(error);
      }
      const endInvocation = parts.deps.meter.beginInvocation();
      const pending: Promise<unknown>[] = [];
      const tracked: ExecutionContext = {
        waitUntil(work) {
          pending.push(work);
          context.waitUntil(work);
        },
        passThroughOnException: () => context.passThroughOnException(),
        props: context.props,
      };
      try {
        return await parts.app.fetch(request, env, tracked);
      } finally {
        context.waitUntil(Promise.allSettled(pending).then(endInvocation));
      }
    },

    async scheduled(env: E, context: Pick<ExecutionContext, 'waitUntil'>): Promise<void> {
      let parts: WorkerParts;
      try {
        parts = partsFor(env);
      } catch (error) {
        configProblem(error);
        return;
      }
      const endInvocation = parts.deps.meter.beginInvocation();
      const cycle = parts.deps
        .scheduledCycle()
        .then((result) => parts.deps.log(`[poller] ${JSON.stringify(result)}`))
        .finally(endInvocation);
      context.waitUntil(cycle);
      await cycle;
    },
  };
}
