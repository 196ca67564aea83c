/**
 * `npm start`: the service on Node with SQLite and local documents (and Google/Notion when
 * configured), the dashboard from dashboard/dist, and the poller on a timer.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { ConfigError, loadConfig } from '../config.js';
import { createApp } from '../http/app.js';
import { fileBlobs } from '../providers/local/file-blobs.js';
import { localProvider } from '../providers/local/index.js';
import { openSqliteStore } from '../store/sqlite.js';
import { TemplateError, loadTemplate } from '../templates/template.js';
import { type ComposedService, composeService } from './compose.js';
import { nodeReminderChannels } from './smtp-channel.js';
import { errorMessage } from '../errors.js';

const projectRoot = resolve(import.meta.dirname, '../../..');

function readTemplate(templatesDir: string | undefined) {
  const folder = templatesDir ? resolve(templatesDir) : join(projectRoot, 'templates');
  const file = join(folder, 'coaching-plan.md');
  if (!existsSync(file)) throw new TemplateError(file, [`no coaching-plan.md in ${folder}`]);
  return loadTemplate(file, readFileSync(file, 'utf8'));
}

async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const template = readTemplate(config.TEMPLATES_DIR);
  const store = await openSqliteStore({ file: join(config.DATA_DIR, 'coaching-plans.sqlite') });
  const mailChannels = nodeReminderChannels(config);
  const deps = composeService({
    config,
    store,
    template,
    runtime: { local: localProvider({ blobs: fileBlobs(join(config.DATA_DIR, 'documents')), publicUrl: config.PUBLIC_URL }) },
    sessionSecret: config.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    reminderChannels: mailChannels,
  });
  const poller = pollOnTimer(deps, config.POLL_INTERVAL_SECONDS * 1000);
  // The socket's address, never X-Forwarded-For (anyone can send that and escape the sign-in throttle).
  deps.clientAddress = (c) => getConnInfo(c).remote.address;

  const dashboardDir = join(projectRoot, 'dashboard/dist');
  const app = createApp(deps, { assets: serveStatic({ root: dashboardDir }) });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    // One write, so whoever watches the output sees the whole banner at once.
    const banner = [
      `Coaching plans: listening on ${url}`,
      `  dashboard ${config.PUBLIC_URL}/   health ${config.PUBLIC_URL}/api/health`,
      `  providers: ${Object.keys(deps.providers).join(', ')} (new plans: ${config.PROVIDER}); data in ${resolve(config.DATA_DIR)}`,
    ];
    if (!existsSync(join(dashboardDir, 'index.html'))) banner.push('  (dashboard not built: run `npm run build`)');
    if (deps.identity.devSignIn) {
      banner.push('  !!! TRIAL MODE: no API_TOKENS set. Whoever has the code below can sign in as any email, without');
      banner.push('  !!! a password. Fine on your laptop; set API_TOKENS or OIDC_ISSUER before sharing it.');
      banner.push(`  trial sign-in code: ${deps.identity.trialCode}`);
      banner.push(`  sign in: ${config.PUBLIC_URL}/sign-in/?code=${deps.identity.trialCode}`);
    } else if (config.API_TOKENS.size === 0) {
      banner.push('  No API_TOKENS and no trial sign-in (it needs loopback and a PUBLIC_URL on this machine): nobody can sign in yet.');
    }
    console.log(banner.join('\n'));
  });
  // Remote setup problems (a folder shared too widely, a database missing a property) are said at
  // once, in words an admin can act on; the service still starts so /api/health can show them.
  for (const [name, provider] of Object.entries(deps.providers)) {
    void provider.checkSetup?.().then(
      (report) => report.ok || console.error(`[${name}] setup problems:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`),
      (error: unknown) => console.error(`[${name}] setup check failed: ${errorMessage(error)}`),
    );
  }
  poller.start();

  const shutdown = async () => {
    server.close();
    await poller.stop();
    // Drive would go on delivering to an address nobody answers until the channel expires.
    await deps.stopChangeChannels().catch((error: unknown) => console.error(`[poller] stopping change channels: ${errorMessage(error)}`));
    for (const channel of mailChannels) channel.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/**
 * Node owns the poll timer (Workers have their cron trigger instead): a cycle now, then one every
 * interval after the previous ended, so cycles never pile up. `stop` waits for a running one.
 */
function pollOnTimer(deps: ComposedService, intervalMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = deps
      .scheduledCycle()
      .catch((error: unknown) => deps.log(`[poller] cycle failed: ${errorMessage(error)}`))
      .finally(() => {
        if (timer) timer = setTimeout(tick, intervalMs);
      });
  };
  return {
    start() {
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof TemplateError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
