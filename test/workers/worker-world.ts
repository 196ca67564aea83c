/**
 * One `wrangler dev` for every workerd end-to-end case (starting it is the slow part): the worker
 * configured for Google, Notion and local documents at once, the Google and Notion fakes as local
 * HTTP servers it reaches over the network, as a deployment reaches Google and Notion.
 */
import { signWebhookPayload } from '@notionhq/client';
import { startGoogleFakeServer } from '../fakes/google/http-server.js';
import { setUpWorkspace } from '../fakes/google/workspace.js';
import { startNotionFakeServer } from '../fakes/notion/http-server.js';
import { FAKE_TOKEN, seedWorkspace } from '../fakes/notion/index.js';
import { type Answer, type AnswerBody, readAnswer } from '../support/answer.js';
import { API_TOKENS, PEOPLE } from '../support/app.js';
import { type WorkerDev, startWorkerDev } from '../support/wrangler.js';

export const BUDGET = 20;
export const GOOGLE_OWNER = 'plans@acme.test';
export const WEBHOOK_TOKEN = 'secret_worker_webhook_verification_token';
/** Drive opens channels only to https addresses: the worker's public name; the fake delivers to its http address instead. */
export const PUBLIC_URL = 'https://coaching.worker.test';

export interface WorkerWorld {
  worker: WorkerDev;
  google: Awaited<ReturnType<typeof startGoogleFakeServer>>;
  googleFolderId: string;
  notion: Awaited<ReturnType<typeof startNotionFakeServer>>;
  /** WORKER_SUBREQUEST_BUDGET: the most provider requests one invocation may send. */
  budget: number;
  stop(): Promise<void>;
}

/** `notifications`: an https PUBLIC_URL, so the cron opens a Drive channel and Drive notifies the worker. */
export async function startWorkerWorld(options: { budget?: number; notifications?: boolean } = {}): Promise<WorkerWorld> {
  const budget = options.budget ?? BUDGET;
  const notion = await startNotionFakeServer();
  const google = await startGoogleFakeServer();
  const { dataSourceId } = seedWorkspace(notion.fake.state);
  const people = Object.values(PEOPLE).map((person) => person.email);
  const workspace = await setUpWorkspace(google.fake, { owner: GOOGLE_OWNER, users: people });
  const stopFakes = async () => {
    await notion.close();
    await google.close();
  };
  let worker: WorkerDev;
  try {
    worker = await startWorkerDev({
      SESSION_SECRET: 'worker-test-secret-worker-test-secret!',
      API_TOKENS,
      HR_EMAILS: PEOPLE.hr.email,
      NOTION_TOKEN: FAKE_TOKEN,
      NOTION_DATA_SOURCE_ID: dataSourceId,
      NOTION_BASE_URL: notion.origin,
      NOTION_WEBHOOK_VERIFICATION_TOKEN: WEBHOOK_TOKEN,
      ...workspace.env,
      WORKER_SUBREQUEST_BUDGET: String(budget),
      ...(options.notifications ? { PUBLIC_URL } : {}),
    });
  } catch (error) {
    await stopFakes();
    throw error;
  }
  // Drive delivers to PUBLIC_URL/webhooks/google; here that name is the local worker (push.allowHttp stays off).
  google.fake.push.deliver = (request) => fetch(new Request(request.url.replace(PUBLIC_URL, worker.url), request));
  return {
    worker,
    google,
    googleFolderId: workspace.folderId,
    notion,
    budget,
    stop: async () => {
      await worker.stop();
      await stopFakes();
    },
  };
}

export type { Answer };

/** One request to the worker, as a person (their API token) or anonymously; `json` is typed as the route's answer (test/support/answer.ts). */
export async function call<Method extends string, Path extends string>(
  world: WorkerWorld,
  method: Method,
  path: Path,
  options: { as?: keyof typeof PEOPLE; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<AnswerBody<Method, Path>>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${PEOPLE[options.as].token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return readAnswer(await fetch(`${world.worker.url}${path}`, { method, headers, body }));
}

/** A Notion webhook delivery, signed with `token` as Notion signs it (X-Notion-Signature). */
export async function deliverNotionEvent(world: WorkerWorld, event: Record<string, unknown>, token = WEBHOOK_TOKEN): Promise<Answer> {
  const body = JSON.stringify({ timestamp: new Date().toISOString(), ...event });
  const signature = await signWebhookPayload({ body, verificationToken: token });
  return call(world, 'POST', '/webhooks/notion', { body, headers: { 'x-notion-signature': signature } });
}

/** Ask again until `check` holds (work the worker does after answering, under waitUntil). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** What the worker prints when the cycle a webhook delivery started has finished (poller/webhook-cycles.ts). */
const WEBHOOK_CYCLE_DONE = /\[poller\] after a webhook: /g;

/**
 * Wait until the cycles of the first `deliveries` accepted webhook deliveries have finished, as the
 * worker reports it, so that work left running under waitUntil is not counted in the next case's
 * per-invocation figures.
 */
export async function webhookCyclesDone(world: WorkerWorld, deliveries: number): Promise<void> {
  await world.worker.waitForOutput((output) => (output.match(WEBHOOK_CYCLE_DONE)?.length ?? 0) >= deliveries);
}
