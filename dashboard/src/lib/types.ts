/**
 * The HTTP API's shapes as the dashboard reads them (API.md). Domain types are imported from the
 * service so the two cannot drift apart; `import type` keeps the service's code out of the bundle.
 */
import type { Activity, Health, Phase, PlanState, PlanStatus, ProgressEntry, SharingState, SharingStatus } from '../../../service/src/domain/plan.js';
import type { CloseOutcome, Party } from '../../../service/src/domain/plan-schema.js';

export type { Activity, CloseOutcome, Health, Party, Phase, PlanState, ProgressEntry, SharingState };

export interface AuditEntry {
  id: number;
  at: string;
  kind: string;
  actor: string;
  message: string;
}

/** A plan as `/api/dashboard` and `/api/plans/{id}` return it. Detail-only fields are optional. */
export interface Plan {
  id: string;
  provider: string;
  docUrl: string | null;
  teamMember: Party;
  manager: Party;
  managersManager: Party;
  hr: Party;
  developmentArea: string;
  startDate: string;
  endDate: string;
  updateCadenceDays: number;
  state: PlanState;
  /** `entryDates` (every progress entry's date, for the overview's dots) is an optional addition. */
  status: PlanStatus & { entryDates?: string[] };
  sharing: SharingStatus;
  lastPolledAt: string | null;
  pollError: string | null;
  failure?: string | null;
  closedAt?: string | null;
  outcome?: CloseOutcome | null;
  closeNote?: string | null;
  currentState?: string;
  goalState?: string;
  supportAssets?: string;
  /** Detail always has these arrays; the overview may carry them too (then entries show as dots). */
  activities?: Activity[];
  progressEntries?: ProgressEntry[];
  warnings?: string[];
  audit?: AuditEntry[];
  can?: { close: boolean; extend: boolean; poll?: boolean };
}

export interface Counts {
  total: number;
  active: number;
  scheduled: number;
  atRisk: number;
  offTrack: number;
  overdue: number;
  endingThisWeek: number;
  sharingViolations: number;
  closed: number;
  failed?: number;
}

export interface DashboardResponse {
  generatedAt: string;
  /** The service's today (YYYY-MM-DD in its TIME_ZONE). */
  today?: string;
  counts: Counts;
  plans: Plan[];
}

export interface Session {
  email: string;
  isHr: boolean;
}

export interface SessionResponse {
  session: Session | null;
  providers: string[];
  defaultProvider: string;
  devSignIn: boolean;
  hrDefault: Party | null;
}
