import type { Context } from 'hono';
import type { AppError, ErrorCode, IssueDetail } from '../errors.js';

/** Every error answer: `issues` names each bad field (paths like `teamMember.email`, `activities.0.title`). */
export interface ErrorResponse {
  error: { code: ErrorCode; message: string; issues: IssueDetail[] };
}

/** The one way an error becomes a response: the documented shape, the status from ERROR_STATUS. */
export function errorResponse(c: Context, error: AppError): Response {
  const body: ErrorResponse = { error: { code: error.code, message: error.message, issues: error.issues } };
  return c.json({ ...body, ...error.extra }, error.status);
}
