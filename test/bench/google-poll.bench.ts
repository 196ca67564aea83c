/**
 * Google poll cost: 1000 plan documents in the fake, 10 edited since the last cycle. A cycle asks the
 * change feed once and reads only what changed; the naive alternative reads every document. Also the
 * API calls one create makes, for both ways of creating (import the repo template, copy a template Doc).
 */
import { setupServer } from 'msw/node';
import { googleDocToModel, DOCUMENT_FIELDS } from '../../service/src/providers/google/convert.js';
import { createGoogleApi } from '../../service/src/providers/google/client.js';
import { markdownToNodes } from '../fakes/google/docs-model.js';
import { googleWorld, OWNER, PARTIES } from '../google/world.js';

const PLANS = 1000;
const CHANGED = 10;

export default async function googlePollBench(): Promise<void> {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await pollCycle(server);
    await createCost(server);
  } finally {
    server.close();
  }
}

async function pollCycle(server: ReturnType<typeof setupServer>) {
  const world = await googleWorld(server);
  const nodes = markdownToNodes(world.input().markdown);
  const docs = Array.from({ length: PLANS }, (_, i) => {
    const file = world.fake.addDocument(`Coaching plan: Person ${i}, Dec 2026`, OWNER, structuredClone(nodes), [world.folderId]);
    for (const party of Object.values(PARTIES)) world.fake.share(file.id, { type: 'user', role: 'writer', emailAddress: party.email });
    return { planId: `plan-${i}`, docId: file.id };
  });
  let cursor = '';
  const first = await measureOn(world, async () => {
    const changes = await world.provider.detectChanges(null, docs);
    cursor = changes.cursor;
    for (const doc of docs) await world.provider.readDocument(doc);
  });
  for (const doc of docs.slice(0, PLANS).filter((_, i) => i % (PLANS / CHANGED) === 0)) {
    world.fake.editDocument(doc.docId, (n) => n.push({ kind: 'paragraph', text: 'edited', style: 'NORMAL_TEXT' }));
  }

  const measure = (run: () => Promise<unknown>) => measureOn(world, run);
  let next = cursor;
  const smart = await measure(async () => {
    const changes = await world.provider.detectChanges(cursor, docs);
    next = changes.cursor;
    const changed = changes.changed === 'all' ? docs : docs.filter((d) => (changes.changed as string[]).includes(d.docId));
    if (changed.length !== CHANGED) throw new Error(`expected ${CHANGED} changed, got ${changed.length}`);
    for (const doc of changed) await world.provider.readDocument(doc);
  });
  const quiet = await measure(() => world.provider.detectChanges(next, docs));
  const api = createGoogleApi(world.options);
  const naive = await measure(async () => {
    for (const doc of docs) {
      googleDocToModel(await api.call('documents.get', (o) => api.docs.documents.get({ documentId: doc.docId, includeTabsContent: true, fields: DOCUMENT_FIELDS }, o)));
    }
  });

  console.log(`${PLANS} plan documents, ${CHANGED} edited since the last cycle (one run, in-process fake over msw):\n`);
  console.log('| cycle | requests | wall time | ratio vs naive (requests / time) |');
  console.log('| --- | ---: | ---: | ---: |');
  const row = (name: string, m: { requests: number; ms: number }) =>
    console.log(`| ${name} | ${m.requests} | ${m.ms.toFixed(0)} ms | ${(naive.requests / Math.max(1, m.requests)).toFixed(0)}x / ${(naive.ms / m.ms).toFixed(0)}x |`);
  row('changes.list + read the 10 changed', smart);
  row('changes.list, nothing changed', quiet);
  console.log(`| naive: documents.get for all ${PLANS} (+1 token request) | ${naive.requests} | ${naive.ms.toFixed(0)} ms | 1x |`);
  console.log(`| first cycle (no cursor): start token + files.list + read all ${PLANS} | ${first.requests} | ${first.ms.toFixed(0)} ms | - |`);
  console.log('\nThe poller also checks sharing of each document it reads: files.get + permissions.list, 2 requests a document.');
  console.log('Against Google, reads are quota-bound: Docs allows 300 reads a minute per user, so the naive cycle alone needs 3+ minutes.');
}

async function measureOn(world: { fake: { log: unknown[] } }, run: () => Promise<unknown>) {
  const before = world.fake.log.length;
  const started = performance.now();
  await run();
  return { requests: world.fake.log.length - before, ms: performance.now() - started };
}

async function createCost(server: ReturnType<typeof setupServer>) {
  console.log('\nAPI calls per create (the first includes the one token request):\n');
  console.log('| create from | requests | by method |');
  console.log('| --- | ---: | --- |');
  for (const template of [false, true]) {
    const world = await googleWorld(server, { template });
    const before = world.fake.log.length;
    const started = performance.now();
    await world.provider.createDocument(world.input());
    const ms = performance.now() - started;
    const counts = world.fake.counts(before);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const detail = Object.entries(counts).map(([method, n]) => `${method.replace(/^drive\.|^docs\./, '')} ${n}`).join(', ');
    console.log(`| ${template ? 'template Google Doc (files.copy + replaceAllText)' : 'repo template (Markdown import)'} | ${total} | ${detail}; ${ms.toFixed(0)} ms |`);
  }
}
