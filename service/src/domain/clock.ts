import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The service's sense of time: instants for timestamps, and "today" as a calendar date in its zone. */
export interface Clock {
  now(): Date;
  /** YYYY-MM-DD in TIME_ZONE, so a plan does not flip to overdue at midnight UTC for a team in California. */
  today(): string;
}

export function todayIn(timeZone: string, now: Date = new Date()): string {
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd');
}

/** A clock reading `now` (tests pin it) and telling dates in `timeZone`. */
export function zonedClock(timeZone: string, now: () => Date = () => new Date()): Clock {
  return { now, today: () => todayIn(timeZone, now()) };
}
