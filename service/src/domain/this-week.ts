/**
 * The dashboard's "This week" for one person: check-ins due, check-ins missed, plans ending. "This
 * week" is today and the next 7 days in TIME_ZONE, as the overview's "Ending this week" count reads it.
 */
import { addDays } from './dates.js';
import type { DatedPlan } from './plan-dates.js';

export interface WeekItem {
  planId: string;
  title: string;
  teamMember: string;
  docUrl: string | null;
  /** The check-in's due date, or the plan's end date. */
  date: string;
}

/** One list of the panel: its first `limit` items by date, and how many there are in all. */
export interface WeekList {
  total: number;
  items: WeekItem[];
}

export interface ThisWeek {
  today: string;
  /** The last day of the week shown (today + 7). */
  until: string;
  /** Not made yet, due by `until`, including those already due that are still in their grace. */
  checkInsDue: WeekList;
  /** Whose grace ran out in the 7 days before today. */
  checkInsMissed: WeekList;
  /** Open plans whose end date is between today and `until`. */
  plansEnding: WeekList;
}

/** `plans` are open plans only: a closed plan owes nothing. */
export function thisWeek(plans: readonly DatedPlan[], today: string, limit = 50): ThisWeek {
  const until = addDays(today, 7);
  const weekAgo = addDays(today, -7);
  const due: WeekItem[] = [];
  const missed: WeekItem[] = [];
  const ending: WeekItem[] = [];
  for (const plan of plans) {
    const item = (date: string): WeekItem => ({ planId: plan.id, title: plan.title, teamMember: plan.teamMember.name, docUrl: plan.docUrl, date });
    for (const checkIn of plan.checkIns) {
      if (checkIn.state === 'open' && checkIn.due <= until && checkIn.graceEnds >= today) due.push(item(checkIn.due));
      else if (checkIn.state === 'missed' && checkIn.graceEnds >= weekAgo) missed.push(item(checkIn.due));
    }
    if (plan.endDate >= today && plan.endDate <= until) ending.push(item(plan.endDate));
  }
  const list = (items: WeekItem[]): WeekList => ({
    total: items.length,
    items: items.sort((a, b) => (a.date === b.date ? a.teamMember.localeCompare(b.teamMember) : a.date < b.date ? -1 : 1)).slice(0, limit),
  });
  return { today, until, checkInsDue: list(due), checkInsMissed: list(missed), plansEnding: list(ending) };
}
