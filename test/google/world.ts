import type { SetupServer } from 'msw/node';
import { loadConfig } from '../../service/src/config.js';
import type { AuditInput } from '../../service/src/domain/audit.js';
import type { PlanInput } from '../../service/src/domain/plan-schema.js';
import { googleOptionsFromConfig, googleProvider, type GoogleProviderOptions } from '../../service/src/providers/google/index.js';
import type { CreateDocumentInput } from '../../service/src/providers/types.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { documentRequest } from '../../service/src/plans/create-plan.js';
import { GoogleFake } from '../fakes/google/fake.js';
import { setUpWorkspace } from '../fakes/google/workspace.js';
import { googleHandlers } from '../fakes/google/msw.js';
import { markdownToNodes } from '../fakes/google/docs-model.js';
import { readFileSync } from 'node:fs';
import { samplePlan } from '../support/sample-plan.js';
import { makeTestService, type TestServiceOptions } from '../support/app.js';

export const OWNER = 'plans@acme.test';
export const PARTIES = {
  teamMember: { email: 'ana@acme.test', name: 'Ana' },
  manager: { email: 'ben@acme.test', name: 'Ben' },
  managersManager: { email: 'cy@acme.test', name: 'Cy' },
  hr: { email: 'hr@acme.test', name: 'HR' },
};

const templateMarkdown = readFileSync(new URL('../../templates/coaching-plan.md', import.meta.url), 'utf8');

export const PLAN: PlanInput = samplePlan({
  ...PARTIES,
  currentState: 'Status updates are irregular and arrive after decisions are made.',
  goalState: 'By 2026-12-31, send a weekly written update that stakeholders rate useful.',
  activities: [
    { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10' },
    { title: 'Write the first weekly update', owner: 'Ana', due: '2026-12-08' },
    { title: 'Writing course', owner: 'Ben', due: '2026-12-20' },
  ],
  supportAssets: 'Weekly 1:1, writing course budget',
  provider: 'google',
});

/** A template Google Doc as an admin would write it: the repo template's text, placeholders kept. */
export function templateDocNodes() {
  return markdownToNodes(templateMarkdown);
}

export interface World {
  fake: GoogleFake;
  folderId: string;
  options: GoogleProviderOptions;
  provider: ReturnType<typeof googleProvider>;
  audit: AuditInput[];
  env: Record<string, string>;
  /** A createDocument input for PLAN with an in-memory checkpoint store. */
  input(overrides?: Partial<CreateDocumentInput>): CreateDocumentInput & { saved: Record<string, unknown>[] };
}

/**
 * A Workspace in the fake (the owner, the four, a service account with delegation, a private plans
 * folder), served through msw, and a Google provider configured from environment variables.
 */
export async function googleWorld(server: SetupServer, setup: { template?: boolean; env?: Record<string, string>; options?: Partial<GoogleProviderOptions> } = {}): Promise<World> {
  const fake = new GoogleFake({ apiRootUrl: 'https://drive.fake.test/', docsRootUrl: 'https://docs.fake.test/', tokenUrl: 'https://oauth.fake.test/token' });
  const workspace = await setUpWorkspace(fake, { owner: OWNER, users: Object.values(PARTIES).map((p) => p.email) });
  const env: Record<string, string> = { ...workspace.env, ...setup.env };
  const folder = { id: workspace.folderId };
  if (setup.template) env['GOOGLE_TEMPLATE_DOC_ID'] = fake.addDocument('Coaching plan template', OWNER, templateDocNodes()).id;
  server.use(...googleHandlers(fake));
  const options: GoogleProviderOptions = { ...googleOptionsFromConfig(loadConfig(env))!, sleep: async () => {}, random: () => 0.5, timeoutMs: 5000, ...setup.options };
  const provider = googleProvider(options);
  const audit: AuditInput[] = [];
  const request = documentRequest(loadTemplate('default', templateMarkdown), PLAN, 'plan-1');
  return {
    fake,
    folderId: folder.id,
    options,
    provider,
    audit,
    env,
    input(overrides = {}) {
      const saved: Record<string, unknown>[] = [];
      return {
        ...request,
        checkpoint: {},
        saveCheckpoint: async (checkpoint) => {
          saved.push(checkpoint);
        },
        audit: async (event) => {
          audit.push(event);
        },
        saved,
        ...overrides,
      };
    },
  };
}

/** The plan documents in the folder that are not trashed. */
export function liveDocs(world: World) {
  return [...world.fake.state.files.values()].filter((f) => f.parents.includes(world.folderId) && !f.trashed);
}

/** Grants on a file as `email:role` (anyone/domain by type), owner included. */
export function grants(world: World, fileId: string): string[] {
  const file = world.fake.state.get(fileId);
  return world.fake.state
    .effectivePermissions(file)
    .map((p) => `${p.emailAddress ?? p.domain ?? p.type}:${p.role}`)
    .sort();
}

export const FOUR_AND_OWNER = ['ana@acme.test:writer', 'ben@acme.test:writer', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort();
/** A draft's grants: the four but the team member, and the owner. */
export const THREE_AND_OWNER = FOUR_AND_OWNER.filter((grant) => !grant.startsWith('ana@'));

/** The service in process, its Google provider this world's (against the fake); `env` adds settings. */
export function serviceOnGoogle(world: World, env: Record<string, string> = {}, options?: TestServiceOptions) {
  return makeTestService(
    { ...world.env, PROVIDER: 'google', ...env },
    (deps) => {
      deps.providers.google = world.provider;
    },
    options,
  );
}

/** For `serviceEachTest` (test/support/each-test.ts): a Workspace in the fake and the service on it. */
export async function startOnGoogle(server: SetupServer): Promise<{ world: World; service: Awaited<ReturnType<typeof serviceOnGoogle>> }> {
  const world = await googleWorld(server);
  return { world, service: await serviceOnGoogle(world) };
}
