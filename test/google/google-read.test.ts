import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { googleProvider } from '../../service/src/providers/google/index.js';
import type { DocNode } from '../fakes/google/docs-model.js';
import { googleWorld, PLAN } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const parseOptions = { dateOrder: 'DMY' as const, planStartDate: PLAN.startDate };

function table(nodes: DocNode[], firstHeader: string) {
  const found = nodes.find((n): n is Extract<DocNode, { kind: 'table' }> => n.kind === 'table' && n.rows[0]?.[0] === firstHeader);
  if (!found) throw new Error(`no table starting with ${firstHeader}`);
  return found;
}

describe('Google provider: reading progress people wrote', () => {
  it('reads status changes and progress rows through typical edits', async () => {
    const world = await googleWorld(server);
    const { docId } = await world.provider.createDocument(world.input());
    world.fake.editDocument(docId, (nodes) => {
      const activities = table(nodes, 'Activity');
      activities.rows[1]![3] = 'Done';
      activities.rows[2]![3] = 'In progress';
      activities.rows.push(['Present at the team meeting', 'Ana', '2026-12-18', 'Not started']);
      const log = table(nodes, 'Date');
      log.rows.push(['2026-12-08', 'Sent the first weekly update\u000bStakeholders replied the same day', 'Ana']);
      log.rows.push(['15 Dec 2026', 'Second update, shorter', 'Ana']);
      log.rows.push(['', '', '']);
      // A heading renamed and a note added in between, as people do.
      const heading = nodes.find((n) => n.kind === 'paragraph' && n.text === 'Progress log');
      if (heading?.kind === 'paragraph') heading.text = 'Progress log (weekly)';
      nodes.push({ kind: 'paragraph', text: 'Ben: great start, keep it up.', style: 'NORMAL_TEXT' });
    });

    const model = await world.provider.readDocument({ planId: 'plan-1', docId });
    expect(model.title).toBe('Coaching plan: Ana, Dec 2026');
    expect(model.blocks).toContainEqual({ type: 'heading', level: 2, text: 'Progress log (weekly)' });
    const parsed = parsePlanDocument(model, parseOptions);
    expect(parsed.activities.map((a) => [a.title, a.status])).toEqual([
      ['Shadow two customer calls', 'done'],
      ['Write the first weekly update', 'in_progress'],
      ['Writing course', 'not_started'],
      ['Present at the team meeting', 'not_started'],
    ]);
    expect(parsed.progressEntries.map((e) => [e.date, e.text, e.by])).toEqual([
      ['2026-12-08', 'Sent the first weekly update\nStakeholders replied the same day', 'Ana'],
      ['2026-12-15', 'Second update, shorter', 'Ana'],
    ]);
  });

  it('reads a second tab someone added, after the first', async () => {
    const world = await googleWorld(server);
    const { docId } = await world.provider.createDocument(world.input());
    world.fake.state.documents
      .get(docId)!
      .tabs.push({ tabId: 't.notes', title: 'Notes', nodes: [{ kind: 'paragraph', text: 'Private notes? Not here: everyone of the four sees them.', style: 'NORMAL_TEXT' }] });
    const model = await world.provider.readDocument({ planId: 'plan-1', docId });
    expect(model.blocks.at(-1)).toEqual({ type: 'paragraph', text: 'Private notes? Not here: everyone of the four sees them.' });
  });
});

describe('Google provider: finding changed documents cheaply', () => {
  it('answers `all` first, then only the plan documents that changed, one request per cycle', async () => {
    const world = await googleWorld(server);
    const docs = [];
    for (const planId of ['p1', 'p2', 'p3']) docs.push({ planId, docId: (await world.provider.createDocument({ ...world.input(), planId })).docId });
    const start = world.fake.log.length;
    const first = await world.provider.detectChanges(null, docs);
    expect(first.changed).toBe('all');
    // The first, full read needs no files.get per document: one files.list told which are trashed.
    for (const doc of docs) await world.provider.readDocument(doc);
    expect(world.fake.counts(start)).toEqual({ 'drive.changes.getStartPageToken': 1, 'drive.files.list': 1, 'docs.documents.get': 3 });

    world.fake.editDocument(docs[1]!.docId, (nodes) => nodes.push({ kind: 'paragraph', text: 'edit', style: 'NORMAL_TEXT' }));
    world.fake.addDocument("Someone else's doc", 'plans@acme.test', []);
    const before = world.fake.log.length;
    const second = await world.provider.detectChanges(first.cursor, docs);
    expect(second.changed).toEqual([docs[1]!.docId]);
    expect(world.fake.counts(before)).toEqual({ 'drive.changes.list': 1 });

    const third = await world.provider.detectChanges(second.cursor, docs);
    expect(third.changed).toEqual([]);
    // Sharing drift shows up in the feed too.
    world.fake.share(docs[2]!.docId, { type: 'anyone', role: 'reader' });
    expect((await world.provider.detectChanges(third.cursor, docs)).changed).toEqual([docs[2]!.docId]);
  });

  it('starts over with a full read when Drive no longer accepts the stored cursor', async () => {
    const world = await googleWorld(server);
    const { docId } = await world.provider.createDocument(world.input());
    const again = await world.provider.detectChanges('999999', [{ planId: 'plan-1', docId }]);
    expect(again.changed).toBe('all');
    expect(Number(again.cursor)).toBeGreaterThan(0);
  });

  it('a trashed or deleted document reads as missing, and does not stop reading the others', async () => {
    const world = await googleWorld(server);
    const a = (await world.provider.createDocument({ ...world.input(), planId: 'a' })).docId;
    const b = (await world.provider.createDocument({ ...world.input(), planId: 'b' })).docId;
    const c = (await world.provider.createDocument({ ...world.input(), planId: 'c' })).docId;
    const docs = [
      { planId: 'a', docId: a },
      { planId: 'b', docId: b },
      { planId: 'c', docId: c },
    ];
    const { cursor } = await world.provider.detectChanges(null, docs);
    world.fake.state.get(a).trashed = true;
    world.fake.state.touch(world.fake.state.get(a));
    world.fake.deleteFile(b);
    world.fake.editDocument(c, (nodes) => nodes.push({ kind: 'paragraph', text: 'still here', style: 'NORMAL_TEXT' }));

    const changed = await world.provider.detectChanges(cursor, docs);
    expect(changed.changed).toEqual([a, b, c]);
    const results = await Promise.allSettled(docs.map((doc) => world.provider.readDocument(doc)));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))).toEqual(['DocumentMissingError', 'DocumentMissingError', 'ok']);

    // Without the change feed's word, a read asks Drive first (documents.get answers for trashed docs).
    const restarted = googleProvider(world.options);
    await expect(restarted.readDocument(docs[0]!)).rejects.toMatchObject({ name: 'DocumentMissingError', message: expect.stringContaining('trash') });
    await expect(restarted.readDocument({ planId: 'x', docId: 'never-existed' })).rejects.toMatchObject({ name: 'DocumentMissingError' });
  });
});
