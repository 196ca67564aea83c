import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { SetupReport } from '../providers/types.js';
import { healthSchema } from './api-schemas.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';
import { errorMessage } from '../errors.js';
import { jsonAnswer } from './openapi.js';

/** GET /api/health's answer: `ok` and `time` for anyone; the providers' setup reports for HR only. */
export interface HealthAnswer {
  ok: boolean;
  time: string;
  defaultProvider?: string;
  providers?: Record<string, SetupReport>;
}

/** How long one answer from the providers serves every health check. */
const CHECK_TTL_MS = 60_000;

/**
 * GET /api/health: no identity needed, so it says only whether the service is well (`{ok, time}`).
 * What is wrong (folder ids, the service's identity, who a folder is shared with) is for HR.
 * Provider checks are cached and shared by concurrent callers (single flight): anyone can call this,
 * and it must not spend the providers' quota or queue behind their rate limits.
 */
export function healthRoute(deps: AppDeps) {
  const cache = new Map<string, { at: number; report: Promise<SetupReport> }>();

  function check(name: string): Promise<SetupReport> {
    const provider = deps.providers[name as keyof typeof deps.providers];
    const now = deps.clock.now().getTime();
    const cached = cache.get(name);
    if (cached && now - cached.at < CHECK_TTL_MS) return cached.report;
    const report = (provider?.checkSetup?.() ?? Promise.resolve({ ok: true, problems: [] })).catch((error: unknown) => ({ ok: false, problems: [errorMessage(error)] }));
    cache.set(name, { at: now, report });
    return report;
  }

  const describe = describeRoute({
    tags: ['health'],
    summary: "Whether the service is well: {ok, time} for anyone; HR also sees each provider's setup problems",
    responses: { 200: jsonAnswer('Healthy', healthSchema), 503: jsonAnswer('A provider is not set up', healthSchema) },
  });
  return new Hono<AppEnv>().get('/health', describe, async (c) => {
    const names = Object.keys(deps.providers);
    const reports = await Promise.all(names.map(check));
    const ok = reports.every((report) => report.ok);
    const time = deps.clock.now().toISOString();
    const answer: HealthAnswer = c.get('identity')?.isHr
      ? { ok, time, defaultProvider: deps.config.PROVIDER, providers: Object.fromEntries(names.map((name, i) => [name, reports[i] as SetupReport])) }
      : { ok, time };
    return c.json(answer, ok ? 200 : 503);
  });
}
