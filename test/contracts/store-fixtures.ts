import type { ParsedPlan, PlanStatus } from '../../service/src/domain/plan.js';
import type { NewPlan } from '../../service/src/store/types.js';

/** A plan intent as the create use case records it; `n` makes its id and party emails unique. */
export function newPlan(n: number, overrides: Partial<NewPlan> = {}): NewPlan {
  return {
    id: `plan-${n}`,
    provider: 'local',
    kind: 'growth',
    stage: 'shared',
    teamMember: { email: `member${n}@example.com`, name: `Member ${n}` },
    manager: { email: `manager${n}@example.com`, name: `Manager ${n}` },
    managersManager: { email: `director${n}@example.com`, name: `Director ${n}` },
    hr: { email: 'hr@example.com', name: 'Hana HR' },
    developmentArea: 'Giving clear feedback',
    currentState: 'Feedback arrives late and vague; "it’s fine" — quotes, accents (é) and emoji 🎯 survive.',
    goalState: 'Within 30 days, gives written feedback on every review within 2 working days.',
    activities: [{ title: 'Read the feedback guide', owner: `Member ${n}`, due: '2026-12-10' }, { title: 'Shadow two reviews' }],
    supportAssets: 'Weekly 1:1, the feedback guide',
    updateCadenceDays: 7,
    startDate: '2026-12-01',
    endDate: '2026-12-31',
    createdBy: `manager${n}@example.com`,
    createdAt: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`,
    ...overrides,
  };
}

export const parsedPlan: ParsedPlan = {
  activities: [
    { title: 'Read the feedback guide', owner: 'Member 1', due: '2026-12-10', status: 'done' },
    { title: 'Shadow two reviews', status: 'in_progress' },
  ],
  progressEntries: [{ date: '2026-12-03', text: 'Read the guide', by: 'Member 1' }],
  warnings: ['Row 4 of the Progress log has no date'],
};

export const planStatus: PlanStatus = {
  phase: 'active',
  health: 'on_track',
  day: 5,
  totalDays: 31,
  percentElapsed: 16,
  activities: { done: 1, total: 2 },
  progressEntries: 1,
  lastEntryDate: '2026-12-03',
  nextCheckInDue: '2026-12-08',
  missedCheckIns: 0,
  checkIns: [
    { due: '2026-12-08', state: 'open', metOn: null },
    { due: '2026-12-15', state: 'open', metOn: null },
    { due: '2026-12-22', state: 'open', metOn: null },
    { due: '2026-12-29', state: 'open', metOn: null },
  ],
};
