import { describe, expect, it } from 'vitest';
import { type CheckInPlan, measuredOn, planCheckIns } from './check-ins.js';
import type { ParsedPlan } from './plan.js';

/** 1-31 December 2026, a check-in every 7 days: due 12-08, 12-15, 12-22, 12-29; grace 2 days. */
const december: CheckInPlan = { startDate: '2026-12-01', endDate: '2026-12-31', updateCadenceDays: 7, state: 'ready', closedAt: null };
const entries = (...dates: string[]): ParsedPlan => ({ activities: [], progressEntries: dates.map((date) => ({ date, text: 'update' })), warnings: [] });
const states = (plan: Partial<CheckInPlan>, doc: ParsedPlan | null, today: string) =>
  planCheckIns({ ...december, ...plan }, doc, today, 2).map((checkIn) => `${checkIn.due} ${checkIn.state}${checkIn.metOn ? ` ${checkIn.metOn}` : ''}`);

describe('planCheckIns', () => {
  it('gives each due date with its grace end', () => {
    expect(planCheckIns(december, null, '2026-11-20', 2)).toStrictEqual([
      { due: '2026-12-08', graceEnds: '2026-12-10', state: 'open', metOn: null },
      { due: '2026-12-15', graceEnds: '2026-12-17', state: 'open', metOn: null },
      { due: '2026-12-22', graceEnds: '2026-12-24', state: 'open', metOn: null },
      { due: '2026-12-29', graceEnds: '2026-12-31', state: 'open', metOn: null },
    ]);
  });

  it('an unmet check-in is open through its grace and missed the day after', () => {
    expect(states({}, entries(), '2026-12-10')[0]).toBe('2026-12-08 open');
    expect(states({}, entries(), '2026-12-11')[0]).toBe('2026-12-08 missed');
  });

  it('names the entry that met each check-in; an early entry meets the next one before it is due', () => {
    expect(states({}, entries('2026-12-09', '2026-12-12'), '2026-12-13')).toStrictEqual([
      '2026-12-08 met 2026-12-09',
      '2026-12-15 met 2026-12-12',
      '2026-12-22 open',
      '2026-12-29 open',
    ]);
  });

  it('an entry after the grace counts for the next check-in only; entries in the future do not count', () => {
    expect(states({}, entries('2026-12-11', '2026-12-20'), '2026-12-18')).toStrictEqual(['2026-12-08 missed', '2026-12-15 met 2026-12-11', '2026-12-22 open', '2026-12-29 open']);
  });

  it('a closed plan is measured at its closing date: nothing it owed later becomes missed', () => {
    const closed = { state: 'closed' as const, closedAt: '2026-12-16T10:00:00Z' };
    expect(measuredOn(closed, '2027-03-01')).toBe('2026-12-16');
    expect(states(closed, entries('2026-12-08', '2026-12-20'), '2027-03-01')).toStrictEqual(['2026-12-08 met 2026-12-08', '2026-12-15 open', '2026-12-22 open', '2026-12-29 open']);
  });

  it('a plan shorter than its cadence has no check-ins', () => {
    expect(planCheckIns({ ...december, updateCadenceDays: 31 }, entries('2026-12-05'), '2026-12-20', 2)).toStrictEqual([]);
  });
});
