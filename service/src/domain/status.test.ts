import { describe, expect, it } from 'vitest';
import type { Activity, ActivityStatus, ParsedPlan, PlanStatus } from './plan.js';
import { checkInDates } from './check-ins.js';
import { type StatusInput, type StatusThresholds, computeStatus } from './status.js';

/** CHECKIN_GRACE_DAYS, ACTIVITY_LAG_PERCENT and OFF_TRACK_MISSED_CHECKINS at their defaults (config.ts). */
const THRESHOLDS: StatusThresholds = { graceDays: 2, activityLagPercent: 50, offTrackMissedCheckIns: 2 };

/** 1-31 December 2026, a check-in every 7 days: due 12-08, 12-15, 12-22, 12-29. */
const december: StatusInput = { startDate: '2026-12-01', endDate: '2026-12-31', updateCadenceDays: 7, state: 'ready', closedAt: null };

function parsed(entryDates: string[], statuses: ActivityStatus[] = []): ParsedPlan {
  const activities: Activity[] = statuses.map((status, i) => ({ title: `Activity ${i + 1}`, status }));
  return { activities, progressEntries: entryDates.map((date) => ({ date, text: 'update' })), warnings: [] };
}

const status = (plan: Partial<StatusInput>, doc: ParsedPlan | null, today: string): PlanStatus => computeStatus({ ...december, ...plan }, doc, today, THRESHOLDS);

