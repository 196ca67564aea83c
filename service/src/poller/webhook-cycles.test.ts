import { describe, expect, it } from 'vitest';
import { createCycleTrigger, type GatherBurst } from './webhook-cycles.js';

/** A gathering the test ends by hand, as the runtime's timer would (no timer here: the core has none). */
function manualGather() {
  const waits: { signal: AbortSignal; end: () => void }[] = [];
  const gather: GatherBurst = (signal) =>
    new Promise<void>((resolve) => {
      waits.push({ signal, end: resolve });
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  return { gather, waits };
}

/** A cycle the test holds open until it says so. */
function heldCycles() {
  const started: (() => void)[] = [];
  const run = () => new Promise<void>((resolve) => started.push(resolve));
  return { run, started };
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the cycle a webhook asks for', () => {
  it('a burst during one gathering makes one cycle, and every delivery waits for it', async () => {
    const { gather, waits } = manualGather();
    const { run, started } = heldCycles();
    const trigger = createCycleTrigger(run, gather, () => {});
    let done = 0;
    for (let i = 0; i < 50; i++) void trigger.request().then(() => done++);
    await turn();
    expect(waits).toHaveLength(1);
    expect(started).toHaveLength(0);
    waits[0]?.end();
    await turn();
    expect(started).toHaveLength(1);
    expect(done).toBe(0);
    started[0]?.();
    await turn();
    expect(done).toBe(50);
  });

  it('a delivery while a cycle runs gets the next cycle, after it, never beside it', async () => {
    const { gather, waits } = manualGather();
    const { run, started } = heldCycles();
    const trigger = createCycleTrigger(run, gather, () => {});
    void trigger.request();
    await turn();
    waits[0]?.end();
    await turn();
    expect(started).toHaveLength(1);
    const second = trigger.request();
    await turn();
    // Its gathering starts only once the running cycle has ended.
    expect(waits).toHaveLength(1);
    started[0]?.();
    await turn();
    expect(waits).toHaveLength(2);
    waits[1]?.end();
    await turn();
    expect(started).toHaveLength(2);
    started[1]?.();
    await second;
  });

  it('settle skips the gathering, started or not yet, and waits for every cycle asked for', async () => {
    const { gather, waits } = manualGather();
    let cycles = 0;
    const trigger = createCycleTrigger(
      async () => void cycles++,
      gather,
      () => {},
    );
    void trigger.request();
    await trigger.settle();
    expect(cycles).toBe(1);
    expect(waits).toEqual([]);
    void trigger.request();
    await turn();
    expect(waits).toHaveLength(1);
    await trigger.settle();
    expect(waits[0]?.signal.aborted).toBe(true);
    expect(cycles).toBe(2);
  });

  it('a failing cycle is logged and the delivery that asked for it still settles; the next one runs', async () => {
    const { gather } = manualGather();
    const logs: string[] = [];
    let calls = 0;
    const trigger = createCycleTrigger(
      async () => {
        calls++;
        if (calls === 1) throw new Error('[google] changes.list 500');
      },
      gather,
      (message) => logs.push(message),
    );
    const first = trigger.request();
    await trigger.settle();
    await first;
    expect(logs).toEqual(['[poller] a cycle after a webhook failed: [google] changes.list 500']);
    void trigger.request();
    await trigger.settle();
    expect(calls).toBe(2);
  });
});
