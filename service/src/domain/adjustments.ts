/**
 * What changed in the plan between two readings of its document, as the handbook's "feedback and
 * adjustments": the goal state's text, and activities added, removed, dropped or moved to another
 * owner or date. A status moving towards Done is progress, not an adjustment (it is an achievement:
 * see `carryAchievements`). Pure and linear in the number of activities.
 */
import type { AuditInput } from './audit.js';
import type { Activity, ParsedPlan, PlanRecord } from './plan.js';
import { words } from './parse-sections.js';

export interface Adjustment {
  part: 'goalState' | 'activities';
  /** One short sentence with the before and after. */
  message: string;
  before: string | null;
  after: string | null;
}

const SHORT = 80;
/** A short quote of plan text for the audit: one line, at most 80 characters. */
export function shortQuote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > SHORT ? `${line.slice(0, SHORT - 1)}…` : line}"`;
}

const keyOf = (activity: Activity) => words(activity.title);

function byTitle(activities: Activity[]): Map<string, Activity> {
  const map = new Map<string, Activity>();
  for (const activity of activities) if (!map.has(keyOf(activity))) map.set(keyOf(activity), activity);
  return map;
}

/** The adjustments from `before` to `after`; `formGoal` stands in for a goal state a reading did not find. */
export function planAdjustments(before: ParsedPlan, after: ParsedPlan, formGoal: string): Adjustment[] {
  const found: Adjustment[] = [];
  const goalBefore = before.parts?.goalState ?? formGoal;
  const goalAfter = after.parts?.goalState ?? formGoal;
  if (words(goalBefore) !== words(goalAfter)) {
    found.push({ part: 'goalState', message: `Goal state changed from ${shortQuote(goalBefore)} to ${shortQuote(goalAfter)}.`, before: goalBefore, after: goalAfter });
  }
  const old = byTitle(before.activities);
  const now = byTitle(after.activities);
  for (const [key, activity] of now) {
    const was = old.get(key);
    const name = shortQuote(activity.title);
    if (!was) {
      found.push({ part: 'activities', message: `Activity added: ${name}.`, before: null, after: activity.title });
      continue;
    }
    const changes: string[] = [];
    if ((was.owner ?? '') !== (activity.owner ?? '')) changes.push(`owner ${was.owner ?? '(none)'} to ${activity.owner ?? '(none)'}`);
    if ((was.due ?? '') !== (activity.due ?? '')) changes.push(`due ${was.due ?? '(none)'} to ${activity.due ?? '(none)'}`);
    if ((was.status === 'dropped') !== (activity.status === 'dropped')) changes.push(activity.status === 'dropped' ? 'dropped' : 'taken up again');
    if (changes.length > 0) found.push({ part: 'activities', message: `Activity ${name}: ${changes.join(', ')}.`, before: describe(was), after: describe(activity) });
  }
  for (const [key, activity] of old) {
    if (!now.has(key)) found.push({ part: 'activities', message: `Activity removed: ${shortQuote(activity.title)}.`, before: activity.title, after: null });
  }
  return found;
}

function describe(activity: Activity): string {
  return [activity.title, activity.owner, activity.due, activity.status].filter(Boolean).join(' | ');
}

/**
 * Each Done activity keeps the date it was first read as Done (the handbook's "achievements and
 * milestones"): from the previous reading when it was Done there already, else `today`. An activity
 * that is no longer Done loses it. Matched by title (repeated titles in order); a Done activity
 * renamed in place (a typo fixed in its row) keeps the date of the Done row it replaces, at the same
 * position, whose title is gone from the document.
 */
export function carryAchievements(previous: ParsedPlan | null, next: ParsedPlan, today: string): ParsedPlan {
  const earlier = new Map<string, string[]>();
  for (const activity of previous?.activities ?? []) {
    if (activity.status !== 'done') continue;
    const dates = earlier.get(keyOf(activity)) ?? [];
    dates.push(activity.doneOn ?? today);
    earlier.set(keyOf(activity), dates);
  }
  const titlesNow = new Set(next.activities.map(keyOf));
  const renamedFrom = (index: number): string | undefined => {
    const was = previous?.activities[index];
    return was?.status === 'done' && !titlesNow.has(keyOf(was)) ? (was.doneOn ?? today) : undefined;
  };
  const activities = next.activities.map((activity, index): Activity => {
    const { doneOn: _ignored, ...rest } = activity;
    if (activity.status !== 'done') return rest;
    return { ...rest, doneOn: earlier.get(keyOf(activity))?.shift() ?? renamedFrom(index) ?? today };
  });
  return { ...next, activities };
}

/**
 * After both agreed, the document is the plan: each change to its goal state or activities between
 * two readings is one `plan.adjusted` event (which part, a short before and after), visible to the
 * four in the plan's audit and listed in its record. Before agreement the plan is still being
 * shaped together, and changes are not adjustments. Who typed it the document does not say.
 */
export function adjustmentEvents(plan: PlanRecord, before: ParsedPlan, after: ParsedPlan): AuditInput[] {
  if (plan.state !== 'ready' || plan.stage !== 'agreed') return [];
  return planAdjustments(before, after, plan.goalState).map((adjustment) => ({
    kind: 'plan.adjusted',
    actor: 'service',
    message: `In the document: ${adjustment.message}`,
    data: { part: adjustment.part, before: adjustment.before, after: adjustment.after },
  }));
}
