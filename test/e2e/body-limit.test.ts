/**
 * Bodies are read up to their limit and no further: an endless or huge upload (to the unauthenticated
 * sign-in, say) is refused as soon as it passes 64 KiB instead of filling the server's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, makeTestService } from '../support/app.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService();
});
afterAll(async () => service.close());

function endless(): { stream: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const chunk = new TextEncoder().encode(`{"token":"${'x'.repeat(16 * 1024)}`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      if (sent > 64 * 1024 * 1024) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

describe('request bodies', () => {
  it('an endless body is refused once past the limit, not read to its end', async () => {
    const { stream, sent } = endless();
    const res = await service.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { message: string }[] } }).error.issues[0]?.message).toBe('is too large');
    expect(sent()).toBeLessThan(1024 * 1024);
  });

  it('a declared length over the limit is refused before reading', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: `{"x":"${'y'.repeat(70 * 1024)}"}` });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].message).toBe('is too large');
  });
});