describe('computeStatus: timeline and phase', () => {
  const cases: Array<[string, string, Partial<PlanStatus>]> = [
    ['two days before start', '2026-11-29', { phase: 'scheduled', day: 0, percentElapsed: 0, health: 'on_track' }],
    ['day before start', '2026-11-30', { phase: 'scheduled', day: 0, percentElapsed: 0, nextCheckInDue: '2026-12-08' }],
    ['first day', '2026-12-01', { phase: 'active', day: 1, totalDays: 30, percentElapsed: 3 }],
    ['midpoint', '2026-12-15', { phase: 'active', day: 15, percentElapsed: 50 }],
    ['second to last day', '2026-12-30', { phase: 'active', day: 30, percentElapsed: 100 }],
    ['last day', '2026-12-31', { phase: 'active', day: 30, percentElapsed: 100, nextCheckInDue: null }],
    ['day after end', '2027-01-01', { phase: 'ended', day: 30, percentElapsed: 100, health: 'overdue', nextCheckInDue: null }],
  ];
  it.each(cases)('%s (%s)', (_name, today, expected) => {
    expect(status({}, parsed(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']), today)).toMatchObject(expected);
  });

  it('an ended plan is overdue even with every check-in made', () => {
    expect(status({}, parsed(['2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29'], ['done']), '2027-01-05').health).toBe('overdue');
  });
});

describe('computeStatus: check-ins', () => {
  const cases: Array<[string, string[], string, Partial<PlanStatus>]> = [
    ['nothing due yet', [], '2026-12-05', { missedCheckIns: 0, nextCheckInDue: '2026-12-08', health: 'on_track' }],
    ['entry on its due date', ['2026-12-08'], '2026-12-12', { missedCheckIns: 0, nextCheckInDue: '2026-12-15' }],
    ['entry within grace', ['2026-12-09'], '2026-12-12', { missedCheckIns: 0, nextCheckInDue: '2026-12-15' }],
    ['entry on the last grace day', ['2026-12-10'], '2026-12-11', { missedCheckIns: 0, health: 'on_track' }],
    ['entry just after grace (counts for the next one)', ['2026-12-11'], '2026-12-11', { missedCheckIns: 1, health: 'at_risk', nextCheckInDue: '2026-12-22' }],
    ['entry on the start date counts for the first', ['2026-12-01'], '2026-12-12', { missedCheckIns: 0, nextCheckInDue: '2026-12-15' }],
    ['entry before the start does not count', ['2026-11-30'], '2026-12-12', { missedCheckIns: 1, health: 'at_risk' }],
    ['due date still in grace is next, not missed', [], '2026-12-10', { missedCheckIns: 0, nextCheckInDue: '2026-12-08' }],
    ['one missed the day grace ends', [], '2026-12-11', { missedCheckIns: 1, health: 'at_risk', nextCheckInDue: '2026-12-15' }],
    ['an entry made early closes the next check-in', ['2026-12-12'], '2026-12-13', { missedCheckIns: 1, nextCheckInDue: '2026-12-22' }],
    ['an entry dated in the future does not count', ['2026-12-14'], '2026-12-12', { missedCheckIns: 1, nextCheckInDue: '2026-12-15', progressEntries: 1 }],
    ['two missed is off track', [], '2026-12-18', { missedCheckIns: 2, health: 'off_track' }],
    ['one late entry does not count for two check-ins', ['2026-12-10'], '2026-12-18', { missedCheckIns: 1, health: 'at_risk' }],
    ['two entries in one window count for two check-ins', ['2026-12-09', '2026-12-10'], '2026-12-18', { missedCheckIns: 0, nextCheckInDue: '2026-12-22' }],
    ['an unmet check-in does not use up a later entry', ['2026-12-16'], '2026-12-18', { missedCheckIns: 1, nextCheckInDue: '2026-12-22' }],
    [
      'every check-in made',
      ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'],
      '2026-12-31',
      { missedCheckIns: 0, nextCheckInDue: null, health: 'on_track', progressEntries: 4, lastEntryDate: '2026-12-28' },
    ],
  ];
  it.each(cases)('%s', (_name, entries, today, expected) => {
    expect(status({}, parsed(entries, ['done']), today)).toMatchObject(expected);
  });

  it('two missed check-ins early in a long plan are off track (not the midpoint rule)', () => {
    const long = { endDate: '2027-02-28' };
    expect(status(long, parsed([], ['done']), '2026-12-17')).toMatchObject({ missedCheckIns: 1, health: 'at_risk', percentElapsed: 19 });
    expect(status(long, parsed([], ['done']), '2026-12-18')).toMatchObject({ missedCheckIns: 2, health: 'off_track', percentElapsed: 20 });
  });

  it('lists check-ins when the cadence does not divide the plan length', () => {
    expect(checkInDates('2026-12-01', '2026-12-31', 7)).toStrictEqual(['2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']);
    expect(checkInDates('2026-12-01', '2026-12-31', 8)).toStrictEqual(['2026-12-09', '2026-12-17', '2026-12-25']);
    expect(checkInDates('2026-12-01', '2026-12-31', 30)).toStrictEqual(['2026-12-31']);
    expect(checkInDates('2026-12-01', '2026-12-31', 31)).toStrictEqual([]);
    expect(checkInDates('2026-12-01', '2026-12-31', 0)).toStrictEqual([]);
    const eight = status({ updateCadenceDays: 8 }, parsed(['2026-12-09', '2026-12-17', '2026-12-25']), '2026-12-31');
    expect(eight).toMatchObject({ missedCheckIns: 0, nextCheckInDue: null });
    expect(eight.checkIns.map((checkIn) => checkIn.due)).toStrictEqual(['2026-12-09', '2026-12-17', '2026-12-25']);
  });

  it('says of each check-in whether it was met (and by which entry), missed, or is still open', () => {
    expect(status({}, parsed(['2026-12-07']), '2026-12-18').checkIns).toStrictEqual([
      { due: '2026-12-08', state: 'met', metOn: '2026-12-07' },
      { due: '2026-12-15', state: 'missed', metOn: null },
      { due: '2026-12-22', state: 'open', metOn: null },
      { due: '2026-12-29', state: 'open', metOn: null },
    ]);
  });
});

describe('computeStatus: health from progress and activities', () => {
  /** A check-in every 14 days (12-15, 12-29) so the midpoint and lag rules show on their own. */
  const fortnightly = { updateCadenceDays: 14 };
  const cases: Array<[string, string[], ActivityStatus[], string, Partial<PlanStatus>]> = [
    ['exactly half elapsed, no entries', [], [], '2026-12-15', { percentElapsed: 50, health: 'on_track' }],
    ['past the midpoint, no entries', [], [], '2026-12-16', { percentElapsed: 53, missedCheckIns: 0, health: 'off_track' }],
    ['past the midpoint with an entry', ['2026-12-02'], [], '2026-12-16', { health: 'on_track' }],
    ['activities behind by 32 points', ['2026-12-02'], ['done', 'not_started', 'not_started', 'not_started'], '2026-12-17', { percentElapsed: 57, health: 'on_track' }],
    [
      'activities behind by 65 points',
      ['2026-12-02', '2026-12-20'],
      ['done', 'in_progress', 'not_started', 'not_started'],
      '2026-12-27',
      { percentElapsed: 90, health: 'at_risk', activities: { done: 1, total: 4 } },
    ],
    [
      'dropped activities do not count',
      ['2026-12-02', '2026-12-20'],
      ['done', 'not_started', 'dropped', 'dropped'],
      '2026-12-27',
      { health: 'on_track', activities: { done: 1, total: 2 } },
    ],
    ['no activities never lag', ['2026-12-02', '2026-12-20'], ['dropped'], '2026-12-27', { health: 'on_track', activities: { done: 0, total: 0 } }],
  ];
  it.each(cases)('%s', (_name, entries, statuses, today, expected) => {
    expect(status(fortnightly, parsed(entries, statuses), today)).toMatchObject(expected);
  });

  it('a document not read yet counts as nothing', () => {
    expect(status({}, null, '2026-12-05')).toStrictEqual({
      phase: 'active',
      health: 'on_track',
      day: 5,
      totalDays: 30,
      percentElapsed: 17,
      activities: { done: 0, total: 0 },
      progressEntries: 0,
      lastEntryDate: null,
      nextCheckInDue: '2026-12-08',
      missedCheckIns: 0,
      checkIns: [
        { due: '2026-12-08', state: 'open', metOn: null },
        { due: '2026-12-15', state: 'open', metOn: null },
        { due: '2026-12-22', state: 'open', metOn: null },
        { due: '2026-12-29', state: 'open', metOn: null },
      ],
    });
  });

  it('takes the latest entry date whatever the order', () => {
    expect(status({}, parsed(['2026-12-09', '2026-12-03', '2026-12-06']), '2026-12-10')).toMatchObject({ lastEntryDate: '2026-12-09', progressEntries: 3 });
  });
});

describe('computeStatus: closed plans', () => {
  const closed = { state: 'closed' as const, closedAt: '2026-12-20T16:30:00.000Z' };
  const cases: Array<[string, string[], string, Partial<PlanStatus>]> = [
    [
      'measured at the closing date, long after the end',
      ['2026-12-05', '2026-12-14'],
      '2027-02-01',
      { phase: 'closed', day: 20, percentElapsed: 67, health: 'on_track', missedCheckIns: 0, nextCheckInDue: null },
    ],
    ['keeps the health it had at closing', [], '2027-02-01', { phase: 'closed', health: 'off_track', missedCheckIns: 2 }],
    ['entries after closing do not change it', ['2026-12-05', '2026-12-24'], '2027-02-01', { missedCheckIns: 1, health: 'at_risk' }],
    ['measured today when the closing date is later (clock skew)', ['2026-12-05'], '2026-12-12', { day: 12, missedCheckIns: 0 }],
  ];
  it.each(cases)('%s', (_name, entries, today, expected) => {
    expect(status(closed, parsed(entries, ['done']), today)).toMatchObject(expected);
  });

  it('closed after the end date is never overdue', () => {
    const late = { state: 'closed' as const, closedAt: '2027-01-05T09:00:00Z' };
    expect(status(late, parsed(['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'], ['done']), '2027-03-01')).toMatchObject({ phase: 'closed', health: 'on_track', day: 30 });
  });
});
