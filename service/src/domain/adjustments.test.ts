import { describe, expect, it } from 'vitest';
import { carryAchievements, planAdjustments } from './adjustments.js';
import type { Activity, ParsedPlan } from './plan.js';

const reading = (activities: Activity[], goalState?: string): ParsedPlan => ({
  activities,
  progressEntries: [],
  warnings: [],
  parts: goalState === undefined ? {} : { goalState },
});
const shadow: Activity = { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10', status: 'in_progress' };
const course: Activity = { title: 'Writing course', owner: 'Ben', status: 'not_started' };

describe('planAdjustments', () => {
  it('names the goal state change with a short before and after', () => {
    const found = planAdjustments(
      reading([shadow], 'A weekly update every Friday.'),
      reading([shadow], 'A weekly update every Friday, rated useful by 3 of 4 readers.'),
      'form goal',
    );
    expect(found).toEqual([
      {
        part: 'goalState',
        message: 'Goal state changed from "A weekly update every Friday." to "A weekly update every Friday, rated useful by 3 of 4 readers.".',
        before: 'A weekly update every Friday.',
        after: 'A weekly update every Friday, rated useful by 3 of 4 readers.',
      },
    ]);
    // Only punctuation, spacing or case: no adjustment.
    expect(planAdjustments(reading([], 'A weekly update'), reading([], 'a weekly   update!'), '')).toEqual([]);
  });

  it('names activities added, removed, dropped, or given another owner or date, but not progress', () => {
    const before = reading([shadow, course, { title: 'Old idea', status: 'not_started' }]);
    const after = reading([
      { ...shadow, status: 'done', due: '2026-12-17' },
      { ...course, status: 'dropped' },
      { title: 'Present at the all-hands', owner: 'Ana', status: 'not_started' },
    ]);
    expect(planAdjustments(before, after, '').map((a) => a.message)).toEqual([
      'Activity "Shadow two customer calls": due 2026-12-10 to 2026-12-17.',
      'Activity "Writing course": dropped.',
      'Activity added: "Present at the all-hands".',
      'Activity removed: "Old idea".',
    ]);
    expect(planAdjustments(before, reading([{ ...shadow, status: 'done' }, course, { title: 'Old idea', status: 'in_progress' }]), '')).toEqual([]);
  });

  it('quotes at most 80 characters of plan text', () => {
    const [found] = planAdjustments(reading([], 'x'.repeat(500)), reading([], 'y'.repeat(500)), '');
    expect(found!.message.length).toBeLessThan(200);
  });
});

describe('carryAchievements', () => {
  it('keeps the date an activity was first read as Done, and dates a newly Done one today', () => {
    const first = carryAchievements(null, reading([{ ...shadow, status: 'done' }, course]), '2026-12-05');
    expect(first.activities.map((a) => a.doneOn)).toEqual(['2026-12-05', undefined]);
    const later = carryAchievements(
      first,
      reading([
        { ...shadow, status: 'done' },
        { ...course, status: 'done' },
      ]),
      '2026-12-09',
    );
    expect(later.activities.map((a) => a.doneOn)).toEqual(['2026-12-05', '2026-12-09']);
    // Back to In progress: no longer an achievement.
    expect(carryAchievements(later, reading([shadow, { ...course, status: 'done' }]), '2026-12-10').activities.map((a) => a.doneOn)).toEqual([undefined, '2026-12-09']);
  });

  it('keeps the date of a Done activity renamed in place, and dates a new Done row beside a kept one today', () => {
    const first = carryAchievements(null, reading([{ ...shadow, status: 'done' }, course]), '2026-12-05');
    // The typo fixed in the same row: the same achievement, the same date.
    const renamed = carryAchievements(first, reading([{ ...shadow, title: 'Shadow two customer calls with Ben', status: 'done' }, course]), '2026-12-09');
    expect(renamed.activities.map((a) => a.doneOn)).toEqual(['2026-12-05', undefined]);
    // A row inserted above moves the kept one down: it is matched by title, and the new Done row is dated today.
    const inserted = carryAchievements(
      renamed,
      reading([{ title: 'Pair on a release', status: 'done' }, { ...shadow, title: 'Shadow two customer calls with Ben', status: 'done' }, course]),
      '2026-12-12',
    );
    expect(inserted.activities.map((a) => a.doneOn)).toEqual(['2026-12-12', '2026-12-05', undefined]);
    // A row renamed and no longer Done carries nothing; Done again later, it is dated then.
    const undone = carryAchievements(inserted, reading([{ title: 'Pair on a release twice', status: 'in_progress' }, inserted.activities[1]!, course]), '2026-12-13');
    expect(undone.activities.map((a) => a.doneOn)).toEqual([undefined, '2026-12-05', undefined]);
  });
});
