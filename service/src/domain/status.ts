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
 * - **Check-ins** (domain/check-ins.ts says when each is due, met or missed): `missedCheckIns`
 *   counts the missed ones; `nextCheckInDue` is the earliest due date still open (grace not over,
 *   no entry yet); null when none is left, and for closed plans.
 * - **Activities**: `done` counts activities marked Done; `total` counts all but Dropped ones.
 * - **Draft** (domain/plan-stage.ts): no check-ins (none due, none missed) and no health of its
 *   own: `awaiting_alignment` until the manager's manager (or HR) aligns, then `awaiting_sharing`
 *   until the manager shares it, whatever its dates say.
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
import { countedEntryDates, matchCheckIns, measuredOn } from './check-ins.js';
import { daysBetween } from './dates.js';
import type { CheckInStatus, Health, ParsedPlan, Phase, PlanRecord, PlanStatus } from './plan.js';

export interface StatusThresholds {
  /** Days after a check-in's due date during which an entry still counts for it. */
  graceDays: number;
  /** At risk when percent elapsed minus percent of activities done exceeds this. */
  activityLagPercent: number;
  /** Off track when this many check-ins or more are missed. */
  offTrackMissedCheckIns: number;
}

/** `stage` and `alignment` absent: a plan shared with the four, as every plan was before drafts. */
export type StatusInput = Pick<PlanRecord, 'startDate' | 'endDate' | 'updateCadenceDays' | 'state' | 'closedAt'> & Partial<Pick<PlanRecord, 'stage' | 'alignment'>>;

export function computeStatus(plan: StatusInput, parsed: ParsedPlan | null, today: string, thresholds: StatusThresholds): PlanStatus {
  const { startDate: start, endDate: end } = plan;
  const closed = plan.state === 'closed';
  const at = measuredOn(plan, today);
  const phase: Phase = closed ? 'closed' : at < start ? 'scheduled' : at <= end ? 'active' : 'ended';

  const totalDays = Math.max(daysBetween(start, end), 0);
  const day = clamp(daysBetween(start, at) + 1, 0, totalDays);
  const percentElapsed = totalDays === 0 ? (at >= start ? 100 : 0) : clamp(Math.round((100 * day) / totalDays), 0, 100);

  const entries = parsed?.progressEntries ?? [];
  const entryDates = countedEntryDates(parsed, at);
  const draft = plan.stage === 'draft';
  const matched = draft ? [] : matchCheckIns(plan, entryDates, at, thresholds.graceDays);
  let missedCheckIns = 0;
  let nextCheckInDue: string | null = null;
  const checkIns: CheckInStatus[] = [];
  for (const checkIn of matched) {
    checkIns.push({ due: checkIn.due, state: checkIn.state, metOn: checkIn.metOn });
    if (checkIn.state === 'missed') missedCheckIns++;
    else if (checkIn.state === 'open' && !closed) nextCheckInDue ??= checkIn.due;
  }

  const activities = parsed?.activities ?? [];
  const done = activities.filter((activity) => activity.status === 'done').length;
  const total = activities.filter((activity) => activity.status !== 'dropped').length;

  const health = ((): Health => {
    // A draft waits for people, not for the team member's entries: never at risk, off track or overdue.
    if (draft) return plan.alignment ? 'awaiting_sharing' : 'awaiting_alignment';
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

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
