/**
 * The handbook's order: a manager drafts a plan and "discusses and aligns with their own manager"
 * before the team member sees it; then shares it, and the team member "actively participates"
 * (a manager's proposal is "just a proposal") until both agree. The stage decides who the document
 * is shared with, in one function every provider's create, share and drift repair goes through.
 */
// The kinds and stages are declared beside the request schema that accepts them (plan-schema.ts),
// so the schema need not import from here and here can import the parties from it.
import { PLAN_KINDS, PLAN_STAGES, type Parties, type PartyRole, type PlanKind, type PlanStage } from './plan-schema.js';

export { PLAN_KINDS, PLAN_STAGES, type PlanKind, type PlanStage };

/** The manager's manager (or HR) aligned on the draft: who, when (ISO time), and what they said ('' for nothing). */
export interface Alignment {
  by: string;
  at: string;
  note: string;
}

/** When each of the two agreed with the plan as it stood (ISO times), or null while they have not. */
export interface Agreement {
  teamMember: string | null;
  manager: string | null;
}

/** The parties and the stage: what a provider needs to know who may open the document now. */
export interface StagedParties extends Parties {
  stage: PlanStage;
}

const ALL_ROLES: readonly PartyRole[] = ['teamMember', 'manager', 'managersManager', 'hr'];
const DRAFT_ROLES: readonly PartyRole[] = ['manager', 'managersManager', 'hr'];

/**
 * Who the document is shared with at this stage: a draft leaves out the team member, who counts as
 * a stranger to it (a grant someone adds by hand is removed, or reported, like any other).
 */
export function sharedRoles(stage: PlanStage): readonly PartyRole[] {
  return stage === 'draft' ? DRAFT_ROLES : ALL_ROLES;
}

/**
 * Who a sharing check gives access to when it is missing. While a share is pending the stage is
 * already `shared`, but the team member's access is the share's to give, with its notification
 * (plans/share-plan.ts): a check leaves it as it finds it, given or not. Anyone outside
 * `sharedRoles` is a stranger either way.
 */
export function rolesCheckGrants(stage: PlanStage, sharePending: boolean): readonly PartyRole[] {
  return sharePending ? DRAFT_ROLES : sharedRoles(stage);
}

/** Is this role one the document is shared with at this stage? */
export function isSharedWith(stage: PlanStage, role: PartyRole): boolean {
  return sharedRoles(stage).includes(role);
}

/** Just the four parties and the stage (a plan record carries much more). */
export function stagedParties(plan: StagedParties): StagedParties {
  return { teamMember: plan.teamMember, manager: plan.manager, managersManager: plan.managersManager, hr: plan.hr, stage: plan.stage };
}
