import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Plain calendar date, as people and APIs exchange it: YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real calendar date');

export { LIMITS };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const partySchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email('must be an email address')),
  // A name stands in table cells and titles of every provider's document: one line, no cell separator.
  name: text(LIMITS.name).regex(/^[^|\r\n]*$/, 'must be one line without "|"'),
});
export type Party = z.infer<typeof partySchema>;

export const activityInputSchema = z.strictObject({
  title: text(LIMITS.shortText),
  owner: text(LIMITS.name).optional(),
  due: isoDate.optional(),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

/** A growth plan (career development) or a performance plan (clear expectations, with support). */
export const PLAN_KINDS = ['growth', 'performance'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** The handbook's order (plan-stage.ts): `draft`: manager, manager's manager and HR only; `shared`: the four; `agreed`: both agreed. */
export const PLAN_STAGES = ['draft', 'shared', 'agreed'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

export const PARTY_ROLES = ['teamMember', 'manager', 'managersManager', 'hr'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export type Parties = Record<PartyRole, Party>;

/**
 * Every document provider the service knows, listed once: the registry (providers/registry.ts) has
 * one builder per name (the compiler checks both ways), and PROVIDER and a request's `provider` accept these.
 */
export const PROVIDER_NAMES = ['local', 'google', 'notion'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const providerNameSchema = z.enum(PROVIDER_NAMES);

export const CLOSE_OUTCOMES = ['achieved', 'partially_achieved', 'not_achieved'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/**
 * The body of POST /api/plans before defaults are applied: the seven parts of the handbook
 * (development area, current state, goal state, activities, timeline, support assets, update
 * cadence) and the four parties. `hr`, `startDate`, `endDate` and `provider` may be left out.
 */
export const planRequestSchema = z.strictObject({
  teamMember: partySchema,
  manager: partySchema,
  managersManager: partySchema,
  hr: partySchema.optional(),
  developmentArea: text(LIMITS.shortText),
  currentState: text(LIMITS.longText),
  goalState: text(LIMITS.longText),
  activities: z.array(activityInputSchema).min(1, 'must list at least one activity').max(LIMITS.activities, `must list at most ${LIMITS.activities} activities`),
  supportAssets: text(LIMITS.longText),
  updateCadenceDays: z
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(LIMITS.maxCadenceDays, `must be at most ${LIMITS.maxCadenceDays} days`)
    .default(7),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  provider: providerNameSchema.optional(),
  /** Save as a draft for alignment: shared with the manager, the manager's manager and HR only, until shared. */
  draft: z.boolean().optional(),
  kind: z.enum(PLAN_KINDS, `must be one of: ${PLAN_KINDS.join(', ')}`).optional(),
});
export type PlanRequest = z.infer<typeof planRequestSchema>;

/** A plan request with every default applied and cross-field rules checked. */
export interface PlanInput extends Omit<PlanRequest, 'hr' | 'startDate' | 'endDate' | 'provider' | 'draft' | 'kind'> {
  hr: Party;
  kind: PlanKind;
  /** `draft` when the request asked for one; otherwise shared with the four at once. */
  stage: PlanStage;
  startDate: string;
  endDate: string;
  provider: string;
}

export const closeRequestSchema = z.strictObject({
  outcome: z.enum(CLOSE_OUTCOMES),
  note: z.string().trim().max(LIMITS.longText).optional(),
});

export const extendRequestSchema = z.strictObject({ endDate: isoDate });

/** POST /api/plans/{id}/reopen (HR): why the closed plan is open again; it goes into the document and the audit. */
export const reopenRequestSchema = z.strictObject({ reason: text(LIMITS.longText) });

/** POST /api/plans/{id}/align: the manager's manager (or HR) aligns on a draft, with an optional note. */
export const alignRequestSchema = z.strictObject({ note: z.string().trim().max(LIMITS.longText, `must be at most ${LIMITS.longText} characters`).optional() });

/**
 * POST /api/plans/{id}/share. A draft whose start date has passed starts today and keeps its
 * length, unless `keepDates` (the manager keeps the dates as they are).
 */
export const shareRequestSchema = z.strictObject({ keepDates: z.boolean().optional() });

/** POST /api/plans/{id}/agree: no fields; the caller agrees with the plan as it stands. */
export const agreeRequestSchema = z.strictObject({});

/** Just the four parties of a plan (a plan record carries much more). */
export function partiesOf(plan: Parties): Parties {
  return { teamMember: plan.teamMember, manager: plan.manager, managersManager: plan.managersManager, hr: plan.hr };
}
