/**
 * The HTTP API's shapes, for API clients and the dashboard: the one file of service/src/ the
 * dashboard imports (docs/api.md describes the routes; GET /api/openapi.json publishes them).
 * Types come from the code that builds each answer, so they cannot drift from it. The few values
 * here (the plan's size limits, calendar-day arithmetic) come from modules with no imports, so a
 * page that uses them bundles nothing else of the service.
 */
import type { Dashboard, DashboardPageAnswer } from '../plans/dashboard.js';
import type { DashboardRow } from '../plans/dashboard-query.js';
import type { PlanDetail, PlanView, Told } from '../plans/plan-view.js';
import type { EditableDocument } from '../providers/types.js';
import type { ErrorCode } from '../errors.js';
import type { ErrorResponse } from './error-response.js';
import type { describeSession } from './session-routes.js';
import type { ThisWeek } from '../domain/this-week.js';
import type { calendarAddress } from '../plans/calendar-address.js';

export type { Activity, ActivityStatus, Health, Phase, PlanState, ProgressEntry, SharingState, SharingStatus } from '../domain/plan.js';
export type { CloseOutcome, Party, PlanRequest } from '../domain/plan-schema.js';
export type { Dashboard, EditableDocument, ErrorCode, ErrorResponse, PlanDetail, PlanView };
/** GET /api/this-week: the dashboard's "This week" panel. */
export type ThisWeekResponse = ThisWeek;
export type ThisWeekItem = ThisWeek['checkInsDue']['items'][number];
/** GET /api/calendar and POST /api/calendar/rotate. */
export type CalendarAddress = Awaited<ReturnType<typeof calendarAddress>>;
/** `notified` in the answer to POST /api/plans (and to a share): who was told, and how. */
export type Notified = Told;

export { LIMITS } from '../domain/limits.js';
export { addDays, daysBetween } from '../domain/dates.js';

/** GET /api/dashboard without parameters: every plan in full. */
export type DashboardResponse = Dashboard;
/** GET /api/dashboard with the overview's parameters (sort, filters, offset, limit): one page of rows. */
export type DashboardPage = DashboardPageAnswer;
/** A row of the overview's table. */
export type PlanRow = DashboardRow;
export type Counts = Dashboard['counts'];
export type AuditEntry = PlanDetail['audit'][number];

/** The 409 `edit_conflict` of PUT /api/plans/{id}/document carries, besides `error`: the text saved meanwhile and who saved it. */
export interface EditConflict {
  current: EditableDocument;
  by: { name: string } | null;
}

/** GET/POST /api/session. */
export type SessionResponse = Awaited<ReturnType<typeof describeSession>>;
export type Session = NonNullable<SessionResponse['session']>;
