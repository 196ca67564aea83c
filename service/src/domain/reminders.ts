/**
 * Which reminders a plan is owed today: a pure function of the plan, what was read from its
 * document and the date in TIME_ZONE. Sending them once is the ledger's business (store,
 * reminders/send-reminders.ts); this only says what is due.
 *
 * - `check_in_due`: from `leadDays` before a check-in's due date up to the due date itself, to the
 *   team member and the manager, while the check-in is open (no entry counts for it yet).
 * - `check_in_missed`: for the latest missed check-in (domain/check-ins.ts), to the manager, and
 *   also to the manager's manager once `escalateAtMissed` check-ins are missed. Only the latest:
 *   a service that was down, or reminders turned on mid-plan, tells the manager once, with the count,
 *   instead of once per old miss.
 * - `plan_ending`: from the end date until the plan is closed, to the manager: close it with an outcome.
 * - `alignment_due`: a draft waits for the manager's manager to align on it: to them, once (about
 *   the draft's start date). A draft gets no other reminder: it has no check-ins, and its team
 *   member must not hear of it.
 * Each stays due until it is sent, so one that could not be sent on its day goes out the next cycle
 * that can, while it still means something. Only ready plans get any (closed ones nothing).
 */
import { planCheckIns, type CheckInPlan } from './check-ins.js';
import { addDays } from './dates.js';
import type { Alignment, ParsedPlan } from './plan.js';

/** `hr_reminder`: HR's reminder about a missed check-in, sent from the plan page (plans/remind-plan.ts), once a day at most. */
/** `plan_closed` is a notice, not a reminder: sent once through the same ledger when a plan closes (plans/document-edits.ts). */
export const REMINDER_KINDS = ['check_in_due', 'check_in_missed', 'plan_ending', 'plan_closed', 'hr_reminder', 'alignment_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who a reminder is for, by the party's role on the plan. */
export type ReminderRole = 'teamMember' | 'manager' | 'managersManager';

export interface DueReminder {
  kind: Exclude<ReminderKind, 'plan_closed' | 'hr_reminder'>;
  /** The date it is about: the check-in's due date, the plan's end date, or (a draft) its start date. */
  date: string;
  to: ReminderRole[];
  /** check_in_missed: how many check-ins are missed so far. */
  missed?: number;
}

export interface ReminderRules {
  /** REMINDER_LEAD_DAYS: remind this many days before a check-in is due (0: on the day). */
  leadDays: number;
  /** CHECKIN_GRACE_DAYS: as for status, so a reminder and the dashboard never disagree. */
  graceDays: number;
  /** OFF_TRACK_MISSED_CHECKINS: from this many misses the manager's manager is told too. */
  escalateAtMissed: number;
}

export function dueReminders(plan: CheckInPlan & { parsed: ParsedPlan | null; alignment?: Alignment | null }, today: string, rules: ReminderRules): DueReminder[] {
  if (plan.state !== 'ready') return [];
  if (plan.stage === 'draft') return plan.alignment ? [] : [{ kind: 'alignment_due', date: plan.startDate, to: ['managersManager'] }];
  const checkIns = planCheckIns(plan, plan.parsed, today, rules.graceDays);
  const due: DueReminder[] = [];
  for (const checkIn of checkIns) {
    if (checkIn.state === 'open' && addDays(checkIn.due, -rules.leadDays) <= today && today <= checkIn.due) {
      due.push({ kind: 'check_in_due', date: checkIn.due, to: ['teamMember', 'manager'] });
    }
  }
  const missed = checkIns.filter((checkIn) => checkIn.state === 'missed');
  const latest = missed.at(-1);
  if (latest) {
    const to: ReminderRole[] = missed.length >= rules.escalateAtMissed ? ['manager', 'managersManager'] : ['manager'];
    due.push({ kind: 'check_in_missed', date: latest.due, to, missed: missed.length });
  }
  if (today >= plan.endDate) due.push({ kind: 'plan_ending', date: plan.endDate, to: ['manager'] });
  return due;
}
