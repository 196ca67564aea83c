/**
 * Notion poll cost: 1000 plans, 10 edited since the last cycle. A cycle that asks the data source
 * what changed (one query filtered on last_edited_time) and reads only those pages, against a
 * naive cycle that re-reads every page. Requests go through @notionhq/client and the provider's
 * 3 requests/s limiter into the stateful fake; time is a virtual clock, so "wall time" is the time
 * the limiter (Notion's rate limit) would impose on a real run, not the seconds this script takes.
 */
import { readFileSync } from 'node:fs';
import { notionProvider } from '../../service/src/providers/notion/index.js';
import { toBatches, toNotionBlocks } from '../../service/src/providers/notion/blocks/to-blocks.js';
import type { DocRef } from '../../service/src/providers/types.js';
import { loadTemplate, renderPlan } from '../../service/src/templates/template.js';
import { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, PEOPLE, seedWorkspace, ui, VirtualClock } from '../fakes/notion/index.js';
import { samplePlan } from '../support/sample-plan.js';

const PLANS = 1000;
const CHANGED = 10;

const template = loadTemplate('coaching-plan', readFileSync(new URL('../../templates/coaching-plan.md', import.meta.url), 'utf8'));
const parties = {
  teamMember: { email: PEOPLE.ana.email, name: 'Ana' },
  manager: { email: PEOPLE.ben.email, name: 'Ben' },
  managersManager: { email: PEOPLE.cy.email, name: 'Cy' },
  hr: { email: PEOPLE.hr.email, name: 'Hanna' },
  stage: 'shared' as const,
};
const rendered = renderPlan(
  template,
  samplePlan({
    ...parties,
    activities: [
      { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10' },
      { title: 'Write a weekly update draft', owner: 'Ana', due: '2026-12-15' },
      { title: 'Present at the team meeting', owner: 'Ana', due: '2026-12-20' },
    ],
    provider: 'notion',
  }),
);

function setup() {
  const clock = new VirtualClock();
  const fake = new NotionFake({ clock });
  const { dataSourceId, users } = seedWorkspace(fake.state);
  const provider = notionProvider({
    token: FAKE_TOKEN,
    dataSourceId,
    baseUrl: FAKE_BASE_URL,
    clock,
    fetch: (input, init) => fake.fetch(new Request(input, init)),
  });
  return { clock, fake, provider, dataSourceId, users };
}

type Env = ReturnType<typeof setup>;

/** Plans written straight into the fake's state (setting up is not what we measure). */
function seedPlans(env: Env): DocRef[] {
  const blocks = toNotionBlocks(rendered.document, rendered.title);
  const [first = [], ...rest] = toBatches(blocks);
  const person = (id: string) => ({ people: [{ id }] });
  return Array.from({ length: PLANS }, (_, i) => {
    const page = env.fake.state.createPage({
      parent: { data_source_id: env.dataSourceId },
      properties: {
        Name: { title: [{ text: { content: `${rendered.title} #${i}` } }] },
        'Team member': person(env.users.ana.id),
        Manager: person(env.users.ben.id),
        "Manager's manager": person(env.users.cy.id),
        HR: person(env.users.hr.id),
        Start: { date: { start: '2026-12-01' } },
        End: { date: { start: '2026-12-31' } },
        Status: { select: { name: 'Active' } },
      },
      children: first,
    });
    for (const batch of rest) env.fake.state.insertBlocks(page.id, page.id, batch);
    return { planId: `plan-${i}`, docId: page.id };
  });
}

async function measure(env: Env, run: () => Promise<void>) {
  const requests = env.fake.log.length;
  const start = env.clock.now();
  const cpu = performance.now();
  await run();
  return {
    requests: env.fake.log.length - requests,
    seconds: (env.clock.now() - start) / 1000,
    cpuMs: performance.now() - cpu,
    refused: env.fake.requests({ status: 429 }).length,
  };
}

async function readAndCheck(env: Env, ref: DocRef) {
  await env.provider.readDocument(ref);
  await env.provider.enforceSharing(ref, parties, async () => {});
}

export default async function notionPollBench(): Promise<void> {
  const env = setup();
  const docs = seedPlans(env);
  env.clock.advance(60 * 60_000);
  let cursor = (await env.provider.detectChanges(null, docs)).cursor;
  env.clock.advance(5 * 60_000);
  const quiet = await measure(env, async () => {
    cursor = (await env.provider.detectChanges(cursor, docs)).cursor;
  });

  env.clock.advance(5 * 60_000);
  for (const ref of docs.slice(0, CHANGED)) ui.addTableRow(env.fake.state, ref.docId, 'Date', [{ date: '2026-12-08' }, 'Weekly update sent', 'Ana']);
  env.clock.advance(5 * 60_000);
  let found = 0;
  const changedOnly = await measure(env, async () => {
    const changes = await env.provider.detectChanges(cursor, docs);
    cursor = changes.cursor;
    const changed = changes.changed === 'all' ? docs : docs.filter((d) => (changes.changed as string[]).includes(d.docId));
    found = changed.length;
    for (const ref of changed) await readAndCheck(env, ref);
  });
  // The same cycle when the workspace's other integrations have spent its shared budget: Notion's
  // per-workspace limit answers 429 with a Retry-After to the end of its window, which is waited out.
  env.clock.advance(5 * 60_000);
  for (const ref of docs.slice(0, CHANGED)) ui.addTableRow(env.fake.state, ref.docId, 'Date', [{ date: '2026-12-09' }, 'Weekly update sent', 'Ana']);
  env.clock.advance(5 * 60_000);
  env.fake.workspaceLimiter.elsewhere(1000);
  const workspaceBusy = await measure(env, async () => {
    const changes = await env.provider.detectChanges(cursor, docs);
    cursor = changes.cursor;
    const changed = changes.changed === 'all' ? docs : docs.filter((d) => (changes.changed as string[]).includes(d.docId));
    for (const ref of changed) await readAndCheck(env, ref);
  });
  env.clock.advance(5 * 60_000);
  const naive = await measure(env, async () => {
    for (const ref of docs) await readAndCheck(env, ref);
  });

  // The slower sweep (SHARING_SWEEP_SECONDS): every plan's sharing checked, nothing read.
  env.clock.advance(5 * 60_000);
  const sweep = await measure(env, async () => {
    cursor = (await env.provider.detectChanges(cursor, docs)).cursor;
    for (const ref of docs) await env.provider.enforceSharing(ref, parties, async () => {});
  });

  const creates = setup();
  const createOne = (i: number) =>
    creates.provider.createDocument({
      planId: `new-${i}`,
      title: rendered.title,
      parties,
      startDate: '2026-12-01',
      endDate: '2026-12-31',
      document: rendered.document,
      markdown: rendered.markdown,
      placeholders: rendered.placeholders,
      checkpoint: {},
      saveCheckpoint: async () => {},
      audit: async () => {},
    });
  const firstCreate = await measure(creates, () => createOne(0).then(() => {}));
  const create = await measure(creates, async () => {
    for (let i = 1; i <= 5; i++) await createOne(i);
  });
  const blocks = toNotionBlocks(rendered.document, rendered.title).length;

  const row = (name: string, r: Awaited<ReturnType<typeof measure>>, per = 1) =>
    `| ${name} | ${(r.requests / per).toFixed(per > 1 ? 1 : 0)} | ${(r.seconds / per).toFixed(1)} s | ${(r.cpuMs / per).toFixed(0)} ms |`;
  console.log(
    `${PLANS} plans, ${CHANGED} edited (${found} found); client limiter 3 req/s (burst 3). The fake's quotas are on: 429 above 3 req/s a connection (burst 10) and above 1,000 requests a 5-minute window for the whole workspace.`,
  );
  console.log('Virtual wall time = the time the rate limit imposes on a real run (virtual clock); CPU = this machine, fake in-process.\n');
  console.log('| cycle | requests | wall time (virtual) | CPU |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(row('nothing changed: one change query', quiet));
  console.log(row(`${CHANGED} changed: query + read and check those`, changedOnly));
  console.log(row(`${CHANGED} changed, the workspace's budget spent by other integrations`, workspaceBusy));
  console.log(row(`naive: read and check all ${PLANS}`, naive));
  console.log(`| ratio naive / changed-only | ${(naive.requests / changedOnly.requests).toFixed(0)}x | ${(naive.seconds / Math.max(changedOnly.seconds, 0.001)).toFixed(0)}x | |`);
  console.log(row(`sharing sweep: query + check all ${PLANS} (no reads)`, sweep));
  console.log(row(`create a plan (${blocks} blocks), first: users and schema not yet cached`, firstCreate));
  console.log(row('create a plan, next ones (mean of 5)', create, 5));
  console.log(`\nrequests refused with 429 during the whole run: ${env.fake.requests({ status: 429 }).length + creates.fake.requests({ status: 429 }).length}`);
}
