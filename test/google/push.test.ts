/**
 * Drive push notifications end to end: the cycle opens a changes.watch channel to
 * PUBLIC_URL/webhooks/google, the fake delivers notifications the way Drive documents them (X-Goog-*
 * headers, empty body) into the service's app, and a notification from a live channel with its
 * token makes one cycle soon. Polling stays the net.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import type { TestService } from '../support/app.js';
import { seedGooglePlans } from '../bench/seed-google-plans.js';
import { googleWorld, type World, serviceOnGoogle } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PUBLIC_URL = 'https://plans.acme.test';
const HOUR = 3_600_000;

/** Plans, a first cycle (cursor set, channel opened), and Drive's notifications routed into the app. */
async function watched(count: number, env: Record<string, string> = {}) {
  let offset = 0;
  const world = await googleWorld(server);
  const service = await serviceOnGoogle(world, { PUBLIC_URL, WEBHOOK_POLL_DELAY_SECONDS: '0', ...env }, { now: () => new Date(Date.now() + offset) });
  world.fake.push.deliver = async (request) => service.app.request(request);
  const docIds = await seedGooglePlans(world, service.store, count);
  await service.deps.scheduledCycle();
  await world.fake.push.settle();
  return { world, service, docIds, advance: (ms: number) => void (offset += ms) };
}

function edit(world: World, docId: string, text: string) {
  world.fake.editDocument(docId, (nodes) => nodes.push({ kind: 'paragraph', text, style: 'NORMAL_TEXT' }));
}

/** Deliver what Drive sent, then wait for the cycle it asked for. */
async function delivered(world: World, service: TestService) {
  await world.fake.push.settle();
  await service.deps.settleDriveNotifications();
}

function notice(headers: Record<string, string>) {
  return new Request(`${PUBLIC_URL}/webhooks/google`, { method: 'POST', headers });
}

