/**
 * The new-plan form checks a plan in the browser with the API's rules, so people see every problem
 * at once, under the field the API would name. These cases run the dashboard's validatePlan and the
 * service's checks on the same bodies (the request schema at the HTTP edge, then resolvePlanInput): every field the API rejects, the form rejects too,
 * and a body the form accepts, the API accepts.
 */
import { describe, expect, it } from 'vitest';
import { type PlanBody, validatePlan } from '../../dashboard/src/lib/plan-form.js';
import { planRequestSchema } from '../../service/src/domain/plan-schema.js';
import { zodIssueDetails } from '../../service/src/errors.js';
import { resolvePlanInput } from '../../service/src/plans/plan-input.js';

const valid = (): PlanBody => ({
  teamMember: { email: 'ana@acme.test', name: 'Ana' },
  manager: { email: 'ben@acme.test', name: 'Ben' },
  managersManager: { email: 'cy@acme.test', name: 'Cy' },
  hr: { email: 'hr@acme.test', name: 'HR' },
  developmentArea: 'Stakeholder communication',
  currentState: 'Irregular updates.',
  goalState: 'A weekly update every Friday.',
  activities: [{ title: 'Shadow two calls', owner: 'Ana', due: '2026-12-10' }],
  supportAssets: 'Weekly 1:1',
  updateCadenceDays: 7,
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  provider: 'local',
});

const defaults = { today: '2026-11-25', defaultProvider: 'local', hrDefault: { email: 'hr@acme.test', name: 'HR' }, enabledProviders: ['local'] };

function serverPaths(body: PlanBody): string[] {
  const request = planRequestSchema.safeParse(body);
  if (!request.success) return zodIssueDetails(request.error).map((i) => i.path);
  try {
    resolvePlanInput(request.data, defaults);
    return [];
  } catch (error) {
    const issues = (error as { issues?: { path: string }[] }).issues ?? [];
    expect(issues.length, 'the API names the fields it rejects').toBeGreaterThan(0);
    return issues.map((i) => i.path);
  }
}

const CASES: [string, (b: PlanBody) => void][] = [
  [
    'empty names and texts',
    (b) => {
      b.teamMember.name = '';
      b.developmentArea = '';
      b.currentState = '';
      b.goalState = '';
      b.supportAssets = '';
    },
  ],
  [
    'not an email',
    (b) => {
      b.manager.email = 'ben';
    },
  ],
  [
    'the same person twice',
    (b) => {
      b.managersManager.email = 'ben@acme.test';
    },
  ],
  [
    'HR is also the team member',
    (b) => {
      b.hr.email = 'ana@acme.test';
    },
  ],
  [
    'no activities',
    (b) => {
      b.activities = [];
    },
  ],
  [
    'an activity without a title',
    (b) => {
      b.activities.push({ title: '' });
    },
  ],
  [
    'an activity due after the end',
    (b) => {
      b.activities[0]!.due = '2027-01-05';
    },
  ],
  [
    'an activity due on an impossible date',
    (b) => {
      b.activities[0]!.due = '2026-02-30';
    },
  ],
  [
    'end before start',
    (b) => {
      b.endDate = '2026-11-20';
    },
  ],
  [
    'a plan of 120 days',
    (b) => {
      b.endDate = '2027-03-31';
    },
  ],
  [
    'cadence of zero',
    (b) => {
      b.updateCadenceDays = 0;
    },
  ],
  [
    'cadence of 31 days',
    (b) => {
      b.updateCadenceDays = 31;
    },
  ],
  [
    'cadence longer than the plan',
    (b) => {
      b.endDate = '2026-12-05';
      b.updateCadenceDays = 7;
      b.activities[0]!.due = '2026-12-03';
    },
  ],
  [
    'too long a development area',
    (b) => {
      b.developmentArea = 'x'.repeat(201);
    },
  ],
  [
    'thirty-one activities',
    (b) => {
      b.activities = Array.from({ length: 31 }, (_, i) => ({ title: `Step ${i}` }));
    },
  ],
];

describe('the new-plan form rejects what the API rejects, under the same paths', () => {
  it('accepts a valid plan, as the API does', () => {
    expect(validatePlan(valid())).toEqual([]);
    expect(serverPaths(valid())).toEqual([]);
  });

  for (const [name, change] of CASES) {
    it(name, () => {
      const body = valid();
      change(body);
      const client = new Set(validatePlan(body).map((i) => i.path));
      const server = serverPaths(body);
      expect(server.length, 'the case is one the API rejects').toBeGreaterThan(0);
      for (const path of server) expect(client, `the form also flags ${path}`).toContain(path);
    });
  }
});
