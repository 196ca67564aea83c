import type { AuditEvent, AuditInput } from '../domain/audit.js';
import type { ClosingNotice, DatesChange, ReopenNotice } from '../domain/document-edits.js';
import type { CloseOutcome } from '../domain/plan-schema.js';
import type { Agreement, Alignment, ParsedPlan, PlanRecord, PlanStatus, SharingStatus } from '../domain/plan.js';
import type { ReminderKind } from '../domain/reminders.js';

/** A plan about to be created: the intent is recorded before any remote step. */
export type NewPlan = Omit<
  PlanRecord,
  | 'docId'
  | 'docUrl'
  | 'state'
  | 'failure'
  | 'createCheckpoint'
  | 'updatedAt'
  | 'closedAt'
  | 'outcome'
  | 'closeNote'
  | 'parsed'
  | 'sharing'
  | 'lastPolledAt'
  | 'pollError'
  | 'alignment'
  | 'agreement'
  | 'sharePending'
>;

/** What a close or an extend writes into the document (store/sql/0010_document_edits.sql). */
export type DocumentEditIntent =
  | { kind: 'close'; notice: ClosingNotice }
  // An extend's change carries the check-in list when it grows; one recorded before has none (end date only).
  | { kind: 'extend'; change: DatesChange }
  | { kind: 'reopen'; notice: ReopenNotice }
  | { kind: 'share'; change: DatesChange };

