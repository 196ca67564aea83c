import { readFileSync } from 'node:fs';
import { DiscoveryValidator } from './discovery.js';
import { docsMethods } from './docs-api.js';
import { driveMethods, readChangeToken } from './drive-api.js';
import { PushChannels } from './push.js';
import { DriveState, FOLDER, GOOGLE_DOC, permissionIdFor, type FakeFile, type StoredPermission } from './drive-state.js';
import type { DocNode } from './docs-model.js';
import { FakeHttpError, docsError, driveError, fileNotFound } from './errors.js';
import { GmailFake } from './gmail-api.js';
import { applyFieldMask } from './field-mask.js';
import { GOOGLE_QUOTAS, QuotaLimiter, type GoogleQuotas } from './quota.js';
import { exchangeAssertion, type FakeServiceAccount, type IssuedToken } from './token.js';

export interface FakeRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  /** The client gave up: a request it abandoned before the fake got to it is not performed. */
  signal?: AbortSignal;
}

export type FakeResponse = { status: number; headers: Record<string, string>; body: string; hang?: false } | { hang: true };

/**
 * Faults a test can inject into the next matching request(s):
 * `performed-*` apply the change and then fail, the case that tempts a client into doing it twice;
 * `403-refused` is a refusal for good, not a rate limit.
 */
export type FaultKind = '429' | '429-html' | '403-rate' | '403-sharing-rate' | '403-refused' | '500' | '503' | 'timeout' | 'performed-500' | 'performed-timeout';
export interface Fault {
  /** Discovery method id (`drive.permissions.create`, `docs.documents.get`) or `oauth.token`. */
  method: string;
  kind: FaultKind;
  /** How many requests it hits; default 1. */
  times?: number;
  retryAfterSeconds?: number;
}

/** Faults on a share of all requests, for measuring (npm run bench): each request is hit with `rate`. */
export interface RandomFaults {
  rate: number;
  kinds: FaultKind[];
  /** Seeded, so a run can be repeated. */
  random: () => number;
}

export interface LoggedRequest {
  method: string;
  status: number | 'hang';
}

export interface GoogleFakeOptions {
  apiRootUrl?: string;
  docsRootUrl?: string;
  tokenUrl?: string;
  /** Where Gmail's API is served (its paths start with gmail/v1/); Google's unless given. */
  gmailRootUrl?: string;
  /** Per-user quotas a minute; Google's defaults unless given, `false` for none (benchmarks counting requests). */
  quotas?: GoogleQuotas | false;
}

const HTML_429 = readFileSync(new URL('../../fixtures/google/drive-error-429-automated-queries.gargle.html', import.meta.url), 'utf8');
const PERMISSION_WRITES = new Set(['drive.permissions.create', 'drive.permissions.update', 'drive.permissions.delete']);

/**
 * What Drive answers without a `fields` parameter: a default set per method, not the whole resource
 * (https://developers.google.com/workspace/drive/api/guides/fields-parameter). Methods not listed
 * (Docs, generateIds, startPageToken) answer in full.
 */
const FILE_DEFAULT = 'kind,id,name,mimeType';
const PERMISSION_DEFAULT = 'kind,id,type,role';
const DEFAULT_FIELDS: Record<string, string> = {
  'drive.files.get': FILE_DEFAULT,
  'drive.files.create': FILE_DEFAULT,
  'drive.files.copy': FILE_DEFAULT,
  'drive.files.update': FILE_DEFAULT,
  'drive.files.list': `kind,nextPageToken,incompleteSearch,files(${FILE_DEFAULT})`,
  'drive.permissions.get': PERMISSION_DEFAULT,
  'drive.permissions.create': PERMISSION_DEFAULT,
  'drive.permissions.update': PERMISSION_DEFAULT,
  'drive.permissions.list': `kind,nextPageToken,permissions(${PERMISSION_DEFAULT})`,
  'drive.changes.list': `kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,file(${FILE_DEFAULT}))`,
};

/**
 * A stateful, strict fake of Drive v3, Docs v1 and Google's OAuth token endpoint. Transport-free:
 * `handle()` takes a request and gives a response, so msw (tests) and a plain HTTP server (out of
 * process runs) can both serve it.
 */
