import type { PlanInput } from '../../service/src/domain/plan-schema.js';

/** A complete plan input (every default applied), the one sample tests share; override what a test varies. */
export function samplePlan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    teamMember: { email: 'ana@acme.test', name: 'Ana' },
    manager: { email: 'ben@acme.test', name: 'Ben' },
    managersManager: { email: 'cy@acme.test', name: 'Cy' },
    hr: { email: 'hr@acme.test', name: 'HR' },
    developmentArea: 'Stakeholder communication',
    currentState: 'Updates are irregular.',
    goalState: 'A weekly written update, every Friday.',
    activities: [
      { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10' },
      { title: 'Draft an update template', owner: 'Ana' },
    ],
    supportAssets: 'Weekly 1:1',
    updateCadenceDays: 7,
    startDate: '2026-12-01',
    endDate: '2026-12-31',
    provider: 'local',
    kind: 'growth',
    stage: 'shared',
    ...overrides,
  };
}
