import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../../../test/support/app.js';
import type { DocProvider } from '../providers/types.js';
import { createPoller, runPollCycle } from './poll-cycle.js';

let service: TestService;
let local: DocProvider;
beforeEach(async () => {
  service = await makeTestService();
  local = service.deps.providers.local as DocProvider;
});
afterEach(async () => service.close());

async function createPlans(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-5)) });
    ids.push(res.json.plan.id);
  }
  return ids;
}

const appendEntry = (id: string, date: string, text: string) =>
  appendFileSync(join(service.dataDir, 'documents', `${id}.md`), `| ${date} | ${text} | Ana |\n`);

/** Wrap the local provider, counting reads and failing them for some documents. */
function instrument(failFor: Set<string>) {
  const reads: string[] = [];
  service.deps.providers.local = {
    ...local,
    async readDocument(ref) {
      reads.push(ref.docId);
      if (failFor.has(ref.docId)) throw new Error(`[local] disk on fire for ${ref.docId}`);
      return local.readDocument(ref);
    },
  };
  return reads;
}

describe('a poll cycle', () => {
  it('reads only what changed, after a first full read', async () => {
    const [a, b, c] = await createPlans(3);
    const reads = instrument(new Set());
    const first = await runPollCycle(service.deps, { sweepSharing: false });
    expect(first.polled).toBe(3);
    expect(new Set(reads)).toEqual(new Set([a, b, c]));

    // Move the cursor well past the files' times, then edit one document.
    await service.store.setCursor('local', String(Date.now() + 60_000));
    reads.length = 0;
    expect((await runPollCycle(service.deps, { sweepSharing: false })).polled).toBe(0);
    expect(reads).toEqual([]);

    await service.store.setCursor('local', String(Date.now() - 1));
    appendEntry(b as string, isoToday(-4), 'First update');
    reads.length = 0;
    await runPollCycle(service.deps, { sweepSharing: false });
    expect(reads).toContain(b);
    const plan = await service.store.getPlan(b as string);
    expect(plan?.parsed?.progressEntries).toHaveLength(1);
  });

  it("records one plan's failure on that plan and carries on with the others", async () => {
    const [a, b] = await createPlans(2);
    instrument(new Set([a as string]));
    appendEntry(b as string, isoToday(-4), 'Progress');
    const result = await runPollCycle(service.deps, { sweepSharing: true });
    expect(result).toMatchObject({ polled: 2, errors: 1 });
    const failed = await service.store.getPlan(a as string);
    expect(failed?.pollError).toContain('disk on fire');
    expect((await service.store.listAudit(a as string)).map((e) => e.kind)).toContain('poll.failed');
    expect((await service.store.getPlan(b as string))?.parsed?.progressEntries).toHaveLength(1);

    // A failing document is retried every cycle until it reads again, and its error clears.
    const reads = instrument(new Set());
    await service.store.setCursor('local', String(Date.now() + 60_000));
    await runPollCycle(service.deps, { sweepSharing: false });
    expect(reads).toEqual([a]);
    expect((await service.store.getPlan(a as string))?.pollError).toBeNull();
  });

  it('marks a deleted document and keeps going', async () => {
    const [a, b] = await createPlans(2);
    const { rmSync } = await import('node:fs');
    rmSync(join(service.dataDir, 'documents', `${a}.md`));
    const result = await runPollCycle(service.deps, { sweepSharing: true });
    expect(result.errors).toBe(1);
    expect((await service.store.getPlan(a as string))?.pollError).toMatch(/deleted/);
    expect((await service.store.listAudit(a as string)).map((e) => e.kind)).toContain('document.missing');
    expect((await service.store.getPlan(b as string))?.pollError).toBeNull();
  });

  it('never overlaps: a second request while a cycle runs shares it', async () => {
    await createPlans(2);
    let release: () => void = () => {};
    const gate = new Promise<void>((open) => (release = open));
    let concurrent = 0;
    let maxConcurrent = 0;
    service.deps.providers.local = {
      ...local,
      async detectChanges(cursor, docs) {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await gate;
        concurrent--;
        return local.detectChanges(cursor, docs);
      },
    };
    const poller = createPoller(service.deps, 60_000, 60_000);
    const first = poller.runNow();
    const second = poller.runNow();
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(one).toBe(two);
    expect(maxConcurrent).toBe(1);
    await poller.stop();
  });
});