/** A close or an extend reaching the document and the people: its steps, each recorded as it finishes. */
export interface DocumentEdit {
  id: string;
  planId: string;
  intent: DocumentEditIntent;
  /** Steps finished so far, in order. */
  done: string[];
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Where a document edit stands after a step (or a failed one). */
export interface DocumentEditProgress {
  done: string[];
  lastError: string | null;
  finishedAt: string | null;
}

/** The resumable edits of close and extend (plans/document-edits.ts). */
export interface DocumentEdits {
  /** Edits not finished yet, oldest first: what a poll cycle resumes. */
  listUnfinishedDocumentEdits(): Promise<DocumentEdit[]>;
  /** A plan's edits, oldest first. */
  listDocumentEdits(planId: string): Promise<DocumentEdit[]>;
  /** The edit's progress and the step's audit events, together. */
  recordDocumentEditProgress(edit: Pick<DocumentEdit, 'id' | 'planId'>, progress: DocumentEditProgress, audit: AuditInput[]): Promise<void>;
}

/** What a poll learned about one plan, written in one transaction. */
export interface PollResult {
  planId: string;
  at: string;
  parsed?: ParsedPlan;
  status?: PlanStatus;
  sharing?: SharingStatus;
  pollError: string | null;
  audit: AuditInput[];
  /**
   * The plan as its sharing was checked. The result is then written only while the plan still stands
   * so (a share, close or reopen meanwhile makes it stale): otherwise the plan keeps its mark and is
   * polled again, and only `acted` is written.
   */
  checkedAs?: PlanStanding;
  /** What the sharing check did to the document's access (grants, removals, repairs): written in any case, since it happened. */
  acted?: AuditInput[];
}

/** What a plan's sharing check depends on, besides its four parties (which never change). */
export type PlanStanding = Pick<PlanRecord, 'state' | 'stage' | 'sharePending'>;

/**
 * A plan's id and two counters: `version`, raised by every write that changes what the plan's views
 * show; `touched`, moved by every write (a poll that only moves `lastPolledAt` and
 * `sharing.checkedAt`, as a sweep mostly does, moves `touched` alone).
 */
export interface PlanVersion {
  id: string;
  version: number;
  touched: number;
}

/** The fields a poll moves without changing a plan's version: when it was last read and sharing checked. */
export interface PlanCheckTimes {
  id: string;
  touched: number;
  lastPolledAt: string | null;
  sharingCheckedAt: string | null;
}

/** What a poll cycle still owes a plan: read its document and check sharing, or check sharing only. */
export type PollDue = 'read' | 'sharing';

/** A plan as change detection sees it: no document text, so listing hundreds stays cheap. */
export interface PollTarget {
  id: string;
  provider: string;
  docId: string;
  state: 'ready' | 'closed';
  /** Never read successfully, or the last poll failed: read again whatever the provider says. */
  needsRead: boolean;
}

export interface IdempotencyRecord {
  key: string;
  actor: string;
  requestHash: string;
  planId: string;
}

export type SignInMethod = 'token' | 'dev' | 'oidc';

/** A session row: who signed in, how, and the group that made them HR (OIDC_HR_GROUP at sign-in; null: none). */
export interface OpenSession {
  email: string;
  via: SignInMethod;
  hrGroup: string | null;
}

/** Browser sessions: a row per sign-in, so signing out ends it for good (auth/session.ts). */
export interface SessionRecords {
  /** Also forgets sessions that expired before `createdAt`. */
  openSession(session: { id: string; email: string; via: SignInMethod; hrGroup: string | null; createdAt: string; expiresAt: string }): Promise<void>;
  /** What the session was opened with, while it exists, has not been ended and has not expired at `at`; else null. */
  findOpenSession(id: string, at: string): Promise<OpenSession | null>;
  endSession(id: string, at: string): Promise<void>;
}

/**
 * OIDC sign-ins finished, by `state` (http/oidc-routes.ts): each attempt can be finished once. Only a
 * callback with a validly signed, unexpired attempt writes a row (starting a sign-in writes nothing,
 * so anonymous visitors cannot fill the table), and each row goes once its attempt has expired.
 */
export interface SignInStates {
  /** Marks the attempt used; true the first time (before `expiresAt`), false for a replay. Forgets attempts expired before `at`. */
  useSignInState(state: string, expiresAt: string, at: string): Promise<boolean>;
}

/** Failed sign-ins by key (`address:...`, `email:...`), for throttling (auth/throttle.ts). */
export interface SignInFailures {
  /** Also forgets failures older than a day. */
  recordSignInFailure(keys: string[], at: string): Promise<void>;
  countSignInFailures(key: string, since: string): Promise<number>;
}

/** A person's calendar feed token as kept: never the token itself (auth/calendar-token.ts). */
export interface CalendarTokenRecord {
  email: string;
  /** SHA-256 of the token, base64url: how a fetched feed finds its owner. */
  tokenHash: string;
  /** The token sealed under SESSION_SECRET, so the dashboard can show the address again. */
  sealed: string;
  createdAt: string;
}

/** One private calendar feed token per person (store/sql-calendar-tokens.ts). */
export interface CalendarTokens {
  getCalendarToken(email: string): Promise<CalendarTokenRecord | null>;
  /** Keep this token unless the person has one already; returns the one kept. */
  addCalendarToken(record: CalendarTokenRecord): Promise<CalendarTokenRecord>;
  /** This token instead of the person's current one, which stops working at once. */
  replaceCalendarToken(record: CalendarTokenRecord): Promise<void>;
  /** The email whose token has this hash; null for any other. */
  findCalendarTokenOwner(tokenHash: string): Promise<string | null>;
  /** Forget this person's feed token (its address answers 404 from then on); true when there was one. */
  deleteCalendarToken(email: string): Promise<boolean>;
}

/** One delivery of a reminder, the ledger's key (store/sql/0005_reminders.sql). */
export interface ReminderDeliveryKey {
  planId: string;
  kind: ReminderKind;
  /** The date the reminder is about (a check-in's due date, the end date). */
  date: string;
  /** An email address, or `*` for a channel that posts to a room (the webhook). */
  recipient: string;
  channel: string;
}

/** `claimed`: about to be sent; `unconfirmed`: the sender stopped after claiming it, so it may or may not have gone out. */
export type ReminderDeliveryState = 'claimed' | 'sent' | 'failed' | 'unconfirmed';

export interface ReminderDelivery extends ReminderDeliveryKey {
  state: ReminderDeliveryState;
  attempts: number;
  claimedAt: string;
  settledAt: string | null;
  lastError: string | null;
}

/**
 * The reminders' sent-once ledger: a delivery is claimed before it is sent and settled after, so
 * no restart and no second runtime sends it twice (reminders/send-reminders.ts).
 */
export interface ReminderLedger {
  /** Ready plans read without error and with no read pending: what reminders are judged on. */
  listReminderPlans(): Promise<PlanRecord[]>;
  /** The deliveries recorded for these plans. */
  listReminderDeliveries(planIds: string[]): Promise<ReminderDelivery[]>;
  /** Claim before sending, atomically: true for a new delivery or one that failed before; false when another claim, a send or an unconfirmed one exists. */
  claimReminderDelivery(key: ReminderDeliveryKey, at: string): Promise<boolean>;
  /** Settle a claimed delivery and write its audit events, together (a delivery not claimed is left as it is). */
  settleReminderDelivery(key: ReminderDeliveryKey, outcome: { state: 'sent' | 'failed' | 'unconfirmed'; at: string; error?: string | null }, audit: AuditInput[]): Promise<void>;
  /** Claims made before `before` and never settled: the sender stopped in between. */
  listStaleReminderClaims(before: string): Promise<ReminderDelivery[]>;
}

/**
 * The handbook's order (store/sql-lifecycle.ts). Each step applies only from the stage it starts
 * from; `false` means it did not apply (someone else was first, or the plan moved on) and nothing
 * was written, audit included.
 */
export interface PlanLifecycle {
  /** A ready draft not yet aligned: record who aligned, when, and their note. */
  alignPlan(id: string, alignment: Alignment, audit: AuditInput[]): Promise<boolean>;
  /**
   * An aligned, ready draft becomes `shared` with its share pending (the team member's access is
   * given next), with its dates (moved when its start had passed) and its sharing shown as pending.
   */
  startSharing(
    id: string,
    change: { at: string; startDate: string; endDate: string; sharing: SharingStatus },
    audit: AuditInput[],
    edit?: Pick<DocumentEdit, 'id' | 'intent'>,
  ): Promise<boolean>;
  /** The team member's access is given and verified: the share is no longer pending. */
  finishSharing(id: string, result: { at: string; sharing: SharingStatus }, audit: AuditInput[]): Promise<void>;
  /** A pending share that failed for now: its sharing says why (it is tried again). */
  noteSharingProgress(id: string, sharing: SharingStatus): Promise<void>;
  /** One person's agreement with a shared plan, once; the stage becomes `agreed` when both agreed. */
  recordAgreement(id: string, role: keyof Agreement, at: string, audit: AuditInput[]): Promise<boolean>;
  /** Ready plans whose share is pending: resumed by the poll cycle. */
  listSharePending(): Promise<PlanRecord[]>;
}

/** A push notification channel the service opened (store/sql-watch-channels.ts); never its token itself. */
export interface WatchChannelRecord {
  id: string;
  provider: string;
  /** The provider's id of what the channel watches (Drive needs it to stop the channel). */
  resourceId: string;
  /** SHA-256 (hex) of the channel's token, which every delivery carries. */
  tokenHash: string;
  /** When the provider stops delivering (ms since the epoch). */
  expiresAt: number;
  createdAt: string;
}

/** Channels that deliver change notifications (Drive's changes.watch). */
export interface WatchChannels {
  addWatchChannel(record: WatchChannelRecord): Promise<void>;
  getWatchChannel(id: string): Promise<WatchChannelRecord | null>;
  /** A provider's channels, soonest to expire first. */
  listWatchChannels(provider: string): Promise<WatchChannelRecord[]>;
  deleteWatchChannel(id: string): Promise<void>;
}

/** Reading plans (store/sql-plan-rows.ts). */
export interface PlanReads {
  findIdempotency(actor: string, key: string): Promise<IdempotencyRecord | null>;
  getPlan(id: string): Promise<PlanRecord | null>;
  /** Plans visible to this email (HR: pass `all`). */
  listPlans(filter: { all: true } | { email: string }): Promise<PlanRecord[]>;
  /**
   * The id and version of each plan `listPlans` would return, in the same order, without reading the
   * plans: a version changes with every write to the plan, so callers reload only what moved.
   */
  listPlanVersions(filter: { all: true } | { email: string }): Promise<PlanVersion[]>;
  /**
   * Changes whenever any plan is added or written (its `touched` moves): while it stays equal,
   * `listPlanVersions` would answer exactly as before, so a reader need not ask again.
   */
  planWritesMark(): Promise<string>;
  /** The check times of these plans, or of every plan (any order; unknown ids are left out). */
  getCheckTimes(ids: string[] | 'all'): Promise<PlanCheckTimes[]>;
  /** These plans (any order; unknown ids are left out). */
  getPlans(ids: string[]): Promise<PlanRecord[]>;
  /** Plans in `creating` state, for resuming after a restart. */
  listUnfinishedPlans(): Promise<PlanRecord[]>;
}

/** Creating, closing, reopening and extending plans, each with its audit events (store/sql-plan-rows.ts; the last three, with their document edits, store/sql-lifecycle.ts). */
export interface PlanWrites {
  /** Record the intent: plan, its parties, its idempotency key (if any) and an audit event, together. */
  insertPlan(plan: NewPlan, idempotency: Omit<IdempotencyRecord, 'planId'> | null): Promise<void>;
  saveCheckpoint(id: string, checkpoint: Record<string, unknown>): Promise<void>;
  markReady(id: string, doc: { docId: string; docUrl: string; sharing: SharingStatus }, audit: AuditInput[]): Promise<void>;
  markFailed(id: string, failure: string, audit: AuditInput[]): Promise<void>;
  /** With `edit`, the document edit's intent is recorded in the same write (its id, created at `close.at`). */
  markClosed(id: string, close: { at: string; outcome: CloseOutcome; note: string | null }, audit: AuditInput[], edit?: Pick<DocumentEdit, 'id' | 'intent'>): Promise<void>;
  extendPlan(id: string, endDate: string, audit: AuditInput[], edit?: Pick<DocumentEdit, 'id' | 'intent'>): Promise<void>;
  /** A closed plan is ready again: its outcome, note and closing time cleared (the audit keeps them), with the edit's intent. */
  reopenPlan(id: string, at: string, audit: AuditInput[], edit: Pick<DocumentEdit, 'id' | 'intent'>): Promise<void>;
}

/** The plans' rows: reads and writes. */
export interface PlanRows extends PlanReads, PlanWrites {}

/** What the poll cycles owe plans, the changes cursors, and what each poll learned (store/sql-poll-queue.ts). */
export interface PollQueue {
  recordPoll(result: PollResult): Promise<void>;
  /** Several polls' results in one transaction (one round trip on D1); each clears its plan's mark. */
  recordPolls(results: PollResult[]): Promise<void>;
  getCursor(provider: string): Promise<string | null>;
  setCursor(provider: string, cursor: string): Promise<void>;
  /** Ready and closed plans that have a document: what a cycle may poll. */
  listPollTargets(): Promise<PollTarget[]>;
  /**
   * Remember what a cycle owes these plans and move the cursors, together: detected changes outlive
   * the invocation that detected them (a 'sharing' mark never downgrades a 'read').
   */
  markPollDue(due: { planId: string; due: PollDue }[], cursors: Record<string, string>): Promise<void>;
  /** Up to `limit` marked plans, newest first, with what is owed. */
  listPollDue(limit: number): Promise<{ plan: PlanRecord; due: PollDue }[]>;
  /** How many marked plans each provider has. */
  countPollDue(): Promise<Record<string, number>>;
  /** The plan's standing now, in one small read (null for an unknown id): what a sharing check acts on. */
  getPlanStanding(id: string): Promise<PlanStanding | null>;
}

/** A plan's audit trail (store/sql-audit.ts); writes that change a plan add their events themselves. */
export interface AuditLog {
  appendAudit(planId: string, events: AuditInput[]): Promise<void>;
  listAudit(planId: string): Promise<AuditEvent[]>;
}

/** Sessions, finished OIDC sign-ins and failed sign-ins (store/sql-sessions.ts). */
export interface Sessions extends SessionRecords, SignInStates, SignInFailures {}

/**
 * Everything the service keeps: the intersection of the parts above, so a use case asks only for
 * the part it uses. The SQL lives once in store/sql and runs unchanged on SQLite (Node) and D1
 * (Workers); implementations only execute it. Methods that write several rows do so in one
 * transaction.
 */
export interface Store extends PlanRows, PollQueue, AuditLog, Sessions, CalendarTokens, ReminderLedger, DocumentEdits, PlanLifecycle, WatchChannels {
  close(): Promise<void>;
}
