import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../../../test/support/app.js';
import { type DocProvider, ProviderError } from '../providers/types.js';
import { createRequestMeter } from '../providers/request-meter.js';
import { type CycleResult, runPollCycle, sharedCycle } from './poll-cycle.js';

const HOUR = 3_600_000;
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

const appendEntry = (id: string, date: string, text: string) => appendFileSync(join(service.dataDir, 'documents', `${id}.md`), `| ${date} | ${text} | Ana |\n`);

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
    const first = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: false });
    expect(first.polled).toBe(3);
    expect(new Set(reads)).toEqual(new Set([a, b, c]));

    // Move the cursor well past the files' times, then edit one document.
    await service.store.setCursor('local', String(Date.now() + 60_000));
    reads.length = 0;
    expect((await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: false })).polled).toBe(0);
    expect(reads).toEqual([]);

    await service.store.setCursor('local', String(Date.now() - 1));
    appendEntry(b as string, isoToday(-4), 'First update');
    reads.length = 0;
    await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: false });
    expect(reads).toContain(b);
    const plan = await service.store.getPlan(b as string);
    expect(plan?.parsed?.progressEntries).toHaveLength(1);
  });

  it("records one plan's failure on that plan and carries on with the others", async () => {
    const [a, b] = await createPlans(2);
    instrument(new Set([a as string]));
    appendEntry(b as string, isoToday(-4), 'Progress');
    const result = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: true });
    expect(result).toMatchObject({ polled: 2, errors: 1 });
    const failed = await service.store.getPlan(a as string);
    expect(failed?.pollError).toContain('disk on fire');
    expect((await service.store.listAudit(a as string)).map((e) => e.kind)).toContain('poll.failed');
    expect((await service.store.getPlan(b as string))?.parsed?.progressEntries).toHaveLength(1);

    // A failing document is retried every cycle until it reads again, and its error clears.
    const reads = instrument(new Set());
    await service.store.setCursor('local', String(Date.now() + 60_000));
    await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: false });
    expect(reads).toEqual([a]);
    expect((await service.store.getPlan(a as string))?.pollError).toBeNull();
  });

  it('marks a deleted document and keeps going', async () => {
    const [a, b] = await createPlans(2);
    const { rmSync } = await import('node:fs');
    rmSync(join(service.dataDir, 'documents', `${a}.md`));
    const result = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: HOUR, sweepSharing: true });
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
    const first = service.deps.scheduledCycle();
    const second = service.deps.runPollCycle();
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(one).toBe(two);
    expect(maxConcurrent).toBe(1);
  });
});

