/**
 * The HTTP API's shapes, for API clients and the dashboard: the one file of service/src/ the
 * dashboard imports (docs/api.md describes the routes; GET /api/openapi.json publishes them).
 * Types come from the code that builds each answer, so they cannot drift from it. The few values
 * here (the plan's size limits, calendar-day arithmetic) come from modules with no imports, so a
 * page that uses them bundles nothing else of the service.
 */
import type { Dashboard } from '../plans/dashboard.js';
import type { PlanDetail, PlanView } from '../plans/plan-view.js';
import type { EditableDocument } from '../providers/types.js';
import type { ErrorCode } from '../errors.js';
import type { ErrorResponse } from './error-response.js';
import type { describeSession } from './session-routes.js';

export type { Activity, ActivityStatus, Health, Phase, PlanState, ProgressEntry, SharingState, SharingStatus } from '../domain/plan.js';
export type { CloseOutcome, Party, PlanRequest } from '../domain/plan-schema.js';
export type { Dashboard, EditableDocument, ErrorCode, ErrorResponse, PlanDetail, PlanView };

export { LIMITS } from '../domain/limits.js';
export { addDays, daysBetween } from '../domain/dates.js';

/** GET /api/dashboard. */
export type DashboardResponse = Dashboard;
export type Counts = Dashboard['counts'];
export type AuditEntry = PlanDetail['audit'][number];

/** GET/POST /api/session. */
export type SessionResponse = Awaited<ReturnType<typeof describeSession>>;
export type Session = NonNullable<SessionResponse['session']>;
