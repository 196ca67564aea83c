/**
 * The service on Cloudflare Workers: `fetch` is the same Hono app, `scheduled` the same poll cycle
 * within WORKER_SUBREQUEST_BUDGET, the store D1, local documents in D1, the dashboard from the
 * assets binding (run_worker_first, so it gets the same security headers as on Node).
 */
import type { MiddlewareHandler } from 'hono';
import templateMarkdown from '../../../templates/coaching-plan.md';
import { ConfigError } from '../config.js';
import { createApp } from '../http/app.js';
import { markDocumentsChanged } from '../poller/targeted-poll.js';
import { localProvider } from '../providers/local/local-provider.js';
import { d1Driver, openD1Store } from '../store/d1.js';
import { sqlBlobs } from '../store/sql-blobs.js';
import { loadTemplate } from '../templates/template.js';
import { composeService } from './compose.js';
import { loadWorkerConfig } from './worker-config.js';

interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
}

const template = loadTemplate('templates/coaching-plan.md (bundled)', templateMarkdown);

/** One composition per invocation: the request budget is per invocation, and isolates are shared. */
function compose(env: Env) {
  const config = loadWorkerConfig(env as unknown as Record<string, unknown>);
  return composeService({
    config,
    store: openD1Store(env.DB),
    template,
    runtime: { local: localProvider({ blobs: sqlBlobs(d1Driver(env.DB)), publicUrl: config.PUBLIC_URL }) },
    sessionSecret: config.SESSION_SECRET as string,
    requestBudget: config.WORKER_SUBREQUEST_BUDGET,
  });
}

const configProblem = (error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  return new Response(`${error.message}\n`, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
};

export default {
  async fetch(request, env, ctx) {
    let deps: ReturnType<typeof compose>;
    try {
      deps = compose(env);
    } catch (error) {
      return configProblem(error);
    }
    // Cloudflare's edge sets CF-Connecting-IP to the client's address, replacing any a client sent;
    // the sign-in throttle counts failures per address (Node uses the socket's, never this header).
    deps.clientAddress = (c) => c.req.header('cf-connecting-ip');
    // Notion webhook deliveries: mark the pages, read them after the answer, within the budget.
    deps.onNotionPagesChanged = (pageIds) => {
      ctx.waitUntil(markDocumentsChanged(deps, 'notion', pageIds).then(() => deps.scheduledCycle()));
    };
    // Static responses' headers are immutable: copy, so the app can add its security headers.
    const assets: MiddlewareHandler = async (c) => {
      const response = await env.ASSETS.fetch(c.req.raw);
      return new Response(response.body, response);
    };
    // workerd compresses a body itself when the answer says Content-Encoding: gzip, so the app must
    // not (it would be compressed twice); Cloudflare compresses for the client at its edge.
    const headers = new Headers(request.headers);
    headers.delete('accept-encoding');
    return createApp(deps, { assets }).fetch(new Request(request, { headers }), env, ctx);
  },

  async scheduled(_controller, env, ctx) {
    try {
      const deps = compose(env);
      const cycle = deps.scheduledCycle().then((result) => deps.log(`[poller] ${JSON.stringify(result)}`));
      ctx.waitUntil(cycle);
      await cycle;
    } catch (error) {
      configProblem(error);
    }
  },
} satisfies ExportedHandler<Env>;
