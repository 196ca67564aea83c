/**
 * Request bodies on workerd: a document within its character limit saves however JSON escapes it
 * (issue 22.9; its cap comes from the limit, 6 bytes a character).
 */
import { expect, it } from 'vitest';
import { DOCUMENT_MAX_CHARS } from '../../service/src/plans/save-document.js';
import { worstEscapedDocument } from '../support/adversarial-markdown.js';
import { isoToday, planBody } from '../support/app.js';
import { type WorkerWorld, call } from './worker-world.js';

export function bodiesOnWorkerCases(world: () => WorkerWorld) {
  it('a document at the character limit saves with every character escaped; one more is refused, nothing saved', async () => {
    const w = world();
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'local' }) });
    expect(created.status).toBe(201);
    const path = `/api/plans/${created.json.plan.id}/document`;
    const doc = await call(w, 'GET', path, { as: 'teamMember' });
    const markdown = worstEscapedDocument(doc.json.markdown, DOCUMENT_MAX_CHARS);
    const saved = await call(w, 'PUT', path, { as: 'teamMember', body: { markdown, baseVersion: doc.json.version } });
    expect(saved.status).toBe(200);
    expect((await call(w, 'GET', path, { as: 'teamMember' })).json.markdown).toBe(markdown);
    const over = await call(w, 'PUT', path, { as: 'teamMember', body: { markdown: `${markdown}\u0001`, baseVersion: saved.json.version } });
    expect(over.status).toBe(400);
    expect(over.json.error.issues).toEqual([{ path: 'markdown', message: `must be at most ${DOCUMENT_MAX_CHARS} characters` }]);
    expect((await call(w, 'GET', path, { as: 'teamMember' })).json).toEqual({ markdown, version: saved.json.version });
  }, 120_000);
}
