import * as sdk from '@notionhq/client/build/src/api-endpoints.js';
import type { Clock } from '../../../service/src/providers/notion/api/rate-limit.js';
import { FakeApiError } from './errors.js';
import { conflict, overloaded, randomFaultAnswer, rateLimited, type RandomFaults } from './faults.js';
import { FakeRateLimiter, FakeWorkspaceLimiter, type FakeRateLimit, type FakeWorkspaceLimit } from './rate-limiter.js';
import { deleteBlock, updateBlock } from './block-update.js';
import { restricted, updateDataSource } from './schema-update.js';
import { LIMITS } from './limits.js';
import { checkRequestShape, type SdkEndpoint } from './spec.js';
import { NotionFakeState } from './state.js';
import { checkVersionedBody, parseVersion, shapeForVersion } from './versions.js';
import { VirtualClock } from './virtual-clock.js';

export const FAKE_TOKEN = 'ntn_fake_integration_token_0123456789';
export const FAKE_BASE_URL = 'https://api.notion.test';

export interface NotionFakeOptions {
  token?: string;
  clock?: Clock;
  /** The per-connection limiter (each token its own); default 3 requests/s with bursts of 10. */
  rateLimit?: FakeRateLimit | false;
  /** The per-workspace limiter shared by every token; default 1,000 requests a 5-minute window, off when `rateLimit` is. */
  workspaceRateLimit?: FakeWorkspaceLimit | false;
  /**
   * The integration's content capabilities (https://developers.notion.com/reference/capabilities);
   * default all. Without "Update content" every PATCH of a page, block or data source and every
   * block DELETE answers 403 restricted_resource.
   */
  capabilities?: { updateContent?: boolean };
}

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  status: number;
  /** The bearer token it came with (one per connection). */
  token?: string;
  /** On a 429: which limit (additional_data.rate_limit_reason). */
  reason?: string;
}

type Body = Record<string, unknown>;
interface Route {
  method: string;
  pattern: RegExp;
  sdk: SdkEndpoint;
  run(state: NotionFakeState, id: string, query: Record<string, string>, body: Body): unknown;
}

