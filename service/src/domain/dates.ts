/**
 * Plan dates are calendar dates (YYYY-MM-DD), not instants. Arithmetic on them is done in UTC so
 * no local offset or daylight-saving change can shift a day; "today" is read in the configured zone
 * (domain/clock.ts). No imports: the dashboard shares these through http/api-types.ts.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic (H. Hinnant's days_from_civil):
 * the status of thousands of plans calls this many times per request, and a Date per call showed up
 * in profiles. Like Date.parse, day 29-31 of a shorter month runs on into the next month.
 */
function epochDay(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return NaN;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const year = Number(match[1]) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The YYYY-MM-DD of a day count since 1970-01-01 (civil_from_days). */
function isoOfEpochDay(days: number): string {
  if (!Number.isFinite(days)) throw new RangeError('Invalid time value');
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function toUtcMs(isoDate: string): number {
  return epochDay(isoDate) * MS_PER_DAY;
}

export function addDays(isoDate: string, days: number): string {
  return isoOfEpochDay(epochDay(isoDate) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

// Intl formatters are costly to build (about 0.1 ms each): made once, not once per plan title.
const MONTH_YEAR = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const READABLE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** As toLocaleDateString did: "Invalid Date" for text that is no date, where format() would throw. */
function formatDay(formatter: Intl.DateTimeFormat, isoDate: string): string {
  const ms = toUtcMs(isoDate);
  return Number.isNaN(ms) ? 'Invalid Date' : formatter.format(ms);
}

/** "Dec 2026", for document titles people recognise. */
export function monthYear(isoDate: string): string {
  return formatDay(MONTH_YEAR, isoDate);
}

/** "3 Dec 2026", for documents people read. */
export function readableDate(isoDate: string): string {
  return formatDay(READABLE, isoDate);
}
