/**
 * GET /api/openapi.json describes every route the app serves and nothing else, and the answers it
 * describes are the answers the routes give. A new route without `describeRoute(...)` fails here
 * (docs/api.md: "Describing a new route").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  calendarAddressSchema,
  calendarRevokedSchema,
  dashboardSchema,
  planAnswerSchema,
  plansAnswerSchema,
  sessionSchema,
  thisWeekSchema,
} from '../../service/src/http/api-schemas.js';
import { PEOPLE, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';
import { oidcEnv, startProvider } from '../support/oidc-provider.js';

let service: TestService;
beforeEach(async () => {
  service = await makeTestService();
});
afterEach(async () => service.close());

/**
 * Every `METHOD /path` the app routes to a handler, in OpenAPI's path syntax; middleware, the /api
 * fallback and the description's own route left out.
 */
function servedRoutes(): Set<string> {
  const routes = service.app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*') && r.path !== '/api/openapi.json');
  return new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
}

/** The parts of the OpenAPI document these tests read (the description's own route is not in AppType). */
interface SchemaObject {
  additionalProperties?: boolean;
  properties: Record<string, { enum?: string[]; maxLength?: number }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: SchemaObject }> }; responses: Record<string, unknown> }>>;
}

async function description(): Promise<OpenApiDocument> {
  const res = await service.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  return res.json as OpenApiDocument;
}

/** Every `METHOD /path` the description holds. */
async function describedRoutes(): Promise<Set<string>> {
  const json = await description();
  expect(json.openapi).toBe('3.1.0');
  return new Set(Object.entries(json.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
}

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 and describes exactly the routes the app serves', async () => {
    const described = await describedRoutes();
    expect([...described].sort()).toEqual([...servedRoutes()].sort());
    expect(described).toContain('POST /api/plans');
    for (const route of ['GET /api/calendar', 'POST /api/calendar/rotate', 'GET /calendar/{file}', 'GET /api/this-week']) expect(described).toContain(route);
  });

  it('describes the OIDC sign-in routes too, when OIDC is configured', async () => {
    const provider = await startProvider();
    try {
      await service.close();
      service = await makeTestService(oidcEnv(provider));
      const described = await describedRoutes();
      expect([...described].sort()).toEqual([...servedRoutes()].sort());
      expect(described).toContain('GET /auth/callback');
    } finally {
      await provider.stop();
    }
  });

  it('describes request bodies with the schemas the use cases validate with', async () => {
    const create = (await description()).paths['/api/plans']?.post;
    const body = create?.requestBody.content['application/json']?.schema;
    expect(body?.additionalProperties).toBe(false);
    expect(body?.properties.provider?.enum).toEqual(['local', 'google', 'notion']);
    expect(body?.properties.developmentArea?.maxLength).toBe(200);
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '409', '502', '503']));
  });

  it('describes the answers the routes actually give (asked through the typed client, AppType)', async () => {
    const [manager, teamMember, hr] = [service.client('manager').api, service.client('teamMember').api, service.client('hr').api];
    const created = await manager.plans.$post({ json: planBody(isoToday(-3)) });
    expect(created.status).toBe(201);
    const { plan } = planAnswerSchema.parse(await created.json());
    planAnswerSchema.parse(await (await teamMember.plans[':id'].$get({ param: { id: plan.id } })).json());
    plansAnswerSchema.parse(await (await hr.plans.$get()).json());
    dashboardSchema.parse(await (await hr.dashboard.$get({ query: {} })).json());
    sessionSchema.parse(await (await hr.session.$get()).json());
    calendarAddressSchema.parse(await (await teamMember.calendar.rotate.$post()).json());
    thisWeekSchema.parse(await (await teamMember['this-week'].$get()).json());
    calendarRevokedSchema.parse(await (await hr.calendar.feeds[':email'].$delete({ param: { email: PEOPLE.teamMember.email } })).json());
  });
});
