import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError, createRequestMeter } from './request-meter.js';

const ok: typeof fetch = async () => new Response('ok');

describe('the request meter of an isolate (Workers)', () => {
  it('gives each invocation the whole budget, and overlapping invocations one budget together', async () => {
    const meter = createRequestMeter(ok, 3);
    const first = meter.beginInvocation();
    for (let i = 0; i < 3; i++) await meter.fetch('http://x.test/');
    await expect(meter.fetch('http://x.test/')).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(meter.exhausted()).toBe(true);
    // A second invocation while the first still runs (its after-the-answer work): no fresh budget,
    // so neither can send more than the platform allows one invocation.
    const second = meter.beginInvocation();
    expect(meter.remaining()).toBe(0);
    first();
    first();
    second();
    // The next invocation, alone, starts again.
    const third = meter.beginInvocation();
    expect(meter.remaining()).toBe(3);
    expect(meter.exhausted()).toBe(false);
    await meter.fetch('http://x.test/');
    expect(meter.spent()).toBe(1);
    third();
  });
});