export class GoogleFake {
  readonly state = new DriveState();
  readonly apiRootUrl: string;
  readonly docsRootUrl: string;
  readonly tokenUrl: string;
  readonly users = new Set<string>();
  readonly accounts: FakeServiceAccount[] = [];
  readonly log: LoggedRequest[] = [];
  /** The most permission writes on one file at the same time (Drive keeps only the last of concurrent ones). */
  maxConcurrentPermissionWrites = 0;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly faults: (Fault & { left: number })[] = [];
  private readonly validator: DiscoveryValidator;
  private readonly inFlight = new Map<string, number>();
  private readonly writesStarted = new Map<string, number>();
  /** Permission writes Drive answered but dropped, because a later one on the same file overtook them. */
  lostPermissionWrites = 0;
  now: () => number = Date.now;
  /** Set to fail a share of every request (429s, 5xx, timeouts, ghost successes) at random. */
  randomFaults: RandomFaults | undefined;
  /** Rate limiting like Google's, built in; set `limiter.quotas` to change or switch it off. */
  readonly limiter: QuotaLimiter;
  /** Gmail's users.messages.send: what was sent as whom (reminders). */
  readonly gmail: GmailFake;
  /** changes.watch channels and the notifications sent on them. */
  readonly push: PushChannels;

  constructor(options: GoogleFakeOptions = {}) {
    this.limiter = new QuotaLimiter(options.quotas ?? GOOGLE_QUOTAS, () => this.now());
    this.apiRootUrl = options.apiRootUrl ?? 'https://www.googleapis.com/';
    this.docsRootUrl = options.docsRootUrl ?? 'https://docs.googleapis.com/';
    this.tokenUrl = options.tokenUrl ?? 'https://oauth2.googleapis.com/token';
    this.validator = new DiscoveryValidator({ drive: this.apiRootUrl, docs: this.docsRootUrl });
    this.push = new PushChannels(() => this.now());
    this.state.onChange = (change) => this.push.notify(this.state, change);
    this.gmail = new GmailFake(options.gmailRootUrl ?? 'https://gmail.googleapis.com/', (headers) => this.issuedToken(headers));
  }

  // --- setting up a world ---------------------------------------------------------------------

  addUser(email: string): void {
    this.users.add(email.toLowerCase());
  }

  addServiceAccount(account: FakeServiceAccount): void {
    this.accounts.push(account);
  }

  addFolder(name: string, owner: string, options: { parents?: string[]; driveId?: string } = {}): FakeFile {
    return this.state.addFile({ name, mimeType: FOLDER, owner, ...options });
  }

  addDocument(name: string, owner: string, nodes: DocNode[], parents: string[] = []): FakeFile {
    return this.state.addFile({ name, mimeType: GOOGLE_DOC, owner, parents, document: nodes });
  }

  /** Someone shares a file or folder in the Drive UI (no API call, no validation). */
  share(fileId: string, grant: Omit<StoredPermission, 'id'>): void {
    const file = this.state.get(fileId);
    const id = permissionIdFor(grant.type, grant.emailAddress ?? grant.domain);
    file.permissions = file.permissions.filter((p) => p.id !== id);
    file.permissions.push({ id, ...grant });
    this.state.touch(file);
  }

  /** Someone deletes a file for good in Drive (the change feed reports it removed). */
  deleteFile(fileId: string): void {
    const file = this.state.get(fileId);
    this.state.files.delete(fileId);
    this.state.documents.delete(fileId);
    this.state.record(file, this.state.tick(), true);
  }

  /** Someone chooses File > Share > Publish to the web (no API call). */
  publishToWeb(fileId: string): void {
    const file = this.state.get(fileId);
    file.publishedToWeb = true;
    this.state.touch(file);
  }

  isPublished(fileId: string): boolean {
    return this.state.get(fileId).publishedToWeb === true;
  }

  /** Someone edits a document in the browser. */
  editDocument(fileId: string, edit: (nodes: DocNode[]) => void): void {
    const doc = this.state.documents.get(fileId);
    if (!doc?.tabs[0]) throw new Error(`no document ${fileId}`);
    edit(doc.tabs[0].nodes);
    doc.revision += 1;
    this.state.touch(this.state.get(fileId));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Requests per method id, e.g. `{ 'drive.permissions.create': 4 }`. */
  counts(since = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.log.slice(since)) counts[entry.method] = (counts[entry.method] ?? 0) + 1;
    return counts;
  }

  // --- serving ---------------------------------------------------------------------------------