describe('cycles in one process', () => {
  /** A cycle that runs until released; each says which run it was. */
  function gatedCycles() {
    let runs = 0;
    const releases: (() => void)[] = [];
    const cycle = sharedCycle(async () => {
      const run = ++runs;
      await new Promise<void>((resolve) => releases.push(resolve));
      return { run } as unknown as CycleResult;
    });
    const release = async () => {
      await Promise.resolve();
      releases.shift()?.();
    };
    return { cycle, release, runs: () => runs };
  }

  it('share the running cycle when any cycle will do (the timer, "poll now")', async () => {
    const { cycle, release, runs } = gatedCycles();
    const first = cycle();
    const second = cycle();
    await release();
    expect(await first).toBe(await second);
    expect(runs()).toBe(1);
  });

  it('run one more after the running cycle for a webhook, whose marks the running one may have passed', async () => {
    const { cycle, release, runs } = gatedCycles();
    const timer = cycle();
    const webhook = cycle.startingAfter();
    const sameBurst = cycle.startingAfter();
    await release();
    expect(await timer).toEqual({ run: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await release();
    expect(await webhook).toEqual({ run: 2 });
    expect(await sameBurst).toBe(await webhook);
    expect(runs()).toBe(2);
  });

  it('start at once for a webhook when no cycle runs', async () => {
    const { cycle, release, runs } = gatedCycles();
    const webhook = cycle.startingAfter();
    await release();
    expect(await webhook).toEqual({ run: 1 });
    expect(runs()).toBe(1);
  });
});

describe('a cycle within a request budget', () => {
  /** Each document read costs `cost(docId)` requests through the meter, as a remote provider's would. */
  function costly(meter: ReturnType<typeof createRequestMeter>, cost: (docId: string) => number) {
    const reads: string[] = [];
    service.deps.providers.local = {
      ...local,
      async readDocument(ref) {
        for (let i = 0; i < cost(ref.docId); i++) await meter.fetch(`https://provider.test/${ref.docId}/${i}`);
        reads.push(ref.docId);
        return local.readDocument(ref);
      },
    };
    return reads;
  }
  const invocation = (limit: number) => createRequestMeter(async () => new Response('{}'), limit);

  it('spreads more changed plans than one budget allows over invocations, each within budget, none read twice', async () => {
    const ids = await createPlans(12);
    const reads: string[] = [];
    const spent: number[] = [];
    for (let i = 0; i < 10; i++) {
      const meter = invocation(10);
      const cycleReads = costly(meter, () => 2);
      const result = await runPollCycle(service.deps, { meter, sweepEveryMs: HOUR, sweepSharing: false });
      spent.push(meter.spent());
      reads.push(...cycleReads);
      expect(result.requests).toBe(meter.spent());
      if (result.remaining === 0) break;
    }
    expect(spent.every((n) => n <= 10)).toBe(true);
    expect(spent.length).toBe(3);
    expect(reads.toSorted()).toEqual(ids.toSorted());
    for (const id of ids) expect((await service.store.getPlan(id))?.parsed).not.toBeNull();
  });

  it('resumes a half-done share even when the whole budget is smaller than a create reserves (WORKER_SUBREQUEST_BUDGET=5)', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday(-5)), draft: true } });
    const id = created.json.plan.id as string;
    expect((await service.call('POST', `/api/plans/${id}/align`, { as: 'managersManager' })).status).toBe(200);
    // The provider is down while the manager shares: the plan is left half shared.
    service.deps.providers.local = {
      ...local,
      async shareDocument() {
        throw new ProviderError('[local] down for a moment', { retryable: true });
      },
    };
    expect((await service.call('POST', `/api/plans/${id}/share`, { as: 'manager' })).status).toBe(503);
    expect((await service.store.getPlan(id))?.sharePending).toBe(true);
    // Back up; each share costs 2 requests through the invocation's meter, as a remote provider's would.
    const meter = invocation(5);
    service.deps.providers.local = {
      ...local,
      async shareDocument(input) {
        for (let i = 0; i < 2; i++) await meter.fetch(`https://provider.test/share/${i}`);
        return local.shareDocument(input);
      },
    };
    await runPollCycle(service.deps, { meter, sweepEveryMs: HOUR, sweepSharing: false });
    expect(meter.spent()).toBeLessThanOrEqual(5);
    expect((await service.store.getPlan(id))?.sharePending).toBe(false);
    expect((await service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(200);
  });

  it('a plan that costs more than the budget has left is refused mid-way, recorded nowhere, and read in the next invocation', async () => {
    const [cheap, dear] = await createPlans(2);
    const before = await service.store.getPlan(cheap as string);
    const first = invocation(6);
    // The newest plan is polled first: it costs 2, so the next is expected to cost 2 but needs 5.
    costly(first, (docId) => (docId === dear ? 2 : 5));
    const result = await runPollCycle(service.deps, { meter: first, sweepEveryMs: HOUR, sweepSharing: false });
    expect(first.spent()).toBe(6);
    expect(result).toMatchObject({ polled: 1, remaining: 1 });
    expect(await service.store.getPlan(cheap as string)).toEqual(before);
    const second = invocation(6);
    const reads = costly(second, () => 5);
    expect(await runPollCycle(service.deps, { meter: second, sweepEveryMs: HOUR, sweepSharing: false })).toMatchObject({ polled: 1, remaining: 0, errors: 0 });
    expect(reads).toEqual([cheap]);
    expect((await service.store.getPlan(cheap as string))?.lastPolledAt).not.toBe(before?.lastPolledAt);
  });
});
