/**
 * The answers of the HTTP API as zod schemas, for the OpenAPI description (http/openapi.ts). Request
 * bodies are not here: each route validates its body at the edge (http/valid-input.ts) with its schema
 * (domain/plan-schema.ts, plans/hosted-document.ts, plans/presence.ts, http/session-routes.ts), and that
 * validator describes it. test/e2e/openapi.test.ts
 * checks real answers against these, so the description cannot drift from the code.
 */
import { z } from 'zod';
import { ACTIVITY_STATUSES } from '../domain/plan.js';
import { CLOSE_OUTCOMES, PROVIDER_NAMES } from '../domain/plan-schema.js';
import { PLAN_KINDS, PLAN_STAGES } from '../domain/plan-stage.js';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

const date = z.string().describe('YYYY-MM-DD');
const instant = z.string().describe('ISO 8601 timestamp');
const party = z.object({ email: z.string(), name: z.string() });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const statusSchema = z.object({
  phase: z.enum(['scheduled', 'active', 'ended', 'closed']),
  health: z.enum(['on_track', 'at_risk', 'off_track', 'overdue', 'awaiting_alignment', 'awaiting_sharing']),
  day: z.int(),
  totalDays: z.int(),
  percentElapsed: z.number(),
  activities: z.object({ done: z.int(), total: z.int() }),
  progressEntries: z.int(),
  lastEntryDate: date.nullable(),
  nextCheckInDue: date.nullable(),
  missedCheckIns: z.int(),
  checkIns: z.array(z.object({ due: date, state: z.enum(['met', 'missed', 'open']), metOn: date.nullable() })),
  entryDates: z.array(date),
});

export const planViewSchema = z
  .object({
    id: z.string(),
    provider: z.enum(PROVIDER_NAMES).or(z.string()),
    kind: z.enum(PLAN_KINDS),
    stage: z.enum(PLAN_STAGES).describe("draft: shared with the manager, the manager's manager and HR only; shared: the four; agreed: both agreed"),
    alignment: z.object({ by: z.string(), at: instant, note: z.string() }).nullable(),
    agreement: z.object({ teamMember: instant.nullable(), manager: instant.nullable() }),
    docUrl: z.string().nullable(),
    title: z.string(),
    teamMember: party,
    manager: party,
    managersManager: party,
    hr: party,
    developmentArea: z.string(),
    startDate: date,
    endDate: date,
    updateCadenceDays: z.int(),
    state: z.enum(['creating', 'ready', 'failed', 'closed']),
    failure: z.string().nullable(),
    status: statusSchema,
    sharing: z.object({ state: z.enum(['ok', 'repaired', 'violation', 'pending']), checkedAt: instant.nullable(), issues: z.array(z.string()) }),
    lastPolledAt: instant.nullable(),
    pollError: z.string().nullable(),
    createdAt: instant,
    createdBy: z.string(),
    closedAt: instant.nullable(),
    outcome: z.enum(CLOSE_OUTCOMES).nullable(),
    closeNote: z.string().nullable(),
    can: z.object({ close: z.boolean(), extend: z.boolean(), poll: z.boolean(), align: z.boolean(), share: z.boolean(), agree: z.boolean(), reopen: z.boolean() }),
  })
  .meta({ id: 'Plan' });

const activitySchema = z.object({
  title: z.string(),
  owner: z.string().optional(),
  due: z.string().optional(),
  status: z.enum(ACTIVITY_STATUSES),
  /** YYYY-MM-DD the activity was first read as Done: an achievement. */
  doneOn: z.string().optional(),
});

export const planDetailSchema = planViewSchema
  .extend({
    currentState: z.string(),
    goalState: z.string(),
    supportAssets: z.string(),
    plannedActivities: z.array(z.object({ title: z.string(), owner: z.string().optional(), due: date.optional() })),
    activities: z.array(activitySchema),
    progressEntries: z.array(z.object({ date, text: z.string(), by: z.string().optional() })),
    warnings: z.array(z.string()),
    audit: z.array(z.object({ id: z.int(), at: instant, kind: z.string(), actor: z.string(), message: z.string() })),
  })
  .meta({ id: 'PlanDetail' });

export const planAnswerSchema = z.object({ plan: planDetailSchema });
/** Who a create or a share told, and how (plans/plan-view.ts): Drive's own email, or nobody yet. */
export const notifiedSchema = z
  .object({
    people: z.array(z.object({ role: z.enum(['teamMember', 'manager', 'managersManager', 'hr']), name: z.string(), email: z.string(), by: z.enum(['drive_email']) })),
    reminderChannels: z.array(z.string()).describe('The reminder channels turned on (reminders and notices come through them); empty: none'),
  })
  .meta({ id: 'Notified' });
export const planCreatedSchema = z.object({ plan: planDetailSchema, notified: notifiedSchema });
export const plansAnswerSchema = z.object({ plans: z.array(planViewSchema) });

export const dashboardSchema = z.object({
  generatedAt: instant,
  today: date,
  counts: z.object({
    total: z.int(),
    active: z.int(),
    scheduled: z.int(),
    atRisk: z.int(),
    offTrack: z.int(),
    overdue: z.int(),
    awaitingAlignment: z.int(),
    awaitingSharing: z.int(),
    endingThisWeek: z.int(),
    sharingViolations: z.int(),
    closed: z.int(),
    failed: z.int(),
  }),
  plans: z.array(planViewSchema),
});

export const pollCycleSchema = z.object({ polled: z.int(), changed: z.int(), errors: z.int() });

export const sessionSchema = z.object({
  session: z.object({ email: z.string(), isHr: z.boolean() }).nullable(),
  devSignIn: z.boolean(),
  // Only to people signed in: what the new-plan form offers.
  providers: z.array(z.string()).optional(),
  defaultProvider: z.string().optional(),
  hrDefault: party.nullable().optional(),
  timeZone: z.string().optional(),
});

export const documentSchema = z.object({ markdown: z.string(), version: z.string() });
export const savedDocumentSchema = documentSchema.extend({
  mergedWith: z.array(z.object({ name: z.string() })).describe('Whose saves since baseVersion were merged into this text (empty: none)'),
});

export const healthSchema = z.looseObject({ ok: z.boolean(), time: z.string() });

export const webhookAnswerSchema = z.looseObject({ ok: z.literal(true) });

export const calendarAddressSchema = z.object({ url: z.string().describe('The private feed: PUBLIC_URL/calendar/<token>.ics') });
export const calendarRevokedSchema = z.object({ revoked: z.boolean().describe('false: the person had no feed') });

const weekListSchema = z.object({
  total: z.int(),
  items: z.array(z.object({ planId: z.string(), title: z.string(), teamMember: z.string(), docUrl: z.string().nullable(), date })),
});

export const thisWeekSchema = z.object({ today: date, until: date, checkInsDue: weekListSchema, checkInsMissed: weekListSchema, plansEnding: weekListSchema });
