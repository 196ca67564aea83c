/**
 * Bodies are read up to their limit and no further: an endless or huge upload (to the unauthenticated
 * sign-in, say) is refused as soon as it passes 64 KiB instead of filling the server's memory. A
 * document's save has a cap computed from its character limit, so any document within the limit
 * saves however JSON escapes it (issue 22.9); its characters are counted after parsing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_DOCUMENT_MAX_BYTES } from '../../service/src/plans/hosted-document.js';
import { DOCUMENT_MAX_CHARS } from '../../service/src/plans/save-document.js';
import { worstEscapedDocument } from '../support/adversarial-markdown.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

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
    expect(res.error?.issues[0]?.message).toBe('is too large');
  });
});

describe('saving a document', () => {
  it('a document at the character limit saves whatever its escaping (6 bytes a character in JSON)', async () => {
    const id = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id as string;
    const doc = (await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).json as { markdown: string; version: string };
    const markdown = worstEscapedDocument(doc.markdown, DOCUMENT_MAX_CHARS);
    const body = JSON.stringify({ markdown, baseVersion: doc.version });
    expect(markdown.length).toBe(DOCUMENT_MAX_CHARS);
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(5.5 * DOCUMENT_MAX_CHARS);
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(SAVE_DOCUMENT_MAX_BYTES);
    const saved = await service.call('PUT', `/api/plans/${id}/document`, { as: 'teamMember', body });
    expect(saved.status).toBe(200);
    expect((await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).json.markdown).toBe(markdown);

    // One character more: counted after parsing, refused, nothing saved.
    const over = await service.call('PUT', `/api/plans/${id}/document`, { as: 'teamMember', body: { markdown: `${markdown}\u0001`, baseVersion: saved.json.version } });
    expect(over.status).toBe(400);
    expect(over.error?.issues).toEqual([{ path: 'markdown', message: `must be at most ${DOCUMENT_MAX_CHARS} characters` }]);
    // A body past the cap: refused unread.
    const huge = await service.call('PUT', `/api/plans/${id}/document`, {
      as: 'teamMember',
      body: { markdown: '\u0001'.repeat(SAVE_DOCUMENT_MAX_BYTES / 6 + 1), baseVersion: saved.json.version },
    });
    expect(huge.status).toBe(400);
    expect(huge.error?.issues[0]?.message).toBe('is too large');
    expect((await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).json).toEqual({ markdown, version: saved.json.version });
  });

  it('other routes keep the small cap', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday()), supportAssets: '\u0001'.repeat(20_000) } });
    expect(res.status).toBe(400);
    expect(res.error?.issues[0]?.message).toBe('is too large');
  });
});
