/**
 * Issue 10: saving 60,000 characters of `[` through the editor took 11.7 s, and every other request
 * waited behind it. The save path now reads any document in linear work; the reader's step count is
 * held in service/src/domain/markdown.property.test.ts (no timing here). This checks the whole path:
 * hostile documents of the largest size are saved, read into the plan, and answered like any other
 * (kinds whose JSON fits the 64 KB request body; the others are held to the step bound only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARIAL_MARKDOWN, MAX_DOCUMENT_CHARS } from '../support/adversarial-markdown.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService();
  planId = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id;
});
afterAll(async () => service.close());

describe('saving a hostile document of the largest size', () => {
  it.each(['open brackets [', 'stars *a', 'mixed emphasis', 'spaces inside a heading', 'backtick runs of growing length'])('saves 60,000 characters of "%s" and reads it into the plan', async (kind) => {
    const markdown = ADVERSARIAL_MARKDOWN[kind]!(MAX_DOCUMENT_CHARS);
    const current = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
    const saved = await service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown, baseVersion: current.json.version } });
    expect(saved.status).toBe(200);
    expect(saved.json.markdown).toBe(markdown);
    const plan = (await service.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan;
    expect(plan.activities).toEqual([]);
    expect(plan.warnings).toContain('No Activities section found: add a heading "Activities" above the activities table.');
  });
});
