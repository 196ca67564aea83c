import { describe, expect, it } from 'vitest';
import { type DatesChange, type EditableBlock, planDatesRewrite, rewriteDates } from './document-edits.js';

/** A draft of 1 Dec to 11 Dec with check-ins every 5 days, shared on 11 Dec: every old date is also a new one. */
const SHIFTED: DatesChange = {
  from: '2026-12-11',
  to: '2026-12-21',
  start: { from: '2026-12-01', to: '2026-12-11' },
  checkIns: { from: '6 Dec 2026, 11 Dec 2026', to: '16 Dec 2026, 21 Dec 2026' },
  changedOn: '2026-12-11',
  changedBy: 'Ben (manager)',
};

const paragraph = (text: string): EditableBlock => ({ type: 'paragraph', text });
const heading = (text: string): EditableBlock => ({ type: 'heading', text, level: 2 });

describe('moving the dates in a document', () => {
  it('moves each date once, even where an old date is also a new one', () => {
    expect(rewriteDates('From 1 Dec 2026 to 11 Dec 2026.', SHIFTED)).toBe('From 11 Dec 2026 to 21 Dec 2026.');
    expect(rewriteDates('Check-ins are due on: 6 Dec 2026, 11 Dec 2026.', SHIFTED)).toBe('Check-ins are due on: 16 Dec 2026, 21 Dec 2026.');
    expect(rewriteDates('From 2026-12-01 to 2026-12-11', SHIFTED)).toBe('From 2026-12-11 to 2026-12-21');
  });

  it('leaves a rewritten paragraph alone, and a date inside a longer one', () => {
    expect(rewriteDates('From 11 Dec 2026 to 21 Dec 2026.', SHIFTED)).toBe('From 11 Dec 2026 to 21 Dec 2026.');
    const single: DatesChange = { ...SHIFTED, checkIns: { from: '5 Dec 2026', to: '15 Dec 2026' } };
    expect(rewriteDates('Check-ins are due on: 15 Dec 2026.', single)).toBe('Check-ins are due on: 15 Dec 2026.');
  });

  it('is done once the Timeline names the new end and no old check-in list is left', () => {
    const document = (timeline: string, checkIns: string) => [
      heading('Title'),
      paragraph('Intro'),
      heading('Timeline'),
      paragraph(timeline),
      heading('Update cadence'),
      paragraph(checkIns),
    ];
    expect(planDatesRewrite(document('From 1 Dec 2026 to 11 Dec 2026.', 'Due on: 6 Dec 2026, 11 Dec 2026.'), SHIFTED)).toEqual({ done: false, rewrite: [3, 5], noteAfter: null });
    // Notion writes block by block: the Timeline was written, the check-ins not yet.
    expect(planDatesRewrite(document('From 11 Dec 2026 to 21 Dec 2026.', 'Due on: 6 Dec 2026, 11 Dec 2026.'), SHIFTED)).toEqual({ done: false, rewrite: [5], noteAfter: null });
    expect(planDatesRewrite(document('From 11 Dec 2026 to 21 Dec 2026.', 'Due on: 16 Dec 2026, 21 Dec 2026.'), SHIFTED).done).toBe(true);
  });
});
