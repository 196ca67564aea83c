/** Audit events HR can read: every grant, removal, repair, violation and status change. */
export const AUDIT_KINDS = [
  'plan.created',
  'plan.create_failed',
  'plan.closed',
  'plan.extended',
  /** HR (HR_EMAILS or OIDC_HR_GROUP) read the plan's detail: who looked, and when. */
  'plan.viewed',
  'sharing.granted',
  'sharing.removed',
  'sharing.repaired',
  'sharing.violation',
  'sharing.downgraded',
  'document.created',
  'document.missing',
  'status.changed',
  'poll.failed',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditInput {
  kind: AuditKind;
  /** Who did it: an email, or "service" for the service's own actions. */
  actor: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface AuditEvent extends AuditInput {
  id: number;
  planId: string;
  at: string;
}
