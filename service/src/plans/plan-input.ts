import { addDays, daysBetween } from '../domain/dates.js';
import { LIMITS, type Party, type PlanInput, type PlanRequest } from '../domain/plan-schema.js';
import { AppError, type IssueDetail } from '../errors.js';
import type { PlanRules } from './services.js';

/** The HR party a plan gets when the request names none: the first of HR_EMAILS. */
export function hrDefault(rules: PlanRules): Party | null {
  const email = rules.hrEmails[0];
  return email ? { email, name: 'HR team' } : null;
}

export interface PlanDefaults {
  today: string;
  defaultProvider: string;
  /** The first of HR_EMAILS, when configured. */
  hrDefault: { email: string; name: string } | null;
  /** HR_EMAILS: when set, the plan's HR party must be one of them (anyone else would be a fifth reader). */
  hrEmails?: readonly string[];
  enabledProviders: readonly string[];
}

/**
 * Turn a create request (each field already checked by planRequestSchema, at the HTTP edge) into a
 * complete plan input: apply the defaults (start today, end start + 30 days, HR from HR_EMAILS,
 * provider from PROVIDER) and check the rules that span fields. Throws one AppError naming every
 * bad field; nothing has been written yet.
 */
export function resolvePlanInput(request: PlanRequest, defaults: PlanDefaults): PlanInput {
  const issues: IssueDetail[] = [];

  const hr = request.hr ?? defaults.hrDefault;
  if (!hr) issues.push({ path: 'hr', message: 'is required (no HR_EMAILS configured to default to)' });
  else if (defaults.hrEmails?.length && !defaults.hrEmails.includes(hr.email)) {
    // Never the list itself: whoever sent a wrong address learns no HR address from the error.
    issues.push({ path: 'hr.email', message: 'must be an HR address of this service (one of HR_EMAILS; leave HR out for the default)' });
  }

  const startDate = request.startDate ?? defaults.today;
  const endDate = request.endDate ?? addDays(startDate, 30);
  const length = daysBetween(startDate, endDate);
  if (length < 1) issues.push({ path: 'endDate', message: 'must be after startDate' });
  if (length > LIMITS.maxPlanDays) issues.push({ path: 'endDate', message: `a plan may last at most ${LIMITS.maxPlanDays} days` });
  if (request.updateCadenceDays > Math.max(length, 1)) {
    issues.push({ path: 'updateCadenceDays', message: 'must leave at least one check-in before the end date' });
  }

  const provider = request.provider ?? defaults.defaultProvider;
  if (!defaults.enabledProviders.includes(provider)) {
    issues.push({ path: 'provider', message: `"${provider}" is not configured here; available: ${defaults.enabledProviders.join(', ')}` });
  }

  const seen = new Map<string, string>();
  const parties = { teamMember: request.teamMember, manager: request.manager, managersManager: request.managersManager, hr };
  for (const [role, party] of Object.entries(parties)) {
    if (!party) continue;
    const other = seen.get(party.email);
    if (other) issues.push({ path: `${role}.email`, message: `must differ from ${other}.email: the plan needs four different people` });
    else seen.set(party.email, role);
  }
  request.activities.forEach((activity, index) => {
    if (activity.due && (activity.due < startDate || activity.due > endDate)) {
      issues.push({ path: `activities.${index}.due`, message: 'must fall within the plan (startDate to endDate)' });
    }
  });

  if (issues.length > 0 || !hr) throw new AppError('invalid_input', 'The plan has invalid fields.', issues);
  const { draft, kind, ...rest } = request;
  return { ...rest, hr, startDate, endDate, provider, kind: kind ?? 'growth', stage: draft ? 'draft' : 'shared' };
}
