/**
 * Check-ins: which are due when, and whether each was met or missed. The one answer that status
 * (domain/status.ts), reminders, the calendar feed and the dashboard's "This week" panel share, so
 * they cannot disagree about a plan.
 *
 * One is due every `updateCadenceDays` after the start (start + cadence, start + 2 x cadence, ...)
 * up to the end date. A progress entry counts for a check-in when it is dated after the previous due
 * date (for the first: on or after the start date) and no later than `graceDays` after this due date;
 * each entry counts for one check-in only (the earliest it fits). A check-in is missed once its grace
 * has passed with no such entry. Entries dated after the measuring date do not count. A closed plan is
 * measured at its closing date (the earlier of today and the date of `closedAt`), so nothing of it
 * changes afterwards: callers that act on open check-ins skip closed plans. A draft has none: the
 * team member has not seen it, so nothing can be due from them yet.
 */
import { addDays } from './dates.js';
import type { CheckInStatus, ParsedPlan, PlanRecord } from './plan.js';

export type { CheckInState } from './plan.js';

/** `stage`: a draft counts no check-ins (none due, none missed) until it is shared; absent means shared. */
export type CheckInPlan = Pick<PlanRecord, 'startDate' | 'endDate' | 'updateCadenceDays' | 'state' | 'closedAt'> & Partial<Pick<PlanRecord, 'stage'>>;

export interface CheckIn extends CheckInStatus {
  /** The last day an entry still counts for it: `due` + graceDays. Missed from the day after. */
  graceEnds: string;
}

/** Every check-in due date: start + k x cadence for k >= 1, up to and including the end date. */
export function checkInDates(start: string, end: string, cadenceDays: number): string[] {
  const dates: string[] = [];
  if (!(cadenceDays >= 1)) return dates;
  for (let due = addDays(start, cadenceDays); due <= end; due = addDays(due, cadenceDays)) dates.push(due);
  return dates;
}

/** The date a plan is measured at: today, or its closing date once closed (whichever is earlier). */
export function measuredOn(plan: Pick<PlanRecord, 'state' | 'closedAt'>, today: string): string {
  const closedOn = plan.state === 'closed' ? plan.closedAt?.slice(0, 10) : undefined;
  return closedOn !== undefined && closedOn < today ? closedOn : today;
}

/** The entry dates that count at `at` (none dated later), sorted. */
export function countedEntryDates(parsed: ParsedPlan | null, at: string): string[] {
  return (parsed?.progressEntries ?? [])
    .map((entry) => entry.date)
    .filter((date) => date <= at)
    .sort();
}

/**
 * Match sorted entry dates (as `countedEntryDates` gives them) to the plan's check-ins at `at`.
 * Windows and due dates both move forward, so taking the earliest unused entry is always the best matching.
 */
export function matchCheckIns(plan: Pick<CheckInPlan, 'startDate' | 'endDate' | 'updateCadenceDays'>, entryDates: readonly string[], at: string, graceDays: number): CheckIn[] {
  const dues = checkInDates(plan.startDate, plan.endDate, plan.updateCadenceDays);
  let unused = 0;
  return dues.map((due, k): CheckIn => {
    const after = k === 0 ? addDays(plan.startDate, -1) : (dues[k - 1] ?? plan.startDate);
    const graceEnds = addDays(due, graceDays);
    while (unused < entryDates.length && (entryDates[unused] ?? '') <= after) unused++;
    const next = entryDates[unused];
    if (next !== undefined && next <= graceEnds) {
      unused++;
      return { due, graceEnds, state: 'met', metOn: next };
    }
    return { due, graceEnds, state: at > graceEnds ? 'missed' : 'open', metOn: null };
  });
}

/** The plan's check-ins as of `today`, each met, missed or open (see the top of this file). */
export function planCheckIns(plan: CheckInPlan, parsed: ParsedPlan | null, today: string, graceDays: number): CheckIn[] {
  if (plan.stage === 'draft') return [];
  const at = measuredOn(plan, today);
  return matchCheckIns(plan, countedEntryDates(parsed, at), at, graceDays);
}
