import { describe, expect, it } from 'vitest';
import { pacedFetch, SlidingWindow } from './rate-limit.js';

function virtualClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('the Google client-side limiter', () => {
  it('never lets more than its limit into any 60 seconds', async () => {
    const clock = virtualClock();
    const window = new SlidingWindow(5, clock.now, clock.sleep);
    const sent: number[] = [];
    for (let i = 0; i < 12; i++) {
      await window.take();
      sent.push(clock.now());
      clock.advance(1000);
    }
    for (const at of sent) expect(sent.filter((t) => t > at - 60_000 && t <= at).length).toBeLessThanOrEqual(5);
    expect(sent.slice(5, 7)).toEqual([60_000, 61_000]);
  });

  it('queues callers at once in order, each to its own slot', async () => {
    const waitsUntil: number[] = [];
    const window = new SlidingWindow(
      5,
      () => 0,
      async (ms) => void waitsUntil.push(ms),
    );
    await Promise.all(Array.from({ length: 12 }, () => window.take()));
    expect(waitsUntil).toEqual([60_000, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
  });

  it('paces Docs reads, Docs writes and Drive apart, and leaves the token endpoint alone', async () => {
    const clock = virtualClock();
    const urls: string[] = [];
    const fetch = pacedFetch(
      async (input) => {
        urls.push(`${clock.now()} ${String(input)}`);
        return new Response('{}');
      },
      { drive: 'https://drive.test/', docs: 'https://docs.test/' },
      { drivePerMinute: 100, docsReadsPerMinute: 2, docsWritesPerMinute: 1 },
      clock,
    );
    for (let i = 0; i < 3; i++) await fetch('https://docs.test/v1/documents/a');
    await fetch('https://docs.test/v1/documents/a:batchUpdate', { method: 'POST' });
    await fetch('https://drive.test/drive/v3/files/a');
    await fetch('https://oauth.test/token', { method: 'POST' });
    expect(urls).toEqual([
      '0 https://docs.test/v1/documents/a',
      '0 https://docs.test/v1/documents/a',
      '60000 https://docs.test/v1/documents/a',
      '60000 https://docs.test/v1/documents/a:batchUpdate',
      '60000 https://drive.test/drive/v3/files/a',
      '60000 https://oauth.test/token',
    ]);
  });
});
