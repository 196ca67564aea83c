import { readableDate } from '../domain/dates.js';
import { checkInDates } from '../domain/check-ins.js';
import type { PlanInput } from '../domain/plan-schema.js';

/** Every placeholder a template may use, with what it stands for (docs/documents.md: custom templates). */
export const PLACEHOLDERS = {
  title: 'the document title, e.g. "Coaching plan: Ana, Dec 2026"',
  'teamMember.name': "the team member's name",
  'teamMember.email': "the team member's email",
  'manager.name': "the manager's name",
  'manager.email': "the manager's email",
  'managersManager.name': "the manager's manager's name",
  'managersManager.email': "the manager's manager's email",
  'hr.name': 'the HR contact',
  'hr.email': "the HR contact's email",
  developmentArea: 'development area',
  currentState: "the manager's assessment of the current level",
  goalState: 'the SMART goal',
  activityRows: 'one Activities table row per activity (Activity | Owner | Due | Status)',
  activityList: 'one "- [ ] activity (owner, due)" line per activity, for list-style templates',
  startDate: 'start date, e.g. 1 Dec 2026',
  endDate: 'end date',
  supportAssets: 'tools, meetings and assistance provided',
  updateCadence: 'e.g. "every 7 days"',
  checkInDates: 'the check-in due dates',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** Sections a plan document must have: the seven parts of the handbook and the progress log. */
export const REQUIRED_SECTIONS = [
  'Development area',
  'Current state',
  'Goal state',
  'Activities',
  'Timeline',
  'Support assets',
  'Update cadence',
  'Progress log',
] as const;

/** Table cells and single lines may not break the Markdown around them. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The value of every placeholder for one plan. */
export function placeholderValues(plan: PlanInput, title: string): Record<PlaceholderName, string> {
  const cadence = plan.updateCadenceDays === 7 ? 'every week (7 days)' : `every ${plan.updateCadenceDays} days`;
  return {
    title,
    'teamMember.name': plan.teamMember.name,
    'teamMember.email': plan.teamMember.email,
    'manager.name': plan.manager.name,
    'manager.email': plan.manager.email,
    'managersManager.name': plan.managersManager.name,
    'managersManager.email': plan.managersManager.email,
    'hr.name': plan.hr.name,
    'hr.email': plan.hr.email,
    developmentArea: plan.developmentArea,
    currentState: plan.currentState,
    goalState: plan.goalState,
    activityRows: plan.activities
      .map((a) => `| ${cell(a.title)} | ${cell(a.owner ?? plan.teamMember.name)} | ${a.due ?? ''} | Not started |`)
      .join('\n'),
    activityList: plan.activities
      .map((a) => `- [ ] ${cell(a.title)} (${cell(a.owner ?? plan.teamMember.name)}${a.due ? `, due ${a.due}` : ''})`)
      .join('\n'),
    startDate: readableDate(plan.startDate),
    endDate: readableDate(plan.endDate),
    supportAssets: plan.supportAssets,
    updateCadence: cadence,
    checkInDates: checkInList(plan),
  };
}

/** The check-in dates as the document lists them; sharing a draft with moved dates rewrites this list. */
export function checkInList(plan: Pick<PlanInput, 'startDate' | 'endDate' | 'updateCadenceDays'>): string {
  return checkInDates(plan.startDate, plan.endDate, plan.updateCadenceDays).map(readableDate).join(', ') || 'at the end';
}
