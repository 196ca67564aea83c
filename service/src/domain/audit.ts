/** Audit events HR can read: every grant, removal, repair, violation and status change. */
export const AUDIT_KINDS = [
  'plan.created',
  'plan.create_failed',
  'plan.closed',
  'plan.extended',
  /** After agreement, the document's goal state or activities changed: which part, a short before and after. */
  'plan.adjusted',
  /** HR reopened a closed plan (why, in the message). */
  'plan.reopened',
  /** The manager's manager (or HR) aligned on a draft (with their note, if any). */
  'plan.aligned',
  /** The manager (or HR) shared a draft with its team member; its dates moved if its start had passed. */
  'plan.shared',
  /** The team member or the manager agreed with the plan as it stood. */
  'plan.agreed',
  /** HR (HR_EMAILS or OIDC_HR_GROUP) read the plan's detail: who looked, and when. */
  'plan.viewed',
  'sharing.granted',
  'sharing.removed',
  'sharing.repaired',
  'sharing.violation',
  'sharing.downgraded',
  'document.created',
  'document.missing',
  /** Close or extend wrote into the document (the closing section, the new end date), or could not. */
  'document.updated',
  /** A notice (e.g. the plan was closed) went to a party through a reminder channel: whom, which channel. */
  'notice.sent',
  'status.changed',
  'poll.failed',
  /** A reminder went out (to whom, by which channel, about which date); never its text beyond that. */
  'reminder.sent',
  /** A reminder's channel failed; it is tried again in later cycles (audited on the first failure only). */
  'reminder.failed',
  /** The service stopped between claiming a reminder and settling it: it may not have gone out, and is not sent again. */
  'reminder.unconfirmed',
  /** HR asked, from the plan page, for a reminder about a missed check-in (plans/remind-plan.ts). */
  'reminder.requested',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditInput {
  kind: AuditKind;
  /** Who did it: an email, or "service" for the service's own actions. */
  actor: string;
  message: string;
  data?: Record<string, unknown>;
}

/** Where a provider or a use case hands the audit events of one plan (recorded with the plan's change). */
export type AuditSink = (event: AuditInput) => Promise<void>;

export interface AuditEvent extends AuditInput {
  id: number;
  planId: string;
  at: string;
}
