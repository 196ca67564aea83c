import { monthYear } from '../domain/dates.js';
import type { DocumentModel } from '../domain/document-model.js';
import { markdownToDocument } from '../domain/markdown.js';
import type { PlanInput } from '../domain/plan-schema.js';
import { PLACEHOLDERS, REQUIRED_SECTIONS, placeholderValues, type PlaceholderName } from './placeholders.js';

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
