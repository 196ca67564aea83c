/**
 * The dates of open plans as a person's calendar and "This week" show them. They carry what
 * reminders carry and nothing more, because a calendar is less private than the document: the team
 * member's name, the plan's title, the dates and the link to the document. Never the development
 * area, the activities or the progress entries.
 */
import type { CheckIn, CheckInState } from './check-ins.js';
import { readableDate } from './dates.js';

/** An open plan with its check-ins as of today (domain/check-ins.ts). */
export interface DatedPlan {
  id: string;
  /** "Coaching plan: Ana, Dec 2026" (templates/template.ts planTitle). */
  title: string;
  teamMember: { name: string };
  docUrl: string | null;
  endDate: string;
  checkIns: CheckIn[];
}

/** One all-day event. */
export interface PlanDateEvent {
  /** Stable per (plan, event): calendar apps update the event they have rather than add a second. */
  uid: string;
  /** YYYY-MM-DD: plan dates are calendar dates in TIME_ZONE, so the event is all-day on that date. */
  date: string;
  kind: 'check-in' | 'end';
  summary: string;
  description: string;
  url: string | null;
}

const CHECK_IN_WORDS: Record<CheckInState, string> = { open: 'due', met: 'made', missed: 'missed' };

/** The plan's check-ins (each due date, and whether it was made or missed) and its end date. */
export function planDateEvents(plan: DatedPlan, uidDomain: string): PlanDateEvent[] {
  const document = plan.docUrl ? `\nDocument: ${plan.docUrl}` : '';
  const count = plan.checkIns.length;
  const events = plan.checkIns.map((checkIn, k): PlanDateEvent => {
    const made = checkIn.metOn ? `Progress entry of ${readableDate(checkIn.metOn)} counted for it.` : `A progress entry dated by ${readableDate(checkIn.graceEnds)} counts for it.`;
    return {
      uid: `${plan.id}.check-in-${k + 1}@${uidDomain}`,
      date: checkIn.due,
      kind: 'check-in',
      summary: `Check-in ${k + 1} of ${count} ${CHECK_IN_WORDS[checkIn.state]}: ${plan.title}`,
      description: `Check-in due ${readableDate(checkIn.due)} for ${plan.teamMember.name}. ${made}${document}`,
      url: plan.docUrl,
    };
  });
  events.push({
    uid: `${plan.id}.end@${uidDomain}`,
    date: plan.endDate,
    kind: 'end',
    summary: `Plan ends: ${plan.title}`,
    description: `${plan.teamMember.name}'s coaching plan ends ${readableDate(plan.endDate)}: the manager closes it with an outcome.${document}`,
    url: plan.docUrl,
  });
  return events;
}

const OUTCOME_WORDS: Record<string, string> = { achieved: 'achieved', partially_achieved: 'partially achieved', not_achieved: 'not achieved' };

/**
 * A closed plan keeps one event: its end, now saying how it closed (the outcome, a word, never the
 * closing note). Same UID as the "Plan ends" event, so a subscribed calendar updates that event in
 * place. Dated the day it closed, or its end date if that came first.
 */
export function closedPlanEvent(plan: Omit<DatedPlan, 'checkIns'> & { closedAt: string | null; outcome: string | null }, uidDomain: string): PlanDateEvent {
  const closedOn = plan.closedAt?.slice(0, 10) ?? plan.endDate;
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings (Math.min would make them NaN).
  const date = closedOn < plan.endDate ? closedOn : plan.endDate;
  const outcome = plan.outcome ? (OUTCOME_WORDS[plan.outcome] ?? plan.outcome) : 'no outcome recorded';
  return {
    uid: `${plan.id}.end@${uidDomain}`,
    date,
    kind: 'end',
    summary: `Plan closed, ${outcome}: ${plan.title}`,
    description: `${plan.teamMember.name}'s coaching plan was closed on ${readableDate(closedOn)}: ${outcome}.${plan.docUrl ? `\nDocument: ${plan.docUrl}` : ''}`,
    url: plan.docUrl,
  };
}
