/**
 * HR reopens a closed plan (issue 22.2): only HR, only a closed plan, only with a reason. The plan
 * is ready again, the reason is in the document and the audit (with the outcome it had), the
 * document can be edited again, and a second close writes a second closing section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableDate } from '../../service/src/domain/dates.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';
import { occurrences } from '../support/text.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService();
});
afterAll(async () => service.close());

describe('reopening a closed plan', () => {
  it('is for HR, with a reason, on a closed plan; the document says why and is editable again', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
    const id: string = created.json.plan.id;
    const reopen = (as: 'hr' | 'manager' | 'teamMember' | 'stranger', body: unknown) => service.call('POST', `/api/plans/${id}/reopen`, { as, body });
    expect((await reopen('hr', { reason: 'Too early' })).status).toBe(409);
    expect((await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'not_achieved', note: 'Ana changed teams.' } })).status).toBe(200);

    expect((await reopen('stranger', { reason: 'x' })).status).toBe(404);
    for (const party of ['manager', 'teamMember'] as const) expect((await reopen(party, { reason: 'x' })).status, party).toBe(403);
    const noReason = await reopen('hr', {});
    expect(noReason.status).toBe(400);
    expect(noReason.error?.issues[0]?.path).toBe('reason');
    expect((await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.state).toBe('closed');

    const reopened = await reopen('hr', { reason: 'Ana stays in the team after all.' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.plan).toMatchObject({ state: 'ready', outcome: null, closeNote: null, closedAt: null, can: { close: true, reopen: false } });
    const audit = reopened.json.plan.audit.find((e: { kind: string }) => e.kind === 'plan.reopened');
    expect(audit?.message).toBe(`Reopened: Ana stays in the team after all. It was closed on ${isoToday()} as Not achieved ("Ana changed teams.").`);
    const doc = await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' });
    expect(doc.json.markdown).toContain(`## Reopened\n\nReopened on ${readableDate(isoToday())} by Hana HR (HR): Ana stays in the team after all.`);
    // Editable again, by the four.
    const saved = await service.call('PUT', `/api/plans/${id}/document`, {
      as: 'teamMember',
      body: { markdown: `${doc.json.markdown}\nMore notes.\n`, baseVersion: doc.json.version },
    });
    expect(saved.status).toBe(200);

    // Closed again the same day by the same person: a second closing section, after the reopening.
    expect((await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'not_achieved', note: 'Ana changed teams.' } })).status).toBe(200);
    const after = (await service.call('GET', `/api/plans/${id}/document`, { as: 'hr' })).json.markdown as string;
    expect(occurrences(after, `Closed on ${readableDate(isoToday())} by Ben (manager). Outcome: Not achieved.`)).toBe(2);
    expect(after.lastIndexOf('## Outcome')).toBeGreaterThan(after.indexOf('## Reopened'));
  });
});
