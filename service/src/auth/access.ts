import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';

/** Who is calling: an email, and whether it is one of HR_EMAILS. */
export interface Identity {
  email: string;
  isHr: boolean;
}

/**
 * The access rule, in one place. The handbook: "Coaching Plans are only shared with the team
 * member, their manager, the manager's manager, and HR." HR (HR_EMAILS) sees every plan; each of
 * the four parties sees theirs; anyone else sees nothing (the API answers 404, never 403).
 */
export function rolesOn(identity: Identity, plan: Pick<PlanRecord, PartyRole>): PartyRole[] {
  const roles: PartyRole[] = [];
  if (plan.teamMember.email === identity.email) roles.push('teamMember');
  if (plan.manager.email === identity.email) roles.push('manager');
  if (plan.managersManager.email === identity.email) roles.push('managersManager');
  if (plan.hr.email === identity.email) roles.push('hr');
  return roles;
}

export function canSeePlan(identity: Identity, plan: Pick<PlanRecord, PartyRole>): boolean {
  return identity.isHr || rolesOn(identity, plan).length > 0;
}

/** Starting, closing and extending a plan belong to its manager, the manager's manager and HR. */
export function canManagePlan(identity: Identity, plan: Pick<PlanRecord, PartyRole>): boolean {
  if (identity.isHr) return true;
  const roles = rolesOn(identity, plan);
  return roles.includes('manager') || roles.includes('managersManager') || roles.includes('hr');
}
