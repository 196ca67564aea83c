/**
 * A scheduled cycle as Cloudflare runs it: worker.ts's own `fetch` and `scheduled` handlers, called
 * on Node with D1 emulated on SQLite (d1-on-sqlite.ts) and Google's fake behind msw. It is how the
 * issue measured a cycle "on Workers", and it shows what the isolate builds once (config, the app,
 * the service) against what each cron invocation runs.
 */
import type { World } from '../../google/world.js';
import { API_TOKENS, PEOPLE, planBody } from '../../support/app.js';
import { d1OnSqlite } from './d1-on-sqlite.js';

interface WorkerHandlers {
  fetch(request: Request, env: unknown, ctx: unknown): Promise<Response>;
  scheduled(controller: unknown, env: unknown, ctx: unknown): Promise<void>;
}

/** Cloudflare's ExecutionContext: the cycle's work is awaited through waitUntil. */
function executionContext() {
  const pending: Promise<unknown>[] = [];
  return {
    ctx: { waitUntil: (work: Promise<unknown>) => pending.push(work), passThroughOnException: () => {} },
    settled: () => Promise.all(pending),
  };
}

/** A worker with two Google plans; `cycle()` edits both documents and runs one cron invocation. */
export async function workerWithPlans(world: World): Promise<{ cycle(): Promise<void> }> {
  // By address, not a literal: worker.ts is typed for workerd (tsconfig.worker.json), not for Node.
  const workerModule = new URL('../../../service/src/runtime/worker.ts', import.meta.url).href;
  const { default: worker } = (await import(workerModule)) as { default: WorkerHandlers };
  const env = {
    ...world.env,
    DB: d1OnSqlite(),
    ASSETS: { fetch: async () => new Response('', { status: 404 }) },
    SESSION_SECRET: 'code-walk-secret-code-walk-secret!',
    API_TOKENS,
    HR_EMAILS: PEOPLE.hr.email,
    PROVIDER: 'google',
  };
  const docIds: string[] = [];
  for (const start of ['2026-12-01', '2026-12-02']) {
    const { ctx, settled } = executionContext();
    const answer = await worker.fetch(
      new Request('http://localhost:8787/api/plans', {
        method: 'POST',
        headers: { authorization: `Bearer ${PEOPLE.manager.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(planBody(start)),
      }),
      env,
      ctx,
    );
    await settled();
    if (answer.status !== 201) throw new Error(`the worker's create answered ${answer.status}: ${await answer.text()}`);
    const { plan } = (await answer.json()) as { plan: { docUrl: string } };
    docIds.push(plan.docUrl.split('/d/')[1]!.split('/')[0]!);
  }
  return {
    async cycle() {
      for (const docId of docIds) {
        world.fake.editDocument(docId, (nodes) => nodes.push({ kind: 'paragraph', text: 'Progress noted.', style: 'NORMAL_TEXT' }));
      }
      const { ctx, settled } = executionContext();
      await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: Date.now() }, env, ctx);
      await settled();
    },
  };
}
