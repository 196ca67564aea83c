/**
 * Drive push notifications through the worker (issue 23): a cron invocation opens the changes.watch
 * channel to PUBLIC_URL/webhooks/google; an edit makes the Google fake deliver a notification to the
 * worker, whose cycle (after the answer, waitUntil) puts the edit on the dashboard with no cron in
 * between. A forged delivery is refused before anything is read; a burst is gathered into one cycle
 * per WEBHOOK_POLL_DELAY_SECONDS window within the isolate (wrangler dev runs one isolate).
 */
import { expect, it } from 'vitest';
import type { FakeChannel } from '../fakes/google/push.js';
import { isoToday, planBody } from '../support/app.js';
import { PUBLIC_URL, type WorkerWorld, call, eventually } from './worker-world.js';

const ADDRESS = `${PUBLIC_URL}/webhooks/google`;

/** The live channel the worker opened on the fake, if any. */
function liveChannel(world: WorkerWorld): FakeChannel | undefined {
  return world.google.fake.push.channels.find((c) => c.address === ADDRESS && !c.stopped && c.expiration > Date.now());
}

/** Add a progress entry to the document, as a person typing in Google Docs. */
function addEntry(world: WorkerWorld, docId: string, date: string, text: string) {
  world.google.fake.editDocument(docId, (nodes) => {
    const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
    if (log?.kind !== 'table') throw new Error('no progress log table');
    log.rows.push([date, text, 'Ana']);
  });
}

/** The fake's requests from `start` on, by method. */
function countsSince(world: WorkerWorld, start: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of world.google.fake.log.slice(start)) counts[entry.method] = (counts[entry.method] ?? 0) + 1;
  return counts;
}

async function entryTexts(world: WorkerWorld, id: string): Promise<string[]> {
  const plan = (await call(world, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
  return plan.progressEntries.map((entry: { text: string }) => entry.text);
}

export function googlePushOnWorkerCases(world: () => WorkerWorld) {
  it('reads an edit through its Drive notification, refuses forged ones, and gathers a burst of 50 into one cycle', async () => {
    const w = world();
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-10), { provider: 'google' }) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.plan.id as string;
    const docId = /\/document\/d\/([^/]+)\//.exec(created.json.plan.docUrl ?? '')?.[1] as string;

    // Cron invocations: the first stores the change cursor, the next opens the channel (or one is already open).
    for (let i = 0; i < 3 && !liveChannel(w); i++) expect((await call(w, 'GET', '/__scheduled')).status).toBe(200);
    const channel = liveChannel(w);
    expect(channel, 'the worker opened a changes.watch channel to PUBLIC_URL/webhooks/google').toBeTruthy();
    if (!channel) return;
    await w.google.fake.push.settle();
    // Drive's first message on the channel (sync) reached the worker and was accepted.
    expect(w.google.fake.push.sent.filter((s) => s.channelId === channel.id && s.state === 'sync').map((s) => s.status)).toEqual([200]);

    // Forged: no token, a wrong token, a token for an unknown channel. Refused before any cycle is asked for.
    const headers = { 'x-goog-channel-id': channel.id, 'x-goog-resource-id': channel.resourceId, 'x-goog-resource-state': 'change', 'x-goog-message-number': '2' };
    const beforeForged = w.google.fake.log.length;
    for (const forged of [
      headers,
      { ...headers, 'x-goog-channel-token': 'guessed-token' },
      { ...headers, 'x-goog-channel-id': 'not-a-channel', 'x-goog-channel-token': channel.token ?? '' },
    ]) {
      const answer = await call(w, 'POST', '/webhooks/google', { headers: forged });
      expect(answer.status).toBe(401);
    }
    expect(w.google.fake.log.length).toBe(beforeForged);

    // An edit: Drive notifies the worker, whose cycle reads it. No cron invocation from here on.
    const beforeEdit = w.google.fake.log.length;
    const sentBefore = w.google.fake.push.sent.length;
    const editedAt = Date.now();
    addEntry(w, docId, isoToday(-2), 'Seen through a Drive notification');
    const read = await eventually(
      () => entryTexts(w, id),
      (texts) => texts.includes('Seen through a Drive notification'),
    );
    const latencyMs = Date.now() - editedAt;
    expect(read).toContain('Seen through a Drive notification');
    const delivered = w.google.fake.push.sent.slice(sentBefore).filter((s) => s.channelId === channel.id);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((s) => s.state === 'change' && s.status === 200)).toBe(true);
    const dashboard = await call(w, 'GET', '/api/dashboard', { as: 'hr' });
    expect(dashboard.json.plans.find((p: { id: string }) => p.id === id)?.status.lastEntryDate).toBe(isoToday(-2));
    const single = countsSince(w, beforeEdit);
    console.log(`[google-push-on-worker] one edit through its notification, visible after ${latencyMs} ms (WEBHOOK_POLL_DELAY_SECONDS=5 included): ${JSON.stringify(single)}`);

    // A burst: another edit, and 50 deliveries on the live channel at once (as while someone types).
    const beforeBurst = w.google.fake.log.length;
    addEntry(w, docId, isoToday(-1), 'Read once after a burst');
    let message = 100;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(w, 'POST', '/webhooks/google', { headers: { ...headers, 'x-goog-channel-token': channel.token ?? '', 'x-goog-message-number': String(++message) } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    await eventually(
      () => entryTexts(w, id),
      (texts) => texts.includes('Read once after a burst'),
    );
    const burst = countsSince(w, beforeBurst);
    console.log(`[google-push-on-worker] an edit and 50 notifications: ${JSON.stringify(burst)}`);
    // Gathered within the isolate: one cycle for the window (two at most, when a delivery lands while the
    // first runs), never one per notification; the document is read once.
    expect(burst['drive.changes.list'] ?? 0).toBeGreaterThanOrEqual(1);
    expect(burst['drive.changes.list'] ?? 0).toBeLessThanOrEqual(2);
    expect(burst['docs.documents.get']).toBe(1);
  }, 300_000);
}
