import { describe, expect, it } from 'vitest';
import { type ParseOptions, parseHumanDate, readLeadingDate } from './parse-dates.js';

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
