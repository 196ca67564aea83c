/**
 * A poll cycle reads a plan's page (slow) before checking its Person properties, with the plan's
 * record as it loaded it. A draft its manager shares meanwhile must keep the team member in
 * `Team member` (the database's rules grant the page through it), and the audit must claim no
 * removal. Interleaved on the Notion fake: the cycle's read of the page's blocks runs the share
 * before Notion answers it.
 */
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FAKE_BASE_URL } from '../fakes/notion/index.js';
import { planBody } from '../support/app.js';
import { FOUR, THREE, peopleOnPage, startOnNotion } from './env.js';
import { serviceEachTest } from '../support/each-test.js';

const live = serviceEachTest(startOnNotion);

type Audited = { audit: { id: number; kind: string; message: string }[] };
const planAsHr = async (id: string): Promise<Audited & Record<string, unknown>> => (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
const sameId = (a: string, b: string) => a.replaceAll('-', '') === b.replaceAll('-', '');

describe('a poll cycle that reads a Notion plan while its manager shares it', () => {
  it('keeps the team member in Team member, and audits no removal', async () => {
    const created = await live.service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
    const id = created.json.plan.id as string;
    const pageId = (await live.service.store.getPlan(id))!.docId!;
    expect((await live.service.call('POST', `/api/plans/${id}/align`, { as: 'managersManager' })).status).toBe(200);
    expect(peopleOnPage(live.world.fake.state, pageId)).toEqual(THREE);

    let acted = 0;
    live.server.use(
      http.get(`${FAKE_BASE_URL}/v1/blocks/:blockId/children`, async ({ params }) => {
        if (acted || !sameId(String(params.blockId), pageId)) return undefined;
        acted = -1;
        expect((await live.service.call('POST', `/api/plans/${id}/share`, { as: 'manager' })).status).toBe(200);
        expect(peopleOnPage(live.world.fake.state, pageId)).toEqual(FOUR);
        acted = Math.max(...(await planAsHr(id)).audit.map((e) => e.id));
        return undefined;
      }),
    );

    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(acted).toBeGreaterThan(0);
    expect(peopleOnPage(live.world.fake.state, pageId)).toEqual(FOUR);
    const plan = await planAsHr(id);
    expect(plan).toMatchObject({ stage: 'shared', sharing: { state: 'ok', issues: [] } });
    expect(plan.audit.filter((e) => e.id > acted && e.kind.startsWith('sharing.')).map((e) => `${e.kind}: ${e.message}`)).toEqual([]);
  });
});