const ID = '([^/]+)';
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/v1\/users$/, sdk: sdk.listUsers, run: (s, _id, q) => s.listUsers(q) },
  { method: 'GET', pattern: new RegExp(`^/v1/data_sources/${ID}$`), sdk: sdk.getDataSource, run: (s, id) => s.retrieveDataSource(id) },
  { method: 'PATCH', pattern: new RegExp(`^/v1/data_sources/${ID}$`), sdk: sdk.updateDataSource, run: (s, id, _q, b) => updateDataSource(s, id, b) },
  { method: 'GET', pattern: new RegExp(`^/v1/databases/${ID}$`), sdk: sdk.getDatabase, run: (s, id) => s.retrieveDatabase(id) },
  { method: 'POST', pattern: new RegExp(`^/v1/data_sources/${ID}/query$`), sdk: sdk.queryDataSource, run: (s, id, _q, b) => s.queryDataSource(id, b) },
  { method: 'POST', pattern: /^\/v1\/pages$/, sdk: sdk.createPage, run: (s, _id, _q, b) => s.createPage(b) },
  { method: 'GET', pattern: new RegExp(`^/v1/pages/${ID}$`), sdk: sdk.getPage, run: (s, id) => s.pageResponse(s.getPage(id)) },
  { method: 'PATCH', pattern: new RegExp(`^/v1/pages/${ID}$`), sdk: sdk.updatePage, run: (s, id, _q, b) => s.updatePage(id, b) },
  { method: 'GET', pattern: new RegExp(`^/v1/blocks/${ID}/children$`), sdk: sdk.listBlockChildren, run: (s, id, q) => s.listChildren(id, q) },
  { method: 'PATCH', pattern: new RegExp(`^/v1/blocks/${ID}/children$`), sdk: sdk.appendBlockChildren, run: (s, id, _q, b) => s.appendChildren(id, b as never) },
  { method: 'PATCH', pattern: new RegExp(`^/v1/blocks/${ID}$`), sdk: sdk.updateBlock, run: (s, id, _q, b) => updateBlock(s, id, b) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/blocks/${ID}$`), sdk: sdk.deleteBlock, run: (s, id) => deleteBlock(s, id) },
  { method: 'GET', pattern: new RegExp(`^/v1/data_sources/${ID}/templates$`), sdk: sdk.listDataSourceTemplates, run: (s, id) => s.listTemplates(id) },
];

/**
 * The fake Notion API as a fetch handler (Request -> Response): authentication, the
 * Notion-Version header, the OpenAPI/SDK shape check, rate limiting, then the state machine.
 * msw.ts binds it into tests; the same handler can back a local HTTP server.
 */
export class NotionFake {
  readonly clock: Clock;
  readonly state: NotionFakeState;
  /** The first connection's limiter (the token given to the constructor). */
  readonly limiter: FakeRateLimiter;
  readonly workspaceLimiter: FakeWorkspaceLimiter;
  readonly token: string;
  /** Per-connection limiters by token: the workspace's connections (see addConnection). */
  readonly connections = new Map<string, FakeRateLimiter>();
  #overloadedUntil = 0;
  #overloadRetryAfter: number | undefined;
  readonly log: LoggedRequest[] = [];
  readonly capabilities: { updateContent: boolean };
  /** Set to fail a share of every request at random (429s, 5xx, ghost successes). */
  randomFaults: RandomFaults | undefined;
  readonly #rateLimit: FakeRateLimit | false;

  constructor(options: NotionFakeOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.state = new NotionFakeState(this.clock);
    this.token = options.token ?? FAKE_TOKEN;
    this.capabilities = { updateContent: options.capabilities?.updateContent ?? true };
    this.#rateLimit = options.rateLimit ?? { requestsPerSecond: 3, burst: 10 };
    this.limiter = new FakeRateLimiter(this.clock, this.#rateLimit);
    this.connections.set(this.token, this.limiter);
    const workspace = options.workspaceRateLimit ?? (this.#rateLimit ? { requests: 1000, windowMs: 5 * 60_000 } : false);
    this.workspaceLimiter = new FakeWorkspaceLimiter(this.clock, workspace);
  }

  /** Another integration of the same workspace: its own per-connection limit, the workspace's shared. */
  addConnection(token: string): void {
    this.connections.set(token, new FakeRateLimiter(this.clock, this.#rateLimit));
  }

  /** Notion overloaded for `ms`: every request answers 529 service_overload, with Retry-After when given. */
  overload(ms: number, retryAfterSeconds?: number): void {
    this.#overloadedUntil = this.clock.now() + ms;
    this.#overloadRetryAfter = retryAfterSeconds;
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
    const entry: LoggedRequest = { at: this.clock.now(), method: request.method, path: url.pathname, status: 0, ...(token ? { token } : {}) };
    this.log.push(entry);
    let status = 200;
    let payload: unknown;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    try {
      const fault = this.#randomFault();
      if (fault?.startsWith('performed-')) await this.#handle(request, url).catch(() => undefined);
      if (fault) throw randomFaultAnswer(fault);
      payload = await this.#handle(request, url);
    } catch (error) {
      if (!(error instanceof FakeApiError)) throw error;
      status = error.status;
      payload = error.body();
      if (error.additionalData?.rate_limit_reason) entry.reason = error.additionalData.rate_limit_reason;
      Object.assign(headers, error.headers);
    }
    entry.status = status;
    if (status === 200) payload = { ...(shapeForVersion(parseVersion(request.headers.get('notion-version')), payload) as object), request_id: crypto.randomUUID() };
    return new Response(JSON.stringify(payload), { status, headers });
  }

  #randomFault(): RandomFaults['kinds'][number] | undefined {
    const chaos = this.randomFaults;
    if (!chaos || chaos.random() >= chaos.rate) return undefined;
    return chaos.kinds[Math.floor(chaos.random() * chaos.kinds.length)] ?? '500';
  }

  async #handle(request: Request, url: URL): Promise<unknown> {
    const connection = this.connections.get(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
    if (!connection) throw new FakeApiError(401, 'unauthorized', 'API token is invalid.');
    const connectionWait = connection.admit();
    if (connectionWait !== undefined) throw rateLimited(connectionWait, 'connection_rate_limit');
    const workspaceWait = this.workspaceLimiter.admit();
    if (workspaceWait !== undefined) throw rateLimited(workspaceWait, 'workspace_rate_limit');
    if (this.clock.now() < this.#overloadedUntil) throw overloaded(this.#overloadRetryAfter);
    const version = parseVersion(request.headers.get('notion-version'));
    this.state.applyDueTemplates();
    const route = ROUTES.find((r) => r.method === request.method && r.pattern.test(url.pathname));
    const text = await request.text();
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > LIMITS.payloadBytes) throw FakeApiError.validation(`body failed validation: the request body is ${bytes} bytes; a request may be at most 500 KB.`);
    let body: Body = {};
    if (text) {
      try {
        body = JSON.parse(text) as Body;
      } catch {
        throw new FakeApiError(400, 'invalid_json', 'Error parsing JSON body.');
      }
    }
    const query = Object.fromEntries(url.searchParams);
    checkRequestShape(request.method, url.pathname, Object.keys(query), Object.keys(body), route?.sdk);
    checkVersionedBody(version, request.method, url.pathname, body);
    // Update content: "permission to update existing content"; deleting a block is an update too.
    const updates = request.method === 'DELETE' || (request.method === 'PATCH' && !/\/children$/.test(url.pathname));
    if (updates && !this.capabilities.updateContent) throw restricted('update content (the integration lacks the "Update content" capability)');
    const id = decodeURIComponent(route!.pattern.exec(url.pathname)?.[1] ?? '');
    if ((request.method === 'PATCH' || request.method === 'DELETE') && this.state.isBeingEdited(id)) throw conflict();
    return route!.run(this.state, id, query, body);
  }

  /** Requests the fake saw, optionally only those matching. */
  requests(filter: Partial<Pick<LoggedRequest, 'method' | 'status'>> & { path?: RegExp } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) => (!filter.method || r.method === filter.method) && (filter.status === undefined || r.status === filter.status) && (!filter.path || filter.path.test(r.path)),
    );
  }

  /** The most requests that arrived within any window of `ms` (sliding). */
  peakRequests(ms = 1000): number {
    let peak = 0;
    let start = 0;
    for (let end = 0; end < this.log.length; end++) {
      while (this.log[end]!.at - this.log[start]!.at >= ms) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }
}