  async handle(request: FakeRequest): Promise<FakeResponse> {
    const url = new URL(request.url);
    let method = 'unknown';
    let response: FakeResponse;
    try {
      const gmailMethod = this.gmail.methodOf(url);
      if (`${url.origin}${url.pathname}` === this.tokenUrl && request.method === 'POST') {
        method = 'oauth.token';
        response = (await this.fault(method, () => this.token(request))) ?? (await this.token(request));
      } else if (gmailMethod) {
        method = gmailMethod;
        const perform = (): FakeResponse => {
          const { status, body } = this.gmail.handle(gmailMethod, { method: request.method, url, headers: request.headers, body: request.body });
          return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
        };
        response = (await this.fault(method, perform)) ?? perform();
      } else {
        const matched = this.validator.match(request.method, url);
        if ('error' in matched) throw driveError(400, 'badRequest', matched.error);
        method = matched.route.id;
        const actor = this.authenticate(request.headers, matched.route.api);
        this.limiter.admit(method, actor);
        const { body, media } = parseBody(request);
        const unknown = this.validator.unknownBodyFields(matched.route, body);
        if (unknown.length > 0) throw driveError(400, 'badRequest', `Invalid JSON payload received. Unknown name "${unknown[0]}" (${method})`);
        const outputOnly = this.validator.outputOnlyBodyFields(matched.route, body);
        if (outputOnly.length > 0) throw driveError(403, 'fieldNotWritable', `The resource body includes fields which are not directly writable. (${outputOnly.join(', ')})`);
        if (matched.route.api === 'drive') this.hideSharedDriveItems(url.searchParams, [matched.params['fileId'], ...(Array.isArray(body['parents']) ? body['parents'] : [])]);
        const perform = (): FakeResponse =>
          request.signal?.aborted ? { hang: true } : this.perform(method, { params: matched.params, query: url.searchParams, body, ...(media ? { media } : {}), actor });
        response = (await this.fault(method, perform)) ?? (await this.serialise(matched.params['fileId'] ?? '', method, perform));
      }
    } catch (error) {
      if (!(error instanceof FakeHttpError)) throw error;
      response = { status: error.status, headers: { 'content-type': 'application/json; charset=UTF-8', ...error.headers }, body: JSON.stringify(error.body) };
    }
    this.log.push({ method, status: response.hang ? 'hang' : response.status });
    return response;
  }

  /**
   * Drive answers 404 for an item in a shared drive (the file, or a parent it is put into) unless the
   * request says `supportsAllDrives=true` (https://developers.google.com/workspace/drive/api/guides/enable-shareddrives).
   */
  private hideSharedDriveItems(query: URLSearchParams, ids: unknown[]): void {
    if (query.get('supportsAllDrives') === 'true') return;
    for (const id of ids) if (typeof id === 'string' && this.state.files.get(id)?.driveId) throw fileNotFound(id);
  }

