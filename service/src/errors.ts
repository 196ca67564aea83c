import type { z } from 'zod';

/** Every error the API answers with, and its status. One map, so codes and statuses never drift apart. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  csrf: 403,
  /** The caller can see the plan but may not take this step (who may is in the message). */
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  edit_conflict: 409,
  invalid_state: 409,
  /** The step does not belong to the plan's stage (align a shared plan, share twice, agree on a draft). */
  wrong_stage: 409,
  /** Share before the manager's manager (or HR) aligned on the draft. */
  alignment_pending: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  provider_failed: 502,
  provider_unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface IssueDetail {
  path: string;
  message: string;
}

/**
 * An error meant for the caller: thrown anywhere below the HTTP layer, turned into the documented
 * error shape by `app.onError`. `extra` is merged into the body (e.g. the plan a failed create left).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: IssueDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }
}

/** A schema's issue as zod and Standard Schema validators report it (http/valid-input.ts gets the latter). */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Schema issues as the API's error details: one per bad field, named by its path (`teamMember.email`), `root` for the whole. */
export function issueDetails(issues: readonly SchemaIssue[], root = '(body)'): IssueDetail[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.') || root,
    // zod's unrecognized_keys names the keys; its message alone does not.
    message: 'code' in issue && issue.code === 'unrecognized_keys' && 'keys' in issue && Array.isArray(issue.keys) ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/** Zod's issues as the API's error details (issueDetails). */
export function zodIssueDetails(error: z.ZodError, root = '(body)'): IssueDetail[] {
  return issueDetails(error.issues, root);
}

export const notFound = () => new AppError('not_found', 'No such plan.');

/** The message of anything thrown, for logs, audit events and recorded failures. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
