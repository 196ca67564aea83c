import { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';
import { errorMessage } from '../errors.js';

/** GET /api/health: no identity needed, and nothing about any plan. */
export function healthRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    const providers: Record<string, { ok: boolean; problems: string[] }> = {};
    for (const [name, provider] of Object.entries(deps.providers)) {
      providers[name] = provider.checkSetup
        ? await provider.checkSetup().catch((error: unknown) => ({ ok: false, problems: [errorMessage(error)] }))
        : { ok: true, problems: [] };
    }
    const ok = Object.values(providers).every((p) => p.ok);
    return c.json({ ok, time: deps.clock.now().toISOString(), defaultProvider: deps.config.PROVIDER, providers }, ok ? 200 : 503);
  });
}
