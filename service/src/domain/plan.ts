import type { PlanParts } from './parse-sections.js';
import type { ActivityInput, CloseOutcome, Parties, Party } from './plan-schema.js';
import type { Agreement, Alignment, PlanKind, PlanStage } from './plan-stage.js';

/** What the parser reads out of a plan document. */
export const ACTIVITY_STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export interface Activity {
  title: string;
  owner?: string;
  due?: string;
  status: ActivityStatus;
  /** YYYY-MM-DD it was first read as Done: an achievement (kept across reads, plans/achievements.ts). */
  doneOn?: string;
}

export interface ProgressEntry {
  /** YYYY-MM-DD */
  date: string;
  text: string;
  by?: string;
}

export interface ParsedPlan {
  activities: Activity[];
  progressEntries: ProgressEntry[];
  warnings: string[];
  /**
   * The development area, current state, goal state and support assets as the document says them
   * (domain/parse-sections.ts); a part the document does not say is absent. Readings stored before
   * this was read have none.
   */
  parts?: PlanParts;
}

export type PlanState = 'creating' | 'ready' | 'failed' | 'closed';
export type Phase = 'scheduled' | 'active' | 'ended' | 'closed';
/**
 * `awaiting_alignment` / `awaiting_sharing`: a draft, which counts no check-ins and so is never at
 * risk, off track or overdue; it waits for the manager's manager to align, then for the manager to share.
 */
export type Health = 'on_track' | 'at_risk' | 'off_track' | 'overdue' | 'awaiting_alignment' | 'awaiting_sharing';

export interface PlanStatus {
  phase: Phase;
  health: Health;
  day: number;
  totalDays: number;
  percentElapsed: number;
  activities: { done: number; total: number };
  progressEntries: number;
  lastEntryDate: string | null;
  nextCheckInDue: string | null;
  missedCheckIns: number;
  /** Every check-in from start to end, in order: its due date and whether it was met, missed or is still open. */
  checkIns: CheckInStatus[];
}

/** `met`: a progress entry counts for it; `missed`: its grace is over with none; `open`: neither yet. */
export type CheckInState = 'met' | 'missed' | 'open';

/** One check-in as the API shows it (domain/check-ins.ts decides it). */
export interface CheckInStatus {
  /** YYYY-MM-DD the entry is due. */
  due: string;
  state: CheckInState;
  /** The date of the progress entry that counted for it, when met. */
  metOn: string | null;
}

export type SharingState = 'ok' | 'repaired' | 'violation' | 'pending';

export interface SharingStatus {
  state: SharingState;
  checkedAt: string | null;
  issues: string[];
}

/** A plan as the store keeps it. Status is derived from it and "today", never stored as truth. */
export interface PlanRecord extends Parties {
  id: string;
  provider: string;
  kind: PlanKind;
  /** Where the plan is in the handbook's order; decides who may open it (domain/plan-stage.ts). */
  stage: PlanStage;
  /** The manager's manager (or HR) aligned on the draft; null until then (and for plans never drafted). */
  alignment: Alignment | null;
  agreement: Agreement;
  /**
   * Share was asked for (the stage is `shared`) but the team member's access is not yet given and
   * verified: the share resumes on the next try or poll cycle, and the plan's sharing says so.
   */
  sharePending: boolean;
  docId: string | null;
  docUrl: string | null;
  developmentArea: string;
  currentState: string;
  goalState: string;
  activities: ActivityInput[];
  supportAssets: string;
  updateCadenceDays: number;
  startDate: string;
  endDate: string;
  state: PlanState;
  /** Why creating failed, in words a person can act on. */
  failure: string | null;
  /** What a resumable create has done so far (provider-specific, e.g. a reserved file id). */
  createCheckpoint: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  outcome: CloseOutcome | null;
  closeNote: string | null;
  /** The latest reading of the document; null until first read. */
  parsed: ParsedPlan | null;
  sharing: SharingStatus;
  lastPolledAt: string | null;
  pollError: string | null;
}

export type { Party, Parties };
export type { Agreement, Alignment, PlanKind, PlanStage };
