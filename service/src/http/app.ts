import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { identify } from '../auth/identify.js';
import { AppError } from '../errors.js';
import { createPlanViewCache } from '../plans/plan-view-cache.js';
import { ProviderError } from '../providers/types.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, refuseCrossSiteRequests } from './caller.js';
import { calendarRoutes } from './calendar-routes.js';
import { documentRoutes } from './document-routes.js';
import { errorResponse } from './error-response.js';
import { openApiRoute } from './openapi.js';
import { healthRoute } from './health-route.js';
import { googleWebhookRoutes } from './google-webhook.js';
import { acceptNotification } from '../poller/change-channels.js';
import { notionWebhookRoutes } from './notion-webhook.js';
import { oidcRoutes } from './oidc-routes.js';
import { lifecycleRoutes } from './lifecycle-routes.js';
import { planRoutes } from './plan-routes.js';
import { recordRoutes } from './record-routes.js';
import { remindRoutes } from './remind-routes.js';
import { API_POLICY, pagePolicy } from './security-headers.js';
import { sessionRoutes } from './session-routes.js';

export interface AppOptions {
  /** Serves the built dashboard (Node: files from dashboard/dist; Workers: the assets binding). */
  assets?: MiddlewareHandler;
  /** Extra routes mounted as they are, e.g. `/webhooks/notion`. */
  mount?: (app: Hono<AppEnv>) => void;
}

/** The whole HTTP surface: the routes of docs/api.md (and GET /api/openapi.json), the sign-in session, the local document editor. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const documents = documentRoutes(deps);
  // One cache of computed plan views for every route that lists plans (dashboard, calendar, this week).
  const views = createPlanViewCache(deps);
  const calendar = calendarRoutes(deps, views);
  const app = new Hono<AppEnv>();
  const hsts = deps.config.PUBLIC_URL.startsWith('https:');

  app.use('*', async (c, next) => {
    c.set(
      'identity',
      await identify(
        { authorization: c.req.header('authorization'), accessAssertion: c.req.header('cf-access-jwt-assertion'), sessionCookie: getCookie(c, deps.identity.cookieName) },
        deps.identity,
        deps.clock.now(),
      ),
    );
    await next();
    // Plans are confidential: never kept by a shared cache (proxies, CDNs), no embedding, no referrer
    // leaks. An API answer with an ETag (the dashboard) may be kept by this browser alone, and only to
    // be revalidated (If-None-Match -> 304) on every use; every other answer is not kept at all.
    // Signing out clears this browser's copies (Clear-Site-Data, session-routes.ts).
    const revalidated = c.req.path.startsWith('/api/') && c.res.headers.has('etag');
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/docs/') || c.req.path.startsWith('/calendar/'))
      c.header('cache-control', revalidated ? 'private, no-cache' : 'no-store');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    // Served over https: browsers keep to https for a year, so no later link or typed address falls back to http.
    if (hsts) c.header('strict-transport-security', 'max-age=31536000');
    const nothingToRun = c.req.path.startsWith('/api/') || c.req.path.startsWith('/calendar/');
    if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', nothingToRun ? API_POLICY : pagePolicy());
  });

  app.use('*', refuseCrossSiteRequests(deps));

  // JSON answers gzip-compressed for clients that accept it (HR's full dashboard: 5.6 MB -> ~0.4 MB).
  app.use('/api/*', compress());
  // HR's feed at 5,000 plans is 25,000 events (about 8 MB of text).
  app.use('/calendar/*', compress());
  if (deps.identity.oidc) app.route('/auth', oidcRoutes(deps, deps.identity.oidc));
  // Chained, so the app's type carries every route's request and answer (AppType, for typed clients).
  const routes = app
    .route('/api', healthRoute(deps))
    .route('/api', sessionRoutes(deps))
    .route('/api', planRoutes(deps, views))
    .route('/api', recordRoutes(deps))
    .route('/api', remindRoutes(deps))
    .route('/api', lifecycleRoutes(deps))
    .route('/api', calendar.api)
    .route('/calendar', calendar.feed)
    .route('/api', documents.api)
    .route('/docs', documents.page);
  if (deps.providers.notion && deps.onNotionPagesChanged) {
    const onPagesChanged = deps.onNotionPagesChanged;
    app.route(
      '/webhooks/notion',
      notionWebhookRoutes({
        verificationToken: deps.config.NOTION_WEBHOOK_VERIFICATION_TOKEN,
        // Notion shows this token nowhere else: the admin copies it from the log into the setting.
        onVerificationToken: (token) =>
          deps.log(`[notion] webhook verification token: ${token}\n  Set NOTION_WEBHOOK_VERIFICATION_TOKEN to it and paste it into Notion's "Verify" dialog.`),
        onPagesChanged: (pageIds, later) => onPagesChanged(pageIds, later),
      }),
    );
  }
  if (deps.providers.google?.changeChannels && deps.onDriveChanges) {
    const onDriveChanges = deps.onDriveChanges;
    app.route('/webhooks/google', googleWebhookRoutes({ accept: (notice) => acceptNotification(deps, 'google', notice), onChange: (later) => onDriveChanges(later) }));
  }
  // hono-openapi leaves the description's own route out of the description.
  app.get('/api/openapi.json', openApiRoute(app));
  options.mount?.(app);
  app.all('/api/*', () => {
    throw new AppError('not_found', 'No such route.');
  });
  if (options.assets) app.use('*', options.assets);

  app.notFound((c) => errorResponse(c, new AppError('not_found', 'Not found.')));
  app.onError((error, c) => {
    if (error instanceof AppError) return errorResponse(c, error);
    // A provider that failed while serving a request (e.g. a local document deleted on disk): docs/api.md's 502/503.
    if (error instanceof ProviderError) return errorResponse(c, new AppError(error.retryable ? 'provider_unavailable' : 'provider_failed', error.message));
    deps.log(`[http] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorResponse(c, new AppError('internal', 'Something went wrong on our side; nothing was lost. Try again.'));
  });
  return routes;
}

/**
 * The app's routes with their typed requests and answers, for a typed client: `hc<AppType>(url)`
 * (hono/client) or, in tests, `testClient(app)` (hono/testing). Error answers are not in it: they are
 * thrown and answered by `app.onError`, always in the one shape of `ErrorResponse` (api-types.ts).
 */
export type AppType = ReturnType<typeof createApp>;
