import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthYear, type ParseOptions, parseHumanDate, readableDate, readLeadingDate } from './dates.js';

/** What addDays computed through Date objects before it became arithmetic. */
const viaDate = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('calendar dates without Date objects', () => {
  it('agrees with Date on every third day from 1890 to 2200, leap years and centuries included', () => {
    const disagreements: string[] = [];
    for (let t = Date.UTC(1890, 0, 1); t < Date.UTC(2200, 0, 1); t += 3 * 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      for (const days of [-400, -1, 0, 1, 28, 366]) if (addDays(iso, days) !== viaDate(iso, days)) disagreements.push(`${iso} + ${days}`);
      if (daysBetween('2026-01-01', iso) !== Math.round((t - Date.UTC(2026, 0, 1)) / 86_400_000)) disagreements.push(`2026-01-01 to ${iso}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('runs a day past the month on into the next, as Date.parse does, and refuses what is no date', () => {
    expect(addDays('2026-02-30', 0)).toBe('2026-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('next week', 1)).toThrow(RangeError);
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30);
  });

  it('formats titles and readable dates in UTC, whatever the machine zone', () => {
    expect(monthYear('2026-12-03')).toBe('Dec 2026');
    expect(monthYear('2027-01-01')).toBe('Jan 2027');
    expect(readableDate('2026-12-03')).toBe('3 Dec 2026');
    expect(readableDate('nope')).toBe('Invalid Date');
  });
});

const DMY: ParseOptions = { dateOrder: 'DMY', planStartDate: '2026-12-01' };
const MDY: ParseOptions = { dateOrder: 'MDY', planStartDate: '2026-12-01' };

describe('parseHumanDate', () => {
  const cases: Array<[string, string | null, string | null]> = [
    // text, read with DMY, read with MDY
    ['2026-12-03', '2026-12-03', '2026-12-03'],
    ['2026/12/3', '2026-12-03', '2026-12-03'],
    ['2026-12-03T10:00:00.000Z', '2026-12-03', '2026-12-03'],
    ['3 Dec 2026', '2026-12-03', '2026-12-03'],
    ['3 December 2026', '2026-12-03', '2026-12-03'],
    ['3rd of December, 2026', '2026-12-03', '2026-12-03'],
    ['Thu 3 Dec 2026', '2026-12-03', '2026-12-03'],
    ['Dec 3', '2026-12-03', '2026-12-03'],
    ['dec. 3', '2026-12-03', '2026-12-03'],
    ['December 3 2026', '2026-12-03', '2026-12-03'],
    ['Dec 3, 2026', '2026-12-03', '2026-12-03'],
    ['Thursday, December 3rd, 2026', '2026-12-03', '2026-12-03'],
    ['Sept 30 2026', '2026-09-30', '2026-09-30'],
    ['03/12/2026', '2026-12-03', '2026-03-12'],
    ['3/12/26', '2026-12-03', '2026-03-12'],
    ['3.12.2026', '2026-12-03', '2026-03-12'],
    ['03-12-2026', '2026-12-03', '2026-03-12'],
    ['3/12', '2026-12-03', '2027-03-12'],
    // an impossible reading in the configured order falls back to the other
    ['12/25/2026', '2026-12-25', '2026-12-25'],
    ['25/12/2026', '2026-12-25', '2026-12-25'],
    ['12/25', '2026-12-25', '2026-12-25'],
    // Notion date mentions arrive as plain text
    ['@December 3, 2026', '2026-12-03', '2026-12-03'],
    ['@Dec 3, 2026 10:00 AM', '2026-12-03', '2026-12-03'],
    ['@December 3, 2026 → December 5, 2026', '2026-12-03', '2026-12-03'],
    ['  2026-12-03  ', '2026-12-03', '2026-12-03'],
    // not dates
    ['', null, null],
    ['garbage', null, null],
    ['next week', null, null],
    ['2026-02-30', null, null],
    ['31/04/2026', null, null],
    ['32/13/2026', null, null],
    ['3 Decembre 2026', null, null],
    ['2026-12-03 and more', null, null],
    ['12', null, null],
  ];
  it.each(cases)('%j -> %s (DMY), %s (MDY)', (text, dmy, mdy) => {
    expect(parseHumanDate(text, DMY)).toBe(dmy);
    expect(parseHumanDate(text, MDY)).toBe(mdy);
  });

  const yearless: Array<[string, string, string]> = [
    // text, plan start, expected: the year that puts the date closest to the start
    ['Dec 3', '2026-12-01', '2026-12-03'],
    ['Jan 5', '2026-12-01', '2027-01-05'],
    ['30 Nov', '2026-12-01', '2026-11-30'],
    ['Dec 28', '2027-01-10', '2026-12-28'],
    ['3/1', '2026-12-20', '2027-01-03'],
    ['Jun 1', '2026-12-01', '2027-06-01'],
    ['Jun 2', '2026-12-01', '2026-06-02'],
    ['29 Feb', '2028-01-15', '2028-02-29'],
  ];
  it.each(yearless)('year-less %j with a plan starting %s -> %s', (text, planStartDate, expected) => {
    expect(parseHumanDate(text, { dateOrder: 'DMY', planStartDate })).toBe(expected);
  });

  it('29 February with no leap year near the plan is not a date', () => {
    expect(parseHumanDate('29 Feb', DMY)).toBeNull();
  });
});

describe('readLeadingDate', () => {
  const cases: Array<[string, { date: string; rest: string } | null]> = [
    ['2026-12-03: did x', { date: '2026-12-03', rest: 'did x' }],
    ['3 Dec 2026 - did x', { date: '2026-12-03', rest: 'did x' }],
    ['Dec 3: x', { date: '2026-12-03', rest: 'x' }],
    ['Dec 3 – first 1:1', { date: '2026-12-03', rest: 'first 1:1' }],
    ['3/12: x', { date: '2026-12-03', rest: 'x' }],
    ['[2026-12-03] x', { date: '2026-12-03', rest: 'x' }],
    ['@December 3, 2026 talked', { date: '2026-12-03', rest: 'talked' }],
    ['2026-12-03', { date: '2026-12-03', rest: '' }],
    // a bare fraction is not a date unless a separator follows it
    ['1/2 of the work is done', null],
    ['Did x on 2026-12-03', null],
    ['2026-12-03x', null],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(readLeadingDate(text, DMY)).toStrictEqual(expected);
  });
});
