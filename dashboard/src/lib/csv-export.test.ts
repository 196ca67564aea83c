/**
 * The overview's CSV export opens in spreadsheets: cells are quoted as RFC 4180 says, and a name
 * that starts like a formula (`=HYPERLINK(...)`) stays text instead of running.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['Name', 'Note'],
        [
          ['Lima, Ana', 'said "hi"\nthen left'],
          ['Bo', null],
        ],
      ),
    ).toBe('Name,Note\r\n"Lima, Ana","said ""hi""\nthen left"\r\nBo,\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas, but not numbers', () => {
    const csv = toCsv(
      ['Name', 'Missed'],
      [
        ['=HYPERLINK("http://evil.test","x")', 2],
        ['+1 555', -1],
        ['@SUM(A1)', 0],
      ],
    );
    expect(csv.split('\r\n')).toEqual(['Name,Missed', `"'=HYPERLINK(""http://evil.test"",""x"")",2`, "'+1 555,-1", "'@SUM(A1),0", '']);
  });
});

describe('health in words (issue 22.3, 22.2)', async () => {
  const { healthWords } = await import('./format.js');
  const { csvRow, CSV_HEADER } = await import('./overview-table.js');
  type Row = Parameters<typeof csvRow>[0];
  const row = (over: Omit<Partial<Row>, 'status'> & { status?: Partial<Row['status']> }): Row => {
    const base = {
      id: 'p1',
      title: 'Coaching plan: Ana Lima, Dec 2026',
      provider: 'local',
      docUrl: null,
      teamMember: { name: 'Ana Lima', email: 'ana@acme.test' },
      manager: { name: 'Ben', email: 'ben@acme.test' },
      managersManager: { name: 'Cy', email: 'cy@acme.test' },
      hr: { name: 'HR', email: 'hr@acme.test' },
      developmentArea: 'Writing',
      startDate: '2026-12-01',
      endDate: '2026-12-31',
      state: 'ready',
      outcome: null,
      closedAt: null,
      sharing: { state: 'ok', issues: [] },
      kind: 'growth',
      stage: 'shared',
      alignment: null,
      agreement: { teamMember: null, manager: null },
    } as unknown as Row;
    const status = {
      phase: 'active',
      health: 'on_track',
      day: 3,
      totalDays: 30,
      percentElapsed: 10,
      activities: { done: 0, total: 2 },
      progressEntries: 0,
      lastEntryDate: null,
      nextCheckInDue: null,
      missedCheckIns: 0,
      checkIns: [],
      entryDates: [],
    } as unknown as Row['status'];
    return { ...base, ...over, status: { ...status, ...over.status } } as Row;
  };

  it('a plan not started is neutral "Not started", never a green "On track"', () => {
    expect(healthWords(row({ status: { phase: 'scheduled', health: 'on_track' } }))).toEqual({ label: 'Not started', className: 'health-not_started' });
    expect(healthWords(row({})).label).toBe('On track');
  });

  it('a closed plan shows its outcome instead of its health, in the table and the CSV', () => {
    const closed = row({ state: 'closed', outcome: 'partially_achieved', closedAt: '2026-12-20T10:00:00.000Z', status: { phase: 'closed', health: 'at_risk' } });
    expect(healthWords(closed).label).toBe('Partially achieved');
    const cells = csvRow(closed);
    expect(cells[CSV_HEADER.indexOf('Health')]).toBe('Partially achieved');
    expect(cells[CSV_HEADER.indexOf('Outcome')]).toBe('Partially achieved');
    expect(cells[CSV_HEADER.indexOf('Closed on')]).toBe('2026-12-20');
  });
});
