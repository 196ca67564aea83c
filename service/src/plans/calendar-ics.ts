/**
 * iCalendar text (RFC 5545) through the `ics` package. `ics` validates every event with yup, which
 * costs up to a millisecond an event (npm run bench calendar), and HR's feed at 5,000 plans is 22,500
 * events. So each plan's events are rendered once and kept as text (calendar-feed.ts), and a feed is
 * the header `ics` writes, the kept events, and the footer.
 */
import { type EventAttributes, createEvents } from 'ics';
import type { PlanDateEvent } from '../domain/plan-dates.js';

const FOOTER = 'END:VCALENDAR\r\n';

function rendered(events: EventAttributes[], name: string): string {
  const { error, value } = createEvents(events, { productId: 'coaching-plans', calName: name });
  // Our events are built in code, so a refusal here is a bug, not bad input.
  if (error || !value) throw new Error(`[calendar] ics refused the feed: ${error?.message ?? 'no output'}`, { cause: error });
  return value;
}

/** The calendar's header (everything before the first event), as `ics` writes it. */
export function calendarHeader(name: string): string {
  return rendered([], name).slice(0, -FOOTER.length);
}

export function calendarFooter(): string {
  return FOOTER;
}

/** These events as VEVENT blocks, one all-day event each. */
export function eventBlocks(events: readonly PlanDateEvent[]): string {
  if (events.length === 0) return '';
  const text = rendered(
    events.map((event) => {
      const [year, month, day] = event.date.split('-').map(Number) as [number, number, number];
      // ics's types ask for an end or a duration; it accepts neither, and writes an end equal to the
      // start as none. Without one, a DATE start is one whole day, and validating one date array instead
      // of two halves what the events cost.
      return {
        uid: event.uid,
        // Three parts and no end: DTSTART;VALUE=DATE, an all-day event of one day (RFC 5545 3.6.1).
        start: [year, month, day],
        title: event.summary,
        description: event.description,
        ...(event.url ? { url: event.url } : {}),
        // Dates to keep in mind, not meetings: they do not block anyone's day.
        transp: 'TRANSPARENT',
        busyStatus: 'FREE',
        classification: 'PRIVATE',
      } as EventAttributes;
    }),
    'blocks',
  );
  return text.slice(text.indexOf('BEGIN:VEVENT'), -FOOTER.length);
}
