/**
 * Two requests on one keep-alive connection (undici, one connection per origin): a refused body
 * first, then a plain GET. Before the fix, under `wrangler dev` the GET never got an answer: the
 * rest of the refused body was still on the connection (issue 20.7).
 */
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

const CLOSED_WHILE_SENDING = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export interface RefusedThenNext {
  /** The answer, or the connection reset while the body was still being sent (a server may close it). */
  refused: { status: number; issue: string | undefined } | { reset: true };
  next: { status: number };
  /** Connections the client opened for both: 1 when the refused body was drained and the connection reused. */
  connections: number;
}

/** `bytes` of JSON-looking text, declared with Content-Length, or streamed without it (chunked). */
function body(bytes: number, declared: boolean): string | Readable {
  const text = `{"notes":"${'x'.repeat(bytes - 12)}"}`;
  if (declared) return text;
  const all = new TextEncoder().encode(text);
  return Readable.from(
    (function* () {
      for (let at = 0; at < all.length; at += 16 * 1024) yield all.subarray(at, at + 16 * 1024);
    })(),
  );
}

/** POST `bytes` to /api/plans as `token` (refused: too large), then GET /api/health on the same agent. */
export async function refusedThenNext(baseUrl: string, token: string, options: { bytes: number; declared: boolean }): Promise<RefusedThenNext> {
  const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
  let connections = 0;
  agent.on('connect', () => connections++);
  try {
    let refused: RefusedThenNext['refused'];
    try {
      const first = await request(`${baseUrl}/api/plans`, {
        dispatcher: agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body(options.bytes, options.declared),
      });
      const answer = (await first.body.json()) as { error?: { issues?: { message: string }[] } };
      refused = { status: first.statusCode, issue: answer.error?.issues?.[0]?.message };
    } catch (error) {
      // The server closed the connection while the body was still being sent: seen as a reset, a
      // socket error, or (when the close lands between two writes) EPIPE.
      if (!CLOSED_WHILE_SENDING.has((error as { code?: string }).code ?? '')) throw error;
      refused = { reset: true };
    }
    const second = await request(`${baseUrl}/api/health`, { dispatcher: agent, signal: AbortSignal.timeout(20_000) });
    await second.body.dump();
    return { refused, next: { status: second.statusCode }, connections };
  } finally {
    await agent.destroy();
  }
}
