/**
 * The HTTP API's shapes as the dashboard reads them: all from the service's one HTTP types file
 * (service/src/http/api-types.ts), never from its domain, so the two cannot drift apart. `import type`
 * keeps the service's code out of the bundle.
 */
export type {
  Activity,
  AuditEntry,
  CloseOutcome,
  Counts,
  DashboardPage,
  DashboardResponse,
  ErrorResponse,
  Health,
  Party,
  Phase,
  PlanDetail,
  PlanRequest,
  PlanRow,
  PlanState,
  PlanView,
  ProgressEntry,
  Session,
  SessionResponse,
  SharingState,
  CalendarAddress,
  Notified,
  ThisWeekItem,
  ThisWeekResponse,
} from '../../../service/src/http/api-types.js';

/** Facts the dashboard shares with the service rather than copying: the plan's size limits, calendar-day arithmetic. */
export { LIMITS, addDays, daysBetween } from '../../../service/src/http/api-types.js';
