/**
 * Plan status: a pure function of the plan, the parsed document and today's date.
 *
 * All dates are calendar dates (YYYY-MM-DD); "today" is the date in the configured time zone. A
 * closed plan is measured at its closing date (the earlier of today and the date of `closedAt`).
 *
 * - **Phase**: `closed` once the plan is closed; otherwise `scheduled` before the start date,
 *   `active` from the start date to the end date inclusive, `ended` after the end date.
 * - **Timeline**: `totalDays` is the number of days from start to end (1-31 December is 30).
 *   `day` counts the start date as day 1 and is clamped to 0..totalDays (0 before the start).
 *   `percentElapsed` is `day / totalDays` as a whole percentage, 0..100.
 * - **Check-ins**: one is due every `updateCadenceDays` after the start (start + cadence,
 *   start + 2 x cadence, ...) up to the end date. An entry counts for a check-in when it is dated
 *   after the previous due date (for the first: on or after the start date) and no later than
 *   `graceDays` after this due date; each entry counts for one check-in only (the earliest it
 *   fits). A check-in is missed once its grace has passed with no such entry. `nextCheckInDue` is the earliest due date still open (grace not over, no entry yet);
 *   null when none is left, and for closed plans. Entries dated after the measuring date do not count.
 * - **Activities**: `done` counts activities marked Done; `total` counts all but Dropped ones.
 * - **Health**, first that applies:
 *   - `overdue`: the end date has passed and the plan is not closed;
 *   - `on_track`: the plan has not started;
 *   - `off_track`: `offTrackMissedCheckIns` (2) or more check-ins missed, or no progress entry at
 *     all past the midpoint (more than 50% elapsed);
 *   - `at_risk`: one check-in missed, or the percentage of activities done trails the percentage of
 *     time elapsed by more than `activityLagPercent` (50) points;
 *   - `on_track` otherwise. A closed plan keeps the health it had when it was closed (never overdue).
 * - **Progress**: `progressEntries` is the number of entries read; `lastEntryDate` the latest one.
 *   A plan whose document has not been read yet counts as having no entries and no activities.
 */
import { addDays, daysBetween } from './dates.js';
import type { Health, ParsedPlan, Phase, PlanRecord, PlanStatus } from './plan.js';

export interface StatusThresholds {
  /** Days after a check-in's due date during which an entry still counts for it. */
  graceDays: number;
  /** At risk when percent elapsed minus percent of activities done exceeds this. */
  activityLagPercent: number;
  /** Off track when this many check-ins or more are missed. */
  offTrackMissedCheckIns: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { graceDays: 2, activityLagPercent: 50, offTrackMissedCheckIns: 2 };

export type StatusInput = Pick<PlanRecord, 'startDate' | 'endDate' | 'updateCadenceDays' | 'state' | 'closedAt'>;

export function computeStatus(plan: StatusInput, parsed: ParsedPlan | null, today: string, thresholds: StatusThresholds): PlanStatus {
  const { startDate: start, endDate: end } = plan;
  const closed = plan.state === 'closed';
  const closedOn = plan.closedAt?.slice(0, 10);
  const at = closed && closedOn !== undefined && closedOn < today ? closedOn : today;
  const phase: Phase = closed ? 'closed' : at < start ? 'scheduled' : at <= end ? 'active' : 'ended';

  const totalDays = Math.max(daysBetween(start, end), 0);
  const day = clamp(daysBetween(start, at) + 1, 0, totalDays);
  const percentElapsed = totalDays === 0 ? (at >= start ? 100 : 0) : clamp(Math.round((100 * day) / totalDays), 0, 100);

  const entries = parsed?.progressEntries ?? [];
  const entryDates = entries.map((entry) => entry.date).filter((date) => date <= at).sort();
  const checkIns = checkInDates(start, end, plan.updateCadenceDays);
  let missedCheckIns = 0;
  let nextCheckInDue: string | null = null;
  // Each entry counts for one check-in: the earliest open one whose window holds it. Windows and
  // due dates both move forward, so taking the earliest unused entry is always the best matching.
  let unused = 0;
  checkIns.forEach((due, k) => {
    const after = k === 0 ? addDays(start, -1) : (checkIns[k - 1] ?? start);
    const graceEnd = addDays(due, thresholds.graceDays);
    while (unused < entryDates.length && (entryDates[unused] ?? '') <= after) unused++;
    if (unused < entryDates.length && (entryDates[unused] ?? '') <= graceEnd) {
      unused++;
      return;
    }
    if (at > graceEnd) missedCheckIns++;
    else nextCheckInDue ??= due;
  });
  if (closed) nextCheckInDue = null;

  const activities = parsed?.activities ?? [];
  const done = activities.filter((activity) => activity.status === 'done').length;
  const total = activities.filter((activity) => activity.status !== 'dropped').length;

  const health = ((): Health => {
    if (phase === 'ended') return 'overdue';
    if (phase === 'scheduled') return 'on_track';
    if (missedCheckIns >= thresholds.offTrackMissedCheckIns) return 'off_track';
    if (entryDates.length === 0 && percentElapsed > 50) return 'off_track';
    if (missedCheckIns >= 1) return 'at_risk';
    if (total > 0 && percentElapsed - (100 * done) / total > thresholds.activityLagPercent) return 'at_risk';
    return 'on_track';
  })();

  const lastEntryDate = entries.reduce<string | null>((latest, entry) => (latest === null || entry.date > latest ? entry.date : latest), null);
  return {
    phase,
    health,
    day,
    totalDays,
    percentElapsed,
    activities: { done, total },
    progressEntries: entries.length,
    lastEntryDate,
    nextCheckInDue,
    missedCheckIns,
    checkIns,
  };
}

/** Every check-in due date: start + k x cadence for k >= 1, up to and including the end date. */
export function checkInDates(start: string, end: string, cadenceDays: number): string[] {
  const dates: string[] = [];
  if (!(cadenceDays >= 1)) return dates;
  for (let due = addDays(start, cadenceDays); due <= end; due = addDays(due, cadenceDays)) dates.push(due);
  return dates;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