  /**
   * "Concurrent permissions operations on the same file aren't supported; only the last update is
   * applied" (the warning on permissions.create, update and delete:
   * https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/create). A write
   * that another write on the same file overtook while it was in flight is answered as if it
   * succeeded, and undone: the client is told nothing.
   */
  private async serialise(fileId: string, method: string, perform: () => FakeResponse): Promise<FakeResponse> {
    if (!PERMISSION_WRITES.has(method)) return perform();
    const running = (this.inFlight.get(fileId) ?? 0) + 1;
    this.inFlight.set(fileId, running);
    this.maxConcurrentPermissionWrites = Math.max(this.maxConcurrentPermissionWrites, running);
    const mine = (this.writesStarted.get(fileId) ?? 0) + 1;
    this.writesStarted.set(fileId, mine);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const file = this.state.files.get(fileId);
      const before = file ? structuredClone(file.permissions) : undefined;
      const sent = this.state.notifications.length;
      const response = perform();
      if (file && before && (this.writesStarted.get(fileId) ?? 0) > mine) {
        file.permissions = before;
        this.state.notifications.length = sent;
        this.lostPermissionWrites += 1;
      }
      return response;
    } finally {
      this.inFlight.set(fileId, (this.inFlight.get(fileId) ?? 1) - 1);
    }
  }

  private perform(method: string, call: Parameters<(typeof driveMethods)[string]>[1]): FakeResponse {
    if (method === 'drive.changes.watch') {
      readChangeToken(this.state, call.actor, call.query.get('pageToken'));
      return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(this.push.watch(call.actor, call.body)) };
    }
    if (method === 'drive.channels.stop') {
      this.push.stop(call.actor, call.body);
      return { status: 204, headers: {}, body: '' };
    }
    const implementation = driveMethods[method] ?? docsMethods[method];
    if (!implementation) throw driveError(501, 'notImplemented', `The fake does not implement ${method}`);
    const result = implementation(this.state, call);
    if (result === undefined) return { status: 204, headers: {}, body: '' };
    const mask = call.query.get('fields') ?? DEFAULT_FIELDS[method];
    return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(mask ? applyFieldMask(result, mask) : result) };
  }

  private async fault(method: string, perform: () => FakeResponse | Promise<FakeResponse>): Promise<FakeResponse | undefined> {
    const fault = this.faults.find((f) => f.method === method && f.left > 0) ?? this.randomFault(method);
    if (!fault) return undefined;
    fault.left -= 1;
    const retryAfter = { 'retry-after': String(fault.retryAfterSeconds ?? 1) };
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
      status,
      headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
      body: JSON.stringify(body),
    });
    switch (fault.kind) {
      case '429':
        return json(429, docsError(429, "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user'").body, retryAfter);
      case '429-html':
        return { status: 429, headers: { 'content-type': 'text/html; charset=UTF-8', ...retryAfter }, body: HTML_429 };
      case '403-rate':
        return json(403, driveError(403, 'userRateLimitExceeded', 'User rate limit exceeded.').body);
      case '403-sharing-rate':
        // Sharing (and its emails) has a limit of its own (https://developers.google.com/workspace/drive/api/guides/handle-errors#sharing).
        return json(
          403,
          driveError(403, 'sharingRateLimitExceeded', 'Rate limit exceeded. User message: "These item(s) could not be shared because a rate limit was exceeded"').body,
        );
      case '403-refused':
        // A refusal no retry changes (e.g. an admin policy or a retention hold on deleting).
        return json(403, driveError(403, 'insufficientFilePermissions', 'The user does not have sufficient permissions for this file.').body);
      case '500':
      case '503':
        return json(Number(fault.kind), driveError(Number(fault.kind), 'backendError', 'Backend Error').body);
      case 'timeout':
        return { hang: true };
      case 'performed-500':
        await perform();
        return json(500, driveError(500, 'backendError', 'Internal Error').body);
      case 'performed-timeout':
        await perform();
        return { hang: true };
    }
  }

  private randomFault(method: string): (Fault & { left: number }) | undefined {
    const chaos = this.randomFaults;
    if (!chaos || chaos.random() >= chaos.rate) return undefined;
    const kind = chaos.kinds[Math.floor(chaos.random() * chaos.kinds.length)] ?? '500';
    // The token endpoint has no Drive-style 403s.
    return { method, kind: method === 'oauth.token' && kind.startsWith('403') ? '500' : kind, left: 1 };
  }

  private async token(request: FakeRequest): Promise<FakeResponse> {
    const body = await exchangeAssertion(new URLSearchParams(request.body), {
      tokenUrl: this.tokenUrl,
      accounts: this.accounts,
      users: this.users,
      now: this.now(),
      issue: (issued) => {
        const token = `ya29.fake-${crypto.randomUUID()}`;
        this.tokens.set(token, { token, ...issued });
        return token;
      },
    });
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
  }

  /** Revoke every token issued so far (as if the admin removed the delegation). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The unexpired token a request carries, if any. */
  private issuedToken(headers: Headers): IssuedToken | undefined {
    const token = /^Bearer (.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    const issued = token ? this.tokens.get(token) : undefined;
    return issued && issued.expiresAt >= this.now() ? issued : undefined;
  }

  private authenticate(headers: Headers, api: 'drive' | 'docs'): string {
    const issued = this.issuedToken(headers);
    if (!issued) {
      const message = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
      throw api === 'docs' ? docsError(401, message) : driveError(401, 'authError', message, 'Authorization');
    }
    const needed = api === 'docs' ? ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/drive'] : ['https://www.googleapis.com/auth/drive'];
    if (!issued.scopes.some((scope) => needed.includes(scope))) throw driveError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    return issued.subject;
  }
}

/** JSON, or multipart/related (metadata + media) as the Node client uploads it. */
function parseBody(request: FakeRequest): { body: Record<string, unknown>; media?: { mimeType: string; text: string } } {
  const type = request.headers.get('content-type') ?? '';
  if (!request.body) return { body: {} };
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (type.startsWith('multipart/related') && boundary) {
    const parts = request.body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => {
        const split = part.indexOf('\r\n\r\n');
        const headers = part.slice(0, split);
        return { type: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? '', text: part.slice(split + 4).replace(/\r\n$/, '') };
      });
    const [metadata, media] = parts;
    if (!metadata || !media) throw driveError(400, 'badContent', 'Multipart upload needs metadata and media parts');
    return { body: JSON.parse(metadata.text) as Record<string, unknown>, media: { mimeType: media.type, text: media.text } };
  }
  if (type.includes('json')) {
    try {
      return { body: JSON.parse(request.body) as Record<string, unknown> };
    } catch {
      throw driveError(400, 'parseError', 'Parse Error');
    }
  }
  return { body: {}, media: { mimeType: type, text: request.body } };
}
