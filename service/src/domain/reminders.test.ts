import { describe, expect, it } from 'vitest';
import type { ParsedPlan } from './plan.js';
import { dueReminders, type ReminderRules } from './reminders.js';

const rules: ReminderRules = { leadDays: 1, graceDays: 2, escalateAtMissed: 2 };
const entries = (...dates: string[]): ParsedPlan => ({ activities: [], progressEntries: dates.map((date) => ({ date, text: 'x' })), warnings: [] });
// Check-ins due 12-08, 12-15, 12-22, 12-29; ends 12-31.
const plan = (parsed: ParsedPlan, overrides: Partial<{ state: 'ready' | 'closed'; closedAt: string | null; endDate: string }> = {}) => ({
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  updateCadenceDays: 7,
  state: 'ready' as const,
  closedAt: null,
  parsed,
  ...overrides,
});

describe('dueReminders', () => {
  it('reminds the team member and the manager from the lead day up to the due date, while the check-in is open', () => {
    expect(dueReminders(plan(entries()), '2026-12-06', rules)).toEqual([]);
    expect(dueReminders(plan(entries()), '2026-12-07', rules)).toEqual([{ kind: 'check_in_due', date: '2026-12-08', to: ['teamMember', 'manager'] }]);
    expect(dueReminders(plan(entries()), '2026-12-08', rules)).toEqual([{ kind: 'check_in_due', date: '2026-12-08', to: ['teamMember', 'manager'] }]);
    // In its grace days the check-in is still open, but the reminder's day has passed.
    expect(dueReminders(plan(entries()), '2026-12-09', rules)).toEqual([]);
    expect(dueReminders(plan(entries()), '2026-12-05', { ...rules, leadDays: 3 })).toHaveLength(1);
    expect(dueReminders(plan(entries()), '2026-12-07', { ...rules, leadDays: 0 })).toEqual([]);
  });

  it('sends no due reminder for a check-in already met', () => {
    expect(dueReminders(plan(entries('2026-12-05')), '2026-12-07', rules)).toEqual([]);
  });

  it("tells the manager of the latest miss, and the manager's manager too from the escalation count", () => {
    expect(dueReminders(plan(entries()), '2026-12-11', rules)).toEqual([{ kind: 'check_in_missed', date: '2026-12-08', to: ['manager'], missed: 1 }]);
    expect(dueReminders(plan(entries()), '2026-12-18', rules)).toEqual([{ kind: 'check_in_missed', date: '2026-12-15', to: ['manager', 'managersManager'], missed: 2 }]);
    expect(dueReminders(plan(entries()), '2026-12-18', { ...rules, escalateAtMissed: 3 })[0]?.to).toEqual(['manager']);
  });

  it('asks the manager to close the plan from the end date until it is closed', () => {
    const ended = dueReminders(plan(entries('2026-12-05', '2026-12-12', '2026-12-19', '2026-12-26')), '2026-12-31', rules);
    expect(ended).toEqual([{ kind: 'plan_ending', date: '2026-12-31', to: ['manager'] }]);
    expect(dueReminders(plan(entries('2026-12-05', '2026-12-12', '2026-12-19', '2026-12-26')), '2027-01-20', rules)).toEqual(ended);
    expect(dueReminders(plan(entries(), { endDate: '2027-01-10' }), '2027-01-10', rules).map((r) => r.kind)).toEqual(['check_in_missed', 'plan_ending']);
  });

  it('gives a closed plan nothing', () => {
    expect(dueReminders(plan(entries(), { state: 'closed', closedAt: '2026-12-30T10:00:00.000Z' }), '2027-01-02', rules)).toEqual([]);
  });
});
