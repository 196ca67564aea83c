/**
 * The service on Cloudflare Workers: `fetch` is the same Hono app, `scheduled` the same poll cycle
 * within WORKER_SUBREQUEST_BUDGET, the store D1, local documents in D1, the dashboard from the
 * assets binding (run_worker_first, so it gets the same security headers as on Node). Built once per
 * isolate (worker-handler.ts).
 */
import type { MiddlewareHandler } from 'hono';
import templateMarkdown from '../../../templates/coaching-plan.md';
import { createApp } from '../http/app.js';
import { localProvider } from '../providers/local/index.js';
import { d1Driver, openD1Store } from '../store/d1.js';
import { sqlBlobs } from '../store/sql-blobs.js';
import { loadTemplate } from '../templates/template.js';
import { composeService } from './compose.js';
import { type WorkerParts, createWorkerHandler } from './worker-handler.js';
import { loadWorkerConfig } from './worker-config.js';

interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
}

const template = loadTemplate('templates/coaching-plan.md (bundled)', templateMarkdown);

/** The service and its app for one isolate; the request budget is per invocation (the meter's). */
function build(env: Env): WorkerParts {
  const config = loadWorkerConfig(env as unknown as Record<string, unknown>);
  const deps = composeService({
    config,
    store: openD1Store(env.DB),
    template,
    runtime: { local: localProvider({ blobs: sqlBlobs(d1Driver(env.DB)), publicUrl: config.PUBLIC_URL }) },
    sessionSecret: config.SESSION_SECRET as string,
    requestBudget: config.WORKER_SUBREQUEST_BUDGET,
  });
  // Cloudflare's edge sets CF-Connecting-IP to the client's address, replacing any a client sent;
  // the sign-in throttle counts failures per address (Node uses the socket's, never this header).
  deps.clientAddress = (c) => c.req.header('cf-connecting-ip');
  // Static responses' headers are immutable: copy, so the app can add its security headers.
  const assets: MiddlewareHandler = async (c) => {
    const response = await env.ASSETS.fetch(c.req.raw);
    return new Response(response.body, response);
  };
  const app = createApp(deps, { assets });
  return {
    deps,
    app: {
      // workerd compresses a body itself when the answer says Content-Encoding: gzip, so the app must
      // not (it would be compressed twice); Cloudflare compresses for the client at its edge.
      fetch(request, workerEnv, context) {
        const headers = new Headers(request.headers);
        headers.delete('accept-encoding');
        return app.fetch(new Request(request, { headers }), workerEnv, context);
      },
    },
  };
}

const handler = createWorkerHandler(build);

export default {
  fetch: (request, env, ctx) => handler.fetch(request, env, ctx),
  scheduled: (_controller, env, ctx) => handler.scheduled(env, ctx),
} satisfies ExportedHandler<Env>;
