import { describe, expect, it } from 'vitest';
import type { CycleResult } from './poll-cycle.js';
import { sharedCycle } from './scheduled-cycle.js';

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