describe('Drive push notifications', () => {
  it('opens one channel to PUBLIC_URL/webhooks/google after the first cycle; its sync message reads nothing', async () => {
    const { world, service } = await watched(3);
    try {
      const [channel] = world.fake.push.channels;
      expect(world.fake.push.channels).toHaveLength(1);
      expect(channel).toMatchObject({ address: `${PUBLIC_URL}/webhooks/google`, stopped: false });
      expect(await service.store.listWatchChannels('google')).toEqual([expect.objectContaining({ id: channel?.id, resourceId: channel?.resourceId })]);
      expect(world.fake.push.sent).toEqual([{ channelId: channel?.id, state: 'sync', status: 200 }]);
      // The next cycles keep it: no second watch.
      await service.deps.scheduledCycle();
      expect(world.fake.counts()['drive.changes.watch']).toBe(1);
    } finally {
      await service.close();
    }
  });

  it('an edit is read by the cycle its notification starts, with no timer', async () => {
    const { world, service, docIds } = await watched(3);
    try {
      const before = world.fake.log.length;
      edit(world, docIds[1]!, '2026-12-03 | Shadowed a call | Ana');
      await delivered(world, service);
      expect(world.fake.push.sent.at(-1)).toMatchObject({ state: 'change', status: 200 });
      expect(world.fake.counts(before)).toMatchObject({ 'drive.changes.list': 1, 'docs.documents.get': 1 });
      const plan = (await service.store.getPlans(['plan-1']))[0]!;
      expect(JSON.stringify(plan.parsed)).toContain('Shadowed a call');
    } finally {
      await service.close();
    }
  });

  it('a burst of 50 notifications makes one cycle, not 50', async () => {
    const { world, service, docIds } = await watched(10, { WEBHOOK_POLL_DELAY_SECONDS: '1' });
    try {
      const before = world.fake.log.length;
      for (let i = 0; i < 50; i++) edit(world, docIds[i % 10]!, `edit ${i}`);
      await delivered(world, service);
      expect(world.fake.push.sent.filter((push) => push.state === 'change' && push.status === 200)).toHaveLength(50);
      expect(world.fake.counts(before)['drive.changes.list']).toBe(1);
      expect(world.fake.counts(before)['docs.documents.get']).toBe(10);
    } finally {
      await service.close();
    }
  });

  it('a forged notification (no token, a wrong token, an unknown channel) is refused and reads nothing', async () => {
    const { world, service } = await watched(3);
    try {
      const [channel] = world.fake.push.channels;
      const genuine = { 'x-goog-channel-id': channel!.id, 'x-goog-resource-id': channel!.resourceId, 'x-goog-resource-state': 'change' };
      const before = world.fake.log.length;
      const forged = [
        genuine,
        { ...genuine, 'x-goog-channel-token': 'guessed' },
        { ...genuine, 'x-goog-channel-id': 'made-up', 'x-goog-channel-token': channel!.token! },
        { ...genuine, 'x-goog-resource-id': 'other', 'x-goog-channel-token': channel!.token! },
      ];
      for (const headers of forged) expect((await service.app.request(notice(headers))).status).toBe(401);
      await service.deps.settleDriveNotifications();
      expect(world.fake.log.length).toBe(before);
      // The genuine one is accepted.
      expect((await service.app.request(notice({ ...genuine, 'x-goog-channel-token': channel!.token! }))).status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('a channel near its end is replaced by the next cycle and the old one stopped; an expired one delivers nothing we accept', async () => {
    const { world, service, advance } = await watched(3);
    try {
      const [old] = world.fake.push.channels;
      advance(23.5 * HOUR);
      const cycle = await service.deps.scheduledCycle();
      expect(cycle.channelsOpened).toBe(1);
      expect(world.fake.counts()['drive.changes.watch']).toBe(2);
      expect(old?.stopped).toBe(true);
      const stored = await service.store.listWatchChannels('google');
      expect(stored.map((c) => c.id)).toEqual([world.fake.push.channels[1]?.id]);
      const oldNotice = { 'x-goog-channel-id': old!.id, 'x-goog-channel-token': old!.token!, 'x-goog-resource-id': old!.resourceId, 'x-goog-resource-state': 'change' };
      expect((await service.app.request(notice(oldNotice))).status).toBe(401);

      // Expired outright (the service was down past its end): the next cycle opens a new one.
      advance(48 * HOUR);
      expect((await service.deps.scheduledCycle()).channelsOpened).toBe(1);
      expect(await service.store.listWatchChannels('google')).toHaveLength(1);
    } finally {
      await service.close();
    }
  });

  it('a channel Drive refuses to open is tried again an hour later, not at every cycle; polling goes on', async () => {
    const { world, service, advance } = await watched(2);
    try {
      await service.deps.stopChangeChannels();
      world.fake.inject({ method: 'drive.changes.watch', kind: '403-refused' });
      await service.deps.scheduledCycle();
      await service.deps.scheduledCycle();
      expect(world.fake.counts()['drive.changes.watch']).toBe(2);
      expect(service.logs.join('\n')).toMatch(/could not open a change notification channel/);
      advance(61 * 60_000);
      expect((await service.deps.scheduledCycle()).channelsOpened).toBe(1);
      expect(world.fake.counts()['drive.changes.watch']).toBe(3);
    } finally {
      await service.close();
    }
  });

  it('stops its channels on shutdown, and opens none without an HTTPS PUBLIC_URL', async () => {
    const { world, service } = await watched(2);
    try {
      await service.deps.stopChangeChannels();
      expect(world.fake.push.channels.every((channel) => channel.stopped)).toBe(true);
      expect(await service.store.listWatchChannels('google')).toEqual([]);
    } finally {
      await service.close();
    }
    const plain = await watched(2, { PUBLIC_URL: 'http://localhost:8787' });
    try {
      await runPollCycle(plain.service.deps, { meter: plain.service.deps.meter, sweepEveryMs: HOUR, sweepSharing: false });
      expect(plain.world.fake.counts()['drive.changes.watch']).toBeUndefined();
    } finally {
      await plain.service.close();
    }
  });
});
