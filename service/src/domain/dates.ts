/**
 * Plan dates are calendar dates (YYYY-MM-DD), not instants. Arithmetic on them is done in UTC so
 * no local offset or daylight-saving change can shift a day; "today" is read in the configured zone
 * (domain/clock.ts). No imports: the dashboard shares these through http/api-types.ts.
 */
const MS_PER_DAY = 86_400_000;

function toUtcMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(toUtcMs(isoDate) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** "Dec 2026", for document titles people recognise. */
export function monthYear(isoDate: string): string {
  return new Date(toUtcMs(isoDate)).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "3 Dec 2026", for documents people read. */
export function readableDate(isoDate: string): string {
  return new Date(toUtcMs(isoDate)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
