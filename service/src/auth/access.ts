import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { isSharedWith } from '../domain/plan-stage.js';

/** Who is calling: an email, and whether it is one of HR_EMAILS. */
export interface Identity {
  email: string;
  isHr: boolean;
}

/**
 * The access rule, in one place. The handbook: "Coaching Plans are only shared with the team
 * member, their manager, the manager's manager, and HR." HR (HR_EMAILS) sees every plan; each of
 * the four parties sees theirs, except the team member of a draft (domain/plan-stage.ts: it is
 * shared with them when the manager shares it); anyone else sees nothing (the API answers 404).
 */
export function rolesOn(identity: Identity, plan: Pick<PlanRecord, PartyRole>): PartyRole[] {
  const roles: PartyRole[] = [];
  if (plan.teamMember.email === identity.email) roles.push('teamMember');
  if (plan.manager.email === identity.email) roles.push('manager');
  if (plan.managersManager.email === identity.email) roles.push('managersManager');
  if (plan.hr.email === identity.email) roles.push('hr');
  return roles;
}

export function canSeePlan(identity: Identity, plan: Pick<PlanRecord, PartyRole | 'stage'>): boolean {
  return identity.isHr || rolesOn(identity, plan).some((role) => isSharedWith(plan.stage, role));
}

/** Aligning on a draft belongs to the manager's manager and HR (the handbook's "align with their own manager"). */
export function canAlignPlan(identity: Identity, plan: Pick<PlanRecord, PartyRole>): boolean {
  const roles = rolesOn(identity, plan);
  return identity.isHr || roles.includes('managersManager') || roles.includes('hr');
}

/** Sharing a draft with the team member belongs to the manager and HR. */
export function canSharePlan(identity: Identity, plan: Pick<PlanRecord, PartyRole>): boolean {
  const roles = rolesOn(identity, plan);
  return identity.isHr || roles.includes('manager') || roles.includes('hr');
}

/** Who agrees as whom: the team member and the manager each agree for themselves; nobody else does. */
export function agreeingRole(identity: Identity, plan: Pick<PlanRecord, PartyRole>): 'teamMember' | 'manager' | null {
  const roles = rolesOn(identity, plan);
  return roles.includes('teamMember') ? 'teamMember' : roles.includes('manager') ? 'manager' : null;
}

/** Starting, closing and extending a plan belong to its manager, the manager's manager and HR. */
export function canManagePlan(identity: Identity, plan: Pick<PlanRecord, PartyRole>): boolean {
  if (identity.isHr) return true;
  const roles = rolesOn(identity, plan);
  return roles.includes('manager') || roles.includes('managersManager') || roles.includes('hr');
}
