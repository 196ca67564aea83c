/**
 * Request bodies on workerd: a document within its character limit saves however JSON escapes it
 * (issue 22.9; its cap comes from the limit, 6 bytes a character), and a refused body leaves the
 * keep-alive connection usable (issue 20.7: the next request on it used to get no answer).
 */
import { expect, it } from 'vitest';
import { DOCUMENT_MAX_CHARS } from '../../service/src/plans/save-document.js';
import { worstEscapedDocument } from '../support/adversarial-markdown.js';
import { PEOPLE, isoToday, planBody } from '../support/app.js';
import { refusedThenNext } from '../support/keep-alive.js';
import { type WorkerWorld, call } from './worker-world.js';

export function bodiesOnWorkerCases(world: () => WorkerWorld) {
  it('a document at the character limit saves with every character escaped; one more is refused, nothing saved', async () => {
    const w = world();
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'local' }) });
    expect(created.status).toBe(201);
    const path = `/api/plans/${created.json.plan.id}/document` as const;
    const doc = await call(w, 'GET', path, { as: 'teamMember' });
    const markdown = worstEscapedDocument(doc.json.markdown, DOCUMENT_MAX_CHARS);
    const saved = await call(w, 'PUT', path, { as: 'teamMember', body: { markdown, baseVersion: doc.json.version } });
    expect(saved.status).toBe(200);
    expect((await call(w, 'GET', path, { as: 'teamMember' })).json.markdown).toBe(markdown);
    const over = await call(w, 'PUT', path, { as: 'teamMember', body: { markdown: `${markdown}\u0001`, baseVersion: saved.json.version } });
    expect(over.status).toBe(400);
    expect(over.error?.issues).toEqual([{ path: 'markdown', message: `must be at most ${DOCUMENT_MAX_CHARS} characters` }]);
    expect((await call(w, 'GET', path, { as: 'teamMember' })).json).toEqual({ markdown, version: saved.json.version });
  }, 120_000);

  for (const declared of [true, false]) {
    it(`a refused body (${declared ? 'Content-Length' : 'chunked'}) leaves the keep-alive connection usable: the next request is answered on it`, async () => {
      const result = await refusedThenNext(world().worker.url, PEOPLE.manager.token, { bytes: 300 * 1024, declared });
      expect(result).toEqual({ refused: { status: 400, issue: 'is too large' }, next: { status: 200 }, connections: 1 });
    }, 60_000);
  }

  // Past the bound (512 KiB beyond the cap) the body is cancelled, so a refusal's cost stays bounded.
  // Not tested here: under wrangler dev its proxy then either resets that connection or, when the
  // 400 reaches the client while the upload goes on, holds the next request (any connection) until
  // that upload ends; that is the dev proxy's (cloudflare/workers-sdk#15203), with or without our
  // Connection: close. On Node the connection is closed (test/e2e/node-server.test.ts).
}
