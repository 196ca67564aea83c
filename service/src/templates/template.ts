/**
 * A plan template: the placeholders it may use, the sections it must have (checked once, at
 * start-up), and its rendering for one plan (what every provider creates a document from).
 */
import { checkInDates } from '../domain/check-ins.js';
import { monthYear, readableDate } from '../domain/dates.js';
import type { DocumentModel } from '../domain/document-model.js';
import { markdownToDocument } from '../domain/markdown.js';
import type { PlanInput } from '../domain/plan-schema.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

/** A checked template: every placeholder known, every required section present. */
export interface PlanTemplate {
  name: string;
  markdown: string;
}

export interface RenderedPlan {
  title: string;
  markdown: string;
  document: DocumentModel;
  placeholders: Record<PlaceholderName, string>;
}

export class TemplateError extends Error {
  constructor(name: string, problems: string[]) {
    super(`Template "${name}" cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TemplateError';
  }
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/** Check a template once, at start-up: an unknown placeholder or a missing section is refused. */
export function loadTemplate(name: string, markdown: string): PlanTemplate {
  const problems: string[] = [];
  for (const match of markdown.matchAll(PLACEHOLDER)) {
    const key = match[1] ?? '';
    if (!(key in PLACEHOLDERS)) {
      problems.push(`unknown placeholder {{${key}}}; known: ${Object.keys(PLACEHOLDERS).join(', ')}`);
    }
  }
  const headings = markdownToDocument(markdown)
    .blocks.filter((b) => b.type === 'heading')
    .map((b) => normalise(b.text));
  for (const section of REQUIRED_SECTIONS) {
    if (!headings.some((h) => h.includes(normalise(section)))) problems.push(`missing section heading "${section}"`);
  }
  if (problems.length > 0) throw new TemplateError(name, problems);
  return { name, markdown };
}

/** "Coaching plan: Ana, Dec 2026": a title people recognise in their document list. */
export function planTitle(plan: Pick<PlanInput, 'teamMember' | 'startDate'>): string {
  return `Coaching plan: ${plan.teamMember.name}, ${monthYear(plan.startDate)}`;
}

/** Fill a template for one plan, giving Markdown, the neutral model and the placeholder values. */
export function renderPlan(template: PlanTemplate, plan: PlanInput): RenderedPlan {
  const title = planTitle(plan);
  const placeholders = placeholderValues(plan, title);
  const markdown = template.markdown.replace(PLACEHOLDER, (_, key: string) => placeholders[key as PlaceholderName] ?? '');
  return { title, markdown, document: markdownToDocument(markdown), placeholders };
}

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
export const REQUIRED_SECTIONS = ['Development area', 'Current state', 'Goal state', 'Activities', 'Timeline', 'Support assets', 'Update cadence', 'Progress log'] as const;

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
    activityRows: plan.activities.map((a) => `| ${cell(a.title)} | ${cell(a.owner ?? plan.teamMember.name)} | ${a.due ?? ''} | Not started |`).join('\n'),
    activityList: plan.activities.map((a) => `- [ ] ${cell(a.title)} (${cell(a.owner ?? plan.teamMember.name)}${a.due ? `, due ${a.due}` : ''})`).join('\n'),
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
