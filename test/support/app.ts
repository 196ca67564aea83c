/**
 * The service in-process: the real app, a SQLite store in memory, the local provider in a temp
 * folder, and six people with tokens. For tests that exercise every route quickly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testClient } from 'hono/testing';
import { loadConfig } from '../../service/src/config.js';
import { createApp } from '../../service/src/http/app.js';
import { fileBlobs } from '../../service/src/providers/local/file-blobs.js';
import { localProvider } from '../../service/src/providers/local/index.js';
import type { ReminderChannel } from '../../service/src/reminders/channels.js';
import { composeService } from '../../service/src/runtime/compose.js';
import { openSqliteStore } from '../../service/src/store/sqlite.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { type Answer, type AnswerBody, readAnswer } from './answer.js';

export const PEOPLE = {
  hr: { email: 'hr@acme.test', name: 'Hana HR', token: 'token-hr-0123456789' },
  manager: { email: 'ben@acme.test', name: 'Ben', token: 'token-ben-0123456789' },
  managersManager: { email: 'cy@acme.test', name: 'Cy', token: 'token-cy-0123456789' },
  teamMember: { email: 'ana@acme.test', name: 'Ana', token: 'token-ana-0123456789' },
  otherManager: { email: 'dan@acme.test', name: 'Dan', token: 'token-dan-0123456789' },
  stranger: { email: 'eve@acme.test', name: 'Eve', token: 'token-eve-0123456789' },
} as const;
export type Person = keyof typeof PEOPLE;

export const API_TOKENS = Object.values(PEOPLE)
  .map((p) => `${p.email}=${p.token}`)
  .join(',');

const templatePath = resolve(import.meta.dirname, '../../templates/coaching-plan.md');

/** A valid create body (docs/api.md's example), dated around `start`. */
export function planBody(start: string, overrides: Record<string, unknown> = {}) {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    teamMember: { email: PEOPLE.teamMember.email, name: 'Ana' },
    manager: { email: PEOPLE.manager.email, name: 'Ben' },
    managersManager: { email: PEOPLE.managersManager.email, name: 'Cy' },
    hr: { email: PEOPLE.hr.email, name: 'Hana HR' },
    developmentArea: 'Stakeholder communication',
    currentState: 'Status updates are irregular and stakeholders learn about slips late.',
    goalState: 'Within 30 days, send a weekly written update to stakeholders every Friday.',
    activities: [
      { title: 'Shadow two customer calls', owner: 'Ana', due: start },
      { title: 'Draft a status update template', owner: 'Ana' },
    ],
    supportAssets: 'Weekly 1:1, writing course budget',
    updateCadenceDays: 7,
    startDate: start,
    endDate: end,
    ...overrides,
  };
}

export function isoToday(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export interface TestServiceOptions {
  /** The service's clock (a test moves it); the real one when not given. */
  now?: () => Date;
  /** Keep the database and documents in this folder, as a file, so a second service can open them (a restart); it is not removed on close. */
  dataDir?: string;
  /** Channels the runtime adds (SMTP on Node). */
  reminderChannels?: ReminderChannel[];
}

/**
 * `adjust` runs after wiring and before the app is built: tests swap in a provider pointed at a fake
 * (e.g. one on a virtual clock).
 */
export async function makeTestService(env: Record<string, string> = {}, adjust?: (deps: ReturnType<typeof composeService>) => void, options: TestServiceOptions = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'coaching-app-'));
  const config = loadConfig({ API_TOKENS, HR_EMAILS: PEOPLE.hr.email, DATA_DIR: dataDir, ...env });
  const store = await openSqliteStore({ file: options.dataDir ? join(dataDir, 'coaching-plans.sqlite') : ':memory:' });
  const logs: string[] = [];
  const deps = composeService({
    config,
    store,
    template: loadTemplate('default', readFileSync(templatePath, 'utf8')),
    runtime: { local: localProvider({ blobs: fileBlobs(join(dataDir, 'documents')), publicUrl: config.PUBLIC_URL }) },
    sessionSecret: 'test-secret-test-secret-test-secret!',
    log: (message) => logs.push(message),
    ...(options.now ? { now: options.now } : {}),
    ...(options.reminderChannels ? { reminderChannels: options.reminderChannels } : {}),
  });
  adjust?.(deps);
  const app = createApp(deps);

  /** One request as `as` (their API token); `json` is typed as the route's answer (answer.ts). */
  async function call<Method extends string, Path extends string>(
    method: Method,
    path: Path,
    options: { as?: Person; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<AnswerBody<Method, Path>>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${PEOPLE[options.as].token}`;
    if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    return readAnswer(await app.request(path, { method, headers, body }));
  }

  /**
   * hono's typed client on the app, as `as` (their API token): requests and answers typed from the
   * routes (AppType), e.g. `client('hr').api.plans[':id'].$get({ param: { id } })`. For bodies the
   * types would refuse (bad input on purpose), `call`.
   */
  const client = (as?: Person) => testClient(app, undefined, undefined, as ? { headers: { authorization: `Bearer ${PEOPLE[as].token}` } } : {});

  return {
    app,
    deps,
    store,
    dataDir,
    logs,
    call,
    client,
    async close() {
      await store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type TestService = Awaited<ReturnType<typeof makeTestService>>;
