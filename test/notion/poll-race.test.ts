/**
 * A poll cycle reads a plan's page (slow) before checking its Person properties, with the plan's
 * record as it loaded it. A draft its manager shares meanwhile must keep the team member in
 * `Team member` (the database's rules grant the page through it), and the audit must claim no
 * removal. Interleaved on the Notion fake: the cycle's read of the page's blocks runs the share
 * before Notion answers it.
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BASE_URL, notionHandlers } from '../fakes/notion/index.js';
import { type TestService, planBody } from '../support/app.js';
import { FOUR, THREE, notionEnv, peopleOnPage, serviceOnNotion } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let env: ReturnType<typeof notionEnv>;
let service: TestService;
beforeEach(async () => {
  env = notionEnv();
  server.use(...notionHandlers(env.fake));
  service = await serviceOnNotion(env);
});
afterEach(async () => service.close());

type Audited = { audit: { id: number; kind: string; message: string }[] };
const planAsHr = async (id: string): Promise<Audited & Record<string, unknown>> => (await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
const sameId = (a: string, b: string) => a.replaceAll('-', '') === b.replaceAll('-', '');

describe('a poll cycle that reads a Notion plan while its manager shares it', () => {
  it('keeps the team member in Team member, and audits no removal', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
    const id = created.json.plan.id as string;
    const pageId = (await service.store.getPlan(id))!.docId!;
    expect((await service.call('POST', `/api/plans/${id}/align`, { as: 'managersManager' })).status).toBe(200);
    expect(peopleOnPage(env.fake.state, pageId)).toEqual(THREE);

    let acted = 0;
    server.use(
      http.get(`${FAKE_BASE_URL}/v1/blocks/:blockId/children`, async ({ params }) => {
        if (acted || !sameId(String(params.blockId), pageId)) return undefined;
        acted = -1;
        expect((await service.call('POST', `/api/plans/${id}/share`, { as: 'manager' })).status).toBe(200);
        expect(peopleOnPage(env.fake.state, pageId)).toEqual(FOUR);
        acted = Math.max(...(await planAsHr(id)).audit.map((e) => e.id));
        return undefined;
      }),
    );

    expect((await service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(acted).toBeGreaterThan(0);
    expect(peopleOnPage(env.fake.state, pageId)).toEqual(FOUR);
    const plan = await planAsHr(id);
    expect(plan).toMatchObject({ stage: 'shared', sharing: { state: 'ok', issues: [] } });
    expect(plan.audit.filter((e) => e.id > acted && e.kind.startsWith('sharing.')).map((e) => `${e.kind}: ${e.message}`)).toEqual([]);
  });
});
