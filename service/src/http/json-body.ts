import type { Context } from 'hono';
import { AppError } from '../errors.js';

/** Every body but a document's: the largest create is a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, or a 400 that says what is wrong with it; `maxBytes` for a route that needs more. */
export async function jsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('invalid_input', 'The body must be JSON (Content-Type: application/json).', [{ path: '(body)', message: 'must be JSON' }]);
  }
  const text = await readCapped(c, maxBytes);
  if (text === null) {
    throw new AppError('invalid_input', `The body is larger than ${maxBytes} bytes.`, [{ path: '(body)', message: 'is too large' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
}

/**
 * After a refusal, the most of the rest of a body read and thrown away before answering, so the
 * next request on the same keep-alive connection is not read from the middle of this body (under
 * `wrangler dev` it then never got an answer). Past this the body is cancelled and the connection
 * closed: an endless upload costs at most the cap and this.
 */
export const DRAIN_MAX_BYTES = 512 * 1024;

/** The body as text, or null once it passes `max` bytes: kept no further, so a huge upload fills no memory. */
async function readCapped(c: Context, max: number): Promise<string | null> {
  const request = c.req.raw;
  const declared = Number(request.headers.get('content-length'));
  if (!request.body) return '';
  const reader = request.body.getReader();
  if (declared > max) {
    await discardRest(c, reader, declared > max + DRAIN_MAX_BYTES ? 0 : DRAIN_MAX_BYTES);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await discardRest(c, reader, DRAIN_MAX_BYTES);
      return null;
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Read what is left of a refused body and keep none of it, up to `bound` bytes; past that, cancel it
 * and ask for the connection to be closed (`Connection: close`): it is no longer in step.
 */
async function discardRest(c: Context, reader: ReadableStreamDefaultReader<Uint8Array>, bound: number): Promise<void> {
  let left = bound;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    left -= read.value.byteLength;
    if (left < 0) {
      c.header('connection', 'close');
      await reader.cancel();
      return;
    }
  }
}
