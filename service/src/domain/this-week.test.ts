import { describe, expect, it } from 'vitest';
import { planCheckIns } from './check-ins.js';
import type { DatedPlan } from './plan-dates.js';
import { thisWeek } from './this-week.js';

/** A weekly plan of `name` from `start` to `end`, with progress entries on these dates, as of `today`. */
function plan(name: string, start: string, end: string, entries: string[], today: string): DatedPlan {
  const parsed = { activities: [], warnings: [], progressEntries: entries.map((date) => ({ date, text: 'x' })) };
  const checkIns = planCheckIns({ startDate: start, endDate: end, updateCadenceDays: 7, state: 'ready', closedAt: null }, parsed, today, 2);
  return { id: name, title: `Coaching plan: ${name}`, teamMember: { name }, docUrl: null, endDate: end, checkIns };
}
const dates = (list: { items: { teamMember: string; date: string }[] }) => list.items.map((item) => `${item.teamMember} ${item.date}`);

describe('thisWeek', () => {
  // Today is Thursday 10 December 2026; the week shown runs to 17 December.
  const today = '2026-12-10';

  it('lists check-ins not made that are due by a week from today, also those still in their grace', () => {
    const week = thisWeek([plan('Ana', '2026-12-01', '2026-12-31', [], today), plan('Bo', '2026-12-04', '2027-01-03', ['2026-12-10'], today)], today);
    expect(week).toMatchObject({ today, until: '2026-12-17' });
    // Ana's 8 Dec check-in is in its grace until today; 15 Dec is due. Bo's 11 Dec one was made early.
    expect(dates(week.checkInsDue)).toEqual(['Ana 2026-12-08', 'Ana 2026-12-15']);
    expect(week.checkInsDue.total).toBe(2);
  });

  it('lists check-ins missed in the last 7 days, not older ones', () => {
    const week = thisWeek([plan('Cy', '2026-11-10', '2026-12-10', [], today)], today);
    // Due 17 Nov (grace to 19 Nov: long gone), 24 Nov (grace to 26 Nov), 1 Dec (grace to 3 Dec), 8 Dec (in grace).
    expect(dates(week.checkInsMissed)).toEqual(['Cy 2026-12-01']);
    expect(dates(week.checkInsDue)).toEqual(['Cy 2026-12-08']);
  });

  it('lists plans ending from today to a week from today, and caps each list', () => {
    const plans = ['2026-12-09', '2026-12-10', '2026-12-17', '2026-12-18'].map((end, i) => plan(`P${i}`, '2026-11-20', end, [], today));
    const week = thisWeek(plans, today, 1);
    expect(week.plansEnding).toEqual({ total: 2, items: [{ planId: 'P1', title: 'Coaching plan: P1', teamMember: 'P1', docUrl: null, date: '2026-12-10' }] });
  });

  it('is empty for someone with no open plans', () => {
    expect(thisWeek([], today)).toEqual({
      today,
      until: '2026-12-17',
      checkInsDue: { total: 0, items: [] },
      checkInsMissed: { total: 0, items: [] },
      plansEnding: { total: 0, items: [] },
    });
  });
});
