/**
 * Plan dates are calendar dates (YYYY-MM-DD), not instants. Arithmetic on them is done in UTC so
 * no local offset or daylight-saving change can shift a day; "today" is read in the configured zone
 * (domain/clock.ts). Dates people type into a document are read here too (parseHumanDate), into
 * the same YYYY-MM-DD. No imports: the dashboard shares these through http/api-types.ts.
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

// Reading the dates people type ----------------------------------------------------------------

/** How to read dates people type into a plan document. */
export interface ParseOptions {
  /** How to read 03/12/2026: day first (DMY, 3 December) or month first (MDY, 12 March). */
  dateOrder: 'DMY' | 'MDY';
  /** YYYY-MM-DD; a date written without a year takes the year that puts it closest to this. */
  planStartDate: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';
const TIME = '(?:(?:T|,?\\s+(?:at\\s+)?)\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s*[ap]\\.?m\\.?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';

type Reading = (match: RegExpExecArray, options: ParseOptions) => string | null;

/** Each form, anchored at the start; `yearless` forms need a separator after them to lead a text. */
const FORMS: Array<{ pattern: RegExp; read: Reading; yearless?: boolean }> = [
  // 2026-12-03, 2026/12/03
  { pattern: re(`(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}`), read: (m) => calendarDate(+m[1]!, +m[2]!, +m[3]!) },
  // 03/12/2026, 3/12/26, 3.12.2026, 03-12-2026
  { pattern: re(`(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?!\\d)${TIME}`), read: (m, o) => numeric(+m[1]!, +m[3]!, o, fullYear(m[4]!)) },
  // 3/12, 12/25
  { pattern: re(`(\\d{1,2})/(\\d{1,2})(?![\\d/])`), read: (m, o) => numeric(+m[1]!, +m[2]!, o), yearless: true },
  // 3 Dec 2026, 3rd of December, 2026, Thu 3 Dec
  {
    pattern: re(`${WEEKDAY}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?(?!\\d)${TIME}`),
    read: (m, o) => named(+m[1]!, m[2]!, m[3], o),
  },
  // Dec 3, December 3 2026, Dec 3, 2026, Thursday, December 3rd
  {
    pattern: re(`${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL}(?!\\d)(?:,?\\s+(\\d{4}))?(?!\\d)${TIME}`),
    read: (m, o) => named(+m[2]!, m[1]!, m[3], o),
  },
];

function re(source: string): RegExp {
  return new RegExp(`^${source}`, 'i');
}

/**
 * Reads a date as people write it: 2026-12-03, 3 Dec 2026, 3 December 2026, Dec 3, December 3 2026,
 * Dec 3, 2026, 03/12/2026, 3/12/26, 3.12.2026 (a leading `@` of a Notion mention is ignored).
 * Numeric dates follow `dateOrder`, falling back to the other order when that reading is impossible
 * (25/12 in MDY is 25 December). Returns YYYY-MM-DD, or null when the text is not just a date.
 */
export function parseHumanDate(text: string, options: ParseOptions): string | null {
  const read = readLeadingDate(text, options);
  return read && (read.rest === '' || read.rest.startsWith('→')) ? read.date : null;
}

/** A date at the start of `text` ("2026-12-03: did x", "3 Dec 2026 - did x") and the text after it. */
export function readLeadingDate(text: string, options: ParseOptions): { date: string; rest: string } | null {
  const source = text
    .trim()
    .replace(/^@/, '')
    .replace(/^[[(](.+?)[\])]/, '$1');
  for (const form of FORMS) {
    const match = form.pattern.exec(source);
    if (!match) continue;
    const after = source.slice(match[0].length);
    const separator = /^\s*[:\-–—|,]/.test(after) || (!form.yearless && /^(\s|$)/.test(after)) || after.trim() === '';
    if (!separator) continue;
    const date = form.read(match, options);
    if (date) return { date, rest: after.replace(/^[\s:\-–—|,.]+/, '').trim() };
  }
  return null;
}

/** Day-month order from options, or the other order when that one is impossible. */
function numeric(first: number, second: number, options: ParseOptions, year?: number): string | null {
  const [day, month] = options.dateOrder === 'DMY' ? [first, second] : [second, first];
  return withYear(day, month, options, year) ?? withYear(month, day, options, year);
}

function named(day: number, monthName: string, year: string | undefined, options: ParseOptions): string | null {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  return withYear(day, month, options, year === undefined ? undefined : +year);
}

function withYear(day: number, month: number, options: ParseOptions, year?: number): string | null {
  if (year !== undefined) return calendarDate(year, month, day);
  const startYear = Number(options.planStartDate.slice(0, 4));
  const candidates = [startYear - 1, startYear, startYear + 1].map((y) => calendarDate(y, month, day)).filter((date): date is string => date !== null);
  const distance = (date: string): number => Math.abs(daysBetween(options.planStartDate, date));
  return candidates.reduce<string | null>((best, date) => (best === null || distance(date) < distance(best) ? date : best), null);
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/** YYYY-MM-DD when the date exists (no 31 April, 29 February only in leap years). */
function calendarDate(year: number, month: number, day: number): string | null {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || year < 1000 || year > 9999) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
