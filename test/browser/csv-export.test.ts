/**
 * The overview's CSV export opens in spreadsheets: cells are quoted as RFC 4180 says, and a name
 * that starts like a formula (`=HYPERLINK(...)`) stays text instead of running.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../dashboard/src/lib/csv.js';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(toCsv(['Name', 'Note'], [['Lima, Ana', 'said "hi"\nthen left'], ['Bo', null]])).toBe('Name,Note\r\n"Lima, Ana","said ""hi""\nthen left"\r\nBo,\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas, but not numbers', () => {
    const csv = toCsv(['Name', 'Missed'], [['=HYPERLINK("http://evil.test","x")', 2], ['+1 555', -1], ['@SUM(A1)', 0]]);
    expect(csv.split('\r\n')).toEqual(['Name,Missed', `"'=HYPERLINK(""http://evil.test"",""x"")",2`, "'+1 555,-1", "'@SUM(A1),0", '']);
  });
});
