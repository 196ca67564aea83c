import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../fakes/google/fake.js';
import { FOUR_AND_OWNER, googleWorld, grants, liveDocs, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const KINDS: FaultKind[] = ['429', '429-html', '403-rate', '500', '503', 'timeout', 'performed-500', 'performed-timeout'];
/** Every remote step of a create, by the method the fake sees; the template ones need a template doc. */
const STEPS: [method: string, template: boolean][] = [
  ['oauth.token', false],
  ['drive.files.generateIds', false],
  ['drive.files.create', false],
  ['drive.files.copy', true],
  ['docs.documents.get', true],
  ['docs.documents.batchUpdate', true],
  ['drive.files.update', false],
  ['drive.permissions.list', false],
  ['drive.permissions.create', false],
];

/** One document in the folder, the owner and the four with the agreed roles, one email each. */
function expectOneRightDocument(world: World, docId: string) {
  expect(liveDocs(world).map((f) => f.id)).toEqual([docId]);
  expect([...world.fake.state.files.values()].filter((f) => f.trashed)).toEqual([]);
  expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
  expect(world.fake.state.notifications.map((n) => n.to).sort()).toEqual(['ana@acme.test', 'ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
  expect(world.fake.state.get(docId)).toMatchObject({ writersCanShare: false, copyRequiresWriterPermission: true });
}

describe('Google provider: faults on every step of a create', () => {
  describe.each(STEPS)('%s', (method, template) => {
    // The token endpoint has no Drive-style 403 rate limit; the sharing limit is for sharing.
    const kinds = [...KINDS.filter((kind) => !(method === 'oauth.token' && kind === '403-rate')), ...(method === 'drive.permissions.create' ? ['403-sharing-rate' as const] : [])];
    it.each(kinds)('%s: one document, the right grants', async (kind) => {
      // A short client timeout only where the fake holds a request on purpose.
      const world = await googleWorld(server, { template, options: { timeoutMs: kind.endsWith('timeout') ? 200 : 5000 } });
      world.fake.inject({ method, kind, times: method === 'drive.permissions.create' ? 3 : 1, retryAfterSeconds: 2 });
      const created = await world.provider.createDocument(world.input());
      expectOneRightDocument(world, created.docId);
      expect(world.fake.log.some((entry) => entry.method === method && entry.status !== 200)).toBe(true);
    });
  });

  it('honours Retry-After and gives up after a bounded number of attempts, saying how far it got', async () => {
    const waits: number[] = [];
    const world = await googleWorld(server, { options: { sleep: async (ms) => void waits.push(ms) } });
    world.fake.inject({ method: 'drive.permissions.create', kind: '429', times: 100, retryAfterSeconds: 3 });
    const input = world.input();
    const error = await world.provider.createDocument(input).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^\[google\] permissions.create teamMember: 429 .*\(after 6 attempts\)$/);
    expect(error).toMatchObject({ retryable: true, failClosed: false });
    expect(waits).toEqual([3000, 3000, 3000, 3000, 3000]);
    expect(input.saved.at(-1)).toMatchObject({ created: true, locked: true });
  });
});

describe('Google provider: a restart between any two steps', () => {
  // The process dies right after step N was saved, or right after step N was done but before it was saved.
  it.each([0, 1, 2, 3, 4, 5, 6])('resumes after save #%i and after the step before it', async (crashAt) => {
    for (const recorded of [true, false]) {
      const world = await googleWorld(server);
      const input = world.input();
      let saves = 0;
      const crashing = {
        ...input,
        saveCheckpoint: async (checkpoint: Record<string, unknown>) => {
          if (saves++ === crashAt) {
            if (recorded) await input.saveCheckpoint(checkpoint);
            throw new Error('process killed');
          }
          await input.saveCheckpoint(checkpoint);
        },
      };
      await expect(world.provider.createDocument(crashing)).rejects.toThrow('process killed');
      const created = await world.provider.createDocument({ ...input, checkpoint: input.saved.at(-1) ?? {} });
      expectOneRightDocument(world, created.docId);
    }
  });
});
