/** An error the fake answers with, in the shape of test/fixtures/notion/error-*.json. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** `additional_data`, e.g. `rate_limit_reason` on a 429 (https://developers.notion.com/reference/request-limits). */
    readonly additionalData?: Record<string, string>,
  ) {
    super(message);
  }

  static validation(message: string): FakeApiError {
    return new FakeApiError(400, 'validation_error', message);
  }

  static notFound(kind: string, id: string): FakeApiError {
    return new FakeApiError(404, 'object_not_found', `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
  }

  body(): { object: 'error'; status: number; code: string; message: string; request_id: string; additional_data?: Record<string, string> } {
    return {
      object: 'error',
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.additionalData ? { additional_data: this.additionalData } : {}),
      request_id: crypto.randomUUID(),
    };
  }
}
