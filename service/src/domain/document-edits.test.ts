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
    expect(planDatesRewrite(document('From 1 Dec 2026 to 11 Dec 2026.', 'Check-ins are due on: 6 Dec 2026, 11 Dec 2026.'), SHIFTED)).toEqual({
      done: false,
      rewrite: [3, 5],
      noteAfter: null,
      checkInList: 'written',
    });
    // Notion writes block by block: the Timeline was written, the check-ins not yet.
    expect(planDatesRewrite(document('From 11 Dec 2026 to 21 Dec 2026.', 'Check-ins are due on: 6 Dec 2026, 11 Dec 2026.'), SHIFTED)).toEqual({
      done: false,
      rewrite: [5],
      noteAfter: null,
      checkInList: 'written',
    });
    expect(planDatesRewrite(document('From 11 Dec 2026 to 21 Dec 2026.', 'Check-ins are due on: 16 Dec 2026, 21 Dec 2026.'), SHIFTED).done).toBe(true);
  });
});

/** A plan of 1 Dec to 29 Dec with check-ins every 14 days, extended to 14 Jan: its list grows by one date. */
const EXTENDED: DatesChange = {
  from: '2026-12-29',
  to: '2027-01-14',
  checkIns: { from: '15 Dec 2026, 29 Dec 2026', to: '15 Dec 2026, 29 Dec 2026, 12 Jan 2027' },
  changedOn: '2026-12-20',
  changedBy: 'Ben (manager)',
};

/** The template's blocks, as a provider reads them, with the check-in sentence and Timeline given. */
const planDocument = (timeline: string, cadence: string, extra: EditableBlock[] = []): EditableBlock[] => [
  heading('Coaching plan: Ana, Dec 2026'),
  paragraph('This is a coaching plan: a structured investment in growth.'),
  heading('Timeline'),
  paragraph(timeline),
  heading('Update cadence'),
  paragraph(`We align on progress every 14 days. ${cadence}`),
  ...extra,
];

/** What a provider does with a plan: the planned paragraphs rewritten (Markdown, Docs and Notion alike). */
function applyPlan(blocks: EditableBlock[], change: DatesChange): EditableBlock[] {
  const plan = planDatesRewrite(blocks, change);
  if (plan.done) return blocks;
  return blocks.map((block, i) => (plan.rewrite.includes(i) ? { ...block, text: rewriteDates(block.text, change) } : block));
}

describe('an extension whose check-in list grows', () => {
  const before = planDocument('From 1 Dec 2026 to 29 Dec 2026.', 'Check-ins are due on: 15 Dec 2026, 29 Dec 2026.');

  it('rewrites the list once, with the end date beside it: run again, though the new list starts with the old one, it is done', () => {
    expect(planDatesRewrite(before, EXTENDED)).toEqual({ done: false, rewrite: [3, 5], noteAfter: null, checkInList: 'written' });
    const after = applyPlan(before, EXTENDED);
    expect(after[3]!.text).toBe('From 1 Dec 2026 to 14 Jan 2027.');
    // The old end date is in the list: it stays a check-in, the list is not moved date by date.
    expect(after[5]!.text).toBe('We align on progress every 14 days. Check-ins are due on: 15 Dec 2026, 29 Dec 2026, 12 Jan 2027.');
    expect(planDatesRewrite(after, EXTENDED)).toEqual({ done: true, rewrite: [], noteAfter: null, checkInList: 'present' });
    expect(rewriteDates(after[5]!.text, EXTENDED)).toBe(after[5]!.text);
    // Notion writes block by block: the Timeline was written, the list not yet; then only the list.
    const half = after.map((block, i) => (i === 5 ? before[5]! : block));
    expect(planDatesRewrite(half, EXTENDED)).toEqual({ done: false, rewrite: [5], noteAfter: null, checkInList: 'written' });
    expect(applyPlan(half, EXTENDED)).toEqual(after);
  });

  it('rewrites "at the end" only in the check-in sentence, never where people wrote it', () => {
    const first: DatesChange = { ...EXTENDED, from: '2026-12-10', checkIns: { from: 'at the end', to: '15 Dec 2026, 29 Dec 2026, 12 Jan 2027' } };
    const notes = [heading('Progress log'), paragraph('We review the goal at the end, together.')];
    const blocks = planDocument('From 1 Dec 2026 to 10 Dec 2026.', 'Check-ins are due on: at the end. We meet at the end of each month.', notes);
    const after = applyPlan(blocks, first);
    expect(after[5]!.text).toBe('We align on progress every 14 days. Check-ins are due on: 15 Dec 2026, 29 Dec 2026, 12 Jan 2027. We meet at the end of each month.');
    expect(after[7]!.text).toBe('We review the goal at the end, together.');
    expect(planDatesRewrite(after, first).done).toBe(true);
  });

  it('leaves a list people reworded or lengthened by hand as they wrote it, and still moves the end date', () => {
    for (const cadence of [
      'Check-ins: the 15th and the 29th.',
      'Check-ins are due on: 15 Dec 2026, 29 Dec 2026, 5 Jan 2027.',
      'Check-ins are due on: 15 Dec 2026 and 29 Dec 2026.',
    ]) {
      const blocks = planDocument('From 1 Dec 2026 to 29 Dec 2026.', cadence);
      expect(planDatesRewrite(blocks, EXTENDED)).toEqual({ done: false, rewrite: [3], noteAfter: null, checkInList: 'not_found' });
      const after = applyPlan(blocks, EXTENDED);
      expect(after[3]!.text).toBe('From 1 Dec 2026 to 14 Jan 2027.');
      expect(after[5]!.text).toBe(blocks[5]!.text);
      expect(planDatesRewrite(after, EXTENDED).done).toBe(true);
    }
  });

  it('moves only the end date for an extend recorded before the list was carried', () => {
    const { checkIns: _, ...recorded } = EXTENDED;
    const after = applyPlan(before, recorded);
    expect(after.map((block) => block.text)).toEqual([...before.slice(0, 3).map((block) => block.text), 'From 1 Dec 2026 to 14 Jan 2027.', 'Update cadence', before[5]!.text]);
  });
});
