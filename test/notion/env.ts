import { readFileSync } from 'node:fs';
import type { AuditInput } from '../../service/src/domain/audit.js';
import type { PlanInput } from '../../service/src/domain/plan-schema.js';
import { notionProvider, type NotionProviderOptions } from '../../service/src/providers/notion/index.js';
import type { CreateDocumentInput } from '../../service/src/providers/types.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { documentRequest } from '../../service/src/plans/create-plan.js';
import type { SetupServer } from 'msw/node';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, PEOPLE, notionHandlers, seedWorkspace, VirtualClock, type NotionFakeOptions, type SeedOptions } from '../fakes/notion/index.js';
import { samplePlan } from '../support/sample-plan.js';
import { makeTestService } from '../support/app.js';

/** A fake workspace on a virtual clock and a provider pointed at it (through msw: add notionHandlers(env.fake)). */
export function notionEnv(options: { fake?: NotionFakeOptions; seed?: SeedOptions; provider?: Partial<NotionProviderOptions> } = {}) {
  const clock = new VirtualClock();
  const fake = new NotionFake({ clock, ...options.fake });
  const seeded = seedWorkspace(fake.state, options.seed);
  const provider = notionProvider({
    token: FAKE_TOKEN,
    dataSourceId: seeded.dataSourceId,
    baseUrl: FAKE_BASE_URL,
    clock,
    // The SDK's own retry would sleep in real time; ours (on the virtual clock) comes first.
    retry: { maxRetries: 1, initialRetryDelayMs: 1, maxRetryDelayMs: 1 },
    ...options.provider,
  });
  return { clock, fake, provider, ...seeded };
}

/** notionEnv, answered by this msw server. */
export function servedNotionEnv(server: SetupServer, ...args: Parameters<typeof notionEnv>) {
  const env = notionEnv(...args);
  server.use(...notionHandlers(env.fake));
  return env;
}

export const TEMPLATE = loadTemplate('coaching-plan', readFileSync(new URL('../../templates/coaching-plan.md', import.meta.url), 'utf8'));

export function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return samplePlan({
    hr: { email: PEOPLE.hr.email, name: 'Hanna' },
    currentState: 'Status updates are irregular and stakeholders ask for news.',
    goalState: 'By 2026-12-31, send a weekly written update that stakeholders rate useful.',
    activities: [
      { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10' },
      { title: 'Write a weekly update draft', owner: 'Ana', due: '2026-12-15' },
    ],
    supportAssets: 'Weekly 1:1, writing course budget',
    provider: 'notion',
    ...overrides,
  });
}

/** A create request as the core makes it, with a checkpoint store and an audit log to inspect. */
export function createInput(plan: PlanInput = planInput(), planId = 'plan-1') {
  const audit: AuditInput[] = [];
  const checkpoints: Record<string, unknown>[] = [];
  const input: CreateDocumentInput = {
    ...documentRequest(TEMPLATE, plan, planId),
    checkpoint: {},
    saveCheckpoint: async (checkpoint) => {
      checkpoints.push(checkpoint);
    },
    audit: async (event) => {
      audit.push(event);
    },
  };
  return { input, audit, checkpoints, plan };
}

/** A page's text as the fake holds it: every block's rich text (table rows as cells joined by " | "), a line each. */
export function pageText(state: NotionFake['state'], blockId: string): string {
  const plain = (items: unknown) => (items as { plain_text: string }[]).map((t) => t.plain_text).join('');
  const lines: string[] = [];
  for (const id of state.children.get(blockId) ?? []) {
    const block = state.blocks.get(id)!;
    if (Array.isArray(block.content.rich_text)) lines.push(plain(block.content.rich_text));
    if (Array.isArray(block.content.cells)) lines.push((block.content.cells as unknown[]).map(plain).join(' | '));
    const inner = pageText(state, id);
    if (inner) lines.push(inner);
  }
  return lines.join('\n');
}

/** Each Person property of a plan page as the emails it holds. */
export function peopleOnPage(state: NotionFake['state'], pageId: string): Record<string, string[]> {
  const page = state.pages.get(pageId)!;
  const out: Record<string, string[]> = {};
  for (const name of ['Team member', 'Manager', "Manager's manager", 'HR']) {
    const value = page.properties[name];
    if (value?.type !== 'people') throw new Error(`${name} is not a people property`);
    out[name] = (value.people as { id: string }[]).map((p) => state.users.get(p.id)?.email ?? p.id);
  }
  return out;
}
/** A draft's Person properties: the team member's is empty. */
export const THREE = { 'Team member': [], Manager: ['ben@acme.test'], "Manager's manager": ['cy@acme.test'], HR: ['hr@acme.test'] };
export const FOUR = { ...THREE, 'Team member': ['ana@acme.test'] };

/**
 * The service in process, its Notion provider this env's (on the fake's virtual clock, so the rate
 * limiter does not wait in real time); `env` adds settings.
 */
export function serviceOnNotion(notion: ReturnType<typeof notionEnv>, env: Record<string, string> = {}) {
  return makeTestService({ PROVIDER: 'notion', NOTION_TOKEN: 'secret_for_config_only', NOTION_DATA_SOURCE_ID: notion.dataSourceId, ...env }, (deps) => {
    deps.providers.notion = notion.provider;
  });
}

/** For `serviceEachTest` (test/support/each-test.ts): a seeded Notion fake served by msw, and the service on it. */
export async function startOnNotion(server: SetupServer): Promise<{ world: ReturnType<typeof notionEnv>; service: Awaited<ReturnType<typeof serviceOnNotion>> }> {
  const world = notionEnv();
  server.use(...notionHandlers(world.fake));
  return { world, service: await serviceOnNotion(world) };
}
