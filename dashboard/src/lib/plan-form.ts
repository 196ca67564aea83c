/**
 * Reads the new-plan form into the body of POST /api/plans and checks it with the same rules as the
 * API (service/src/domain/plan-schema.ts, plans/plan-input.ts), reporting issues under the same paths
 * (`teamMember.email`, `activities.0.title`, `endDate`) so client and server errors land on the same
 * fields. The email check is deliberately looser than the API's: the API has the last word, and its
 * 400 is shown under the same field (plan-form-parity.test.ts beside it keeps the two in step).
 */
import { LIMITS, type PlanRequest, daysBetween } from './types.js';
import type { ApiIssue } from './api.js';

export const PARTY_FIELDS = [
  ['teamMember', 'Team member'],
  ['manager', 'Manager'],
  ['managersManager', "Manager's manager"],
  ['hr', 'HR'],
] as const;

/** The body of POST /api/plans as the form sends it: the API's PlanRequest, with HR and both dates always filled in. */
export type PlanBody = PlanRequest & Required<Pick<PlanRequest, 'hr' | 'startDate' | 'endDate'>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isRealDate = (value: string): boolean => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export function readPlanForm(form: HTMLFormElement): PlanBody {
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? '').trim();
  const party = (role: string) => ({ email: get(`${role}.email`).toLowerCase(), name: get(`${role}.name`) });
  const activities: PlanBody['activities'] = [];
  for (let i = 0; data.has(`activities.${i}.title`); i++) {
    const activity: PlanBody['activities'][number] = { title: get(`activities.${i}.title`) };
    const owner = get(`activities.${i}.owner`);
    const due = get(`activities.${i}.due`);
    if (owner) activity.owner = owner;
    if (due) activity.due = due;
    activities.push(activity);
  }
  const body: PlanBody = {
    teamMember: party('teamMember'),
    manager: party('manager'),
    managersManager: party('managersManager'),
    hr: party('hr'),
    developmentArea: get('developmentArea'),
    currentState: get('currentState'),
    goalState: get('goalState'),
    activities,
    supportAssets: get('supportAssets'),
    updateCadenceDays: Number(get('updateCadenceDays')),
    startDate: get('startDate'),
    endDate: get('endDate'),
  };
  const provider = get('provider');
  // The select offers only the providers the session lists; the API checks the name again.
  if (provider) body.provider = provider as PlanRequest['provider'];
  if (get('share') === 'draft') body.draft = true;
  const kind = get('kind');
  if (kind === 'growth' || kind === 'performance') body.kind = kind;
  return body;
}

export function validatePlan(body: PlanBody): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const text = (path: string, value: string, max: number) => {
    if (!value) issues.push({ path, message: 'Required.' });
    else if (value.length > max) issues.push({ path, message: `Must be at most ${max} characters.` });
  };
  for (const [role] of PARTY_FIELDS) {
    const p = body[role];
    text(`${role}.name`, p.name, LIMITS.name);
    if (!p.email) issues.push({ path: `${role}.email`, message: 'Required.' });
    else if (!EMAIL.test(p.email) || p.email.length > LIMITS.email) issues.push({ path: `${role}.email`, message: 'Enter an email address, like name@example.com.' });
  }
  const seen = new Map<string, string>();
  for (const [role, label] of PARTY_FIELDS) {
    const email = body[role].email;
    if (!email) continue;
    const first = seen.get(email);
    if (first) issues.push({ path: `${role}.email`, message: `Must differ from the ${first}'s email: the plan is shared with four different people.` });
    else seen.set(email, label.toLowerCase());
  }
  text('developmentArea', body.developmentArea, LIMITS.shortText);
  text('currentState', body.currentState, LIMITS.longText);
  text('goalState', body.goalState, LIMITS.longText);
  if (body.activities.length === 0) issues.push({ path: 'activities', message: 'List at least one activity.' });
  if (body.activities.length > LIMITS.activities) issues.push({ path: 'activities', message: `List at most ${LIMITS.activities} activities.` });
  const datesOk = isRealDate(body.startDate) && isRealDate(body.endDate);
  body.activities.forEach((a, i) => {
    text(`activities.${i}.title`, a.title, LIMITS.shortText);
    if (a.owner && a.owner.length > LIMITS.name) issues.push({ path: `activities.${i}.owner`, message: `Must be at most ${LIMITS.name} characters.` });
    if (a.due && !isRealDate(a.due)) issues.push({ path: `activities.${i}.due`, message: 'Enter a date.' });
    else if (a.due && datesOk && (a.due < body.startDate || a.due > body.endDate))
      issues.push({ path: `activities.${i}.due`, message: 'Must fall between the start and end dates.' });
  });
  text('supportAssets', body.supportAssets, LIMITS.longText);
  const cadence = body.updateCadenceDays;
  if (!Number.isInteger(cadence) || cadence < 1 || cadence > LIMITS.maxCadenceDays) {
    issues.push({ path: 'updateCadenceDays', message: `Enter a whole number of days from 1 to ${LIMITS.maxCadenceDays}.` });
  }
  const startOk = isRealDate(body.startDate);
  if (!startOk) issues.push({ path: 'startDate', message: 'Enter a start date.' });
  if (!isRealDate(body.endDate)) issues.push({ path: 'endDate', message: 'Enter an end date.' });
  else if (startOk) {
    const days = daysBetween(body.startDate, body.endDate);
    if (days <= 0) issues.push({ path: 'endDate', message: 'Must be after the start date.' });
    else if (days > LIMITS.maxPlanDays) issues.push({ path: 'endDate', message: `Must be at most ${LIMITS.maxPlanDays} days after the start date.` });
    if (Number.isInteger(cadence) && cadence >= 1 && cadence > Math.max(days, 1))
      issues.push({ path: 'updateCadenceDays', message: 'Must leave at least one check-in before the end date.' });
  }
  return issues;
}
