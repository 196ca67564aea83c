import { APIErrorCode, isHTTPResponseError, isNotionClientError } from '@notionhq/client';
import { DocumentMissingError, ProviderError } from '../../types.js';
import { errorMessage } from '../../../errors.js';

/** 409 conflict_error: "the transaction could not be completed ... try again" (https://developers.notion.com/reference/status-codes). */
const RETRYABLE = new Set([409, 429, 500, 502, 503, 504, 529]);

/**
 * A failed Notion call as a ProviderError whose message says what was being done
 * ("[notion] blocks.children.append: ..."). With `missingIsDocument`, a 404 means the plan's page is
 * gone or no longer shared with the integration: DocumentMissingError.
 */
export function notionError(operation: string, error: unknown, options: { missingIsDocument?: boolean } = {}): ProviderError {
  if (error instanceof ProviderError) return error;
  const detail = errorMessage(error);
  const message = `[notion] ${operation}: ${detail}`;
  if (isHTTPResponseError(error)) {
    if (options.missingIsDocument && (error.status === 404 || error.code === APIErrorCode.ObjectNotFound)) {
      return new DocumentMissingError(`${message} (the page was deleted, or the integration lost access to it)`, { cause: error });
    }
    if (error.status === 401) return new ProviderError(`${message} (check NOTION_TOKEN)`, { cause: error });
    return new ProviderError(message, { cause: error, retryable: RETRYABLE.has(error.status) });
  }
  return new ProviderError(message, { cause: error, retryable: isNotionClientError(error) });
}

/** Run one remote step; any failure becomes a ProviderError naming the step. */
export async function step<T>(operation: string, run: () => Promise<T>, options: { missingIsDocument?: boolean } = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw notionError(operation, error, options);
  }
}
