/** How long to wait between attempts; injectable so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>;

/** Requests a minute the service allows itself, per Google bucket (the acting user's quotas). */
export interface GoogleLimits {
  drivePerMinute: number;
  docsReadsPerMinute: number;
  docsWritesPerMinute: number;
}

/**
 * Google's default per-user quotas: Drive 12,000 queries a minute
 * (https://developers.google.com/workspace/drive/api/guides/limits), Docs 300 reads and 60 writes a
 * minute per user (https://developers.google.com/workspace/docs/api/limits). The service acts as one
 * user, so these are its whole budget.
 */
export const GOOGLE_LIMITS: GoogleLimits = { drivePerMinute: 12_000, docsReadsPerMinute: 300, docsWritesPerMinute: 60 };

const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests in any 60 seconds, by construction: each caller reserves its send
 * time synchronously (so concurrent callers queue in order) and sleeps until then. Stricter than a
 * per-minute counter, so Google's own count never reaches its quota.
 */
export class SlidingWindow {
  /** Send times handed out, ascending; some may lie ahead (callers still waiting). */
  private readonly sent: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  async take(): Promise<void> {
    const now = this.now();
    while (this.sent.length > 0 && (this.sent[0] as number) <= now - WINDOW_MS) this.sent.shift();
    // The next request may go once the one `perMinute` places back has left the window.
    const at = this.sent.length < this.perMinute ? now : Math.max(now, (this.sent[this.sent.length - this.perMinute] as number) + WINDOW_MS);
    this.sent.push(at);
    if (at > now) await this.sleep(at - now);
  }
}

/**
 * A fetch that paces Drive and Docs requests under the limits before they leave (token requests
 * are not counted: they go to the OAuth endpoint). Which bucket: Docs `GET` is a read, any other
 * Docs method a write, everything else under the Drive root is Drive.
 */
export function pacedFetch(base: typeof fetch, roots: { drive: string; docs: string }, limits: GoogleLimits, clock: { now: () => number; sleep: Sleep }): typeof fetch {
  const drive = new SlidingWindow(limits.drivePerMinute, clock.now, clock.sleep);
  const docsRead = new SlidingWindow(limits.docsReadsPerMinute, clock.now, clock.sleep);
  const docsWrite = new SlidingWindow(limits.docsWritesPerMinute, clock.now, clock.sleep);
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.startsWith(roots.docs)) await (method === 'GET' ? docsRead : docsWrite).take();
    else if (url.startsWith(roots.drive)) await drive.take();
    return base(input, init);
  };
}
