import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthYear, readableDate } from './dates.js';

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
