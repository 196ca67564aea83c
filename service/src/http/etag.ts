import type { Context, TypedResponse } from 'hono';

/** A weak validator for a JSON text: the base64url of its SHA-1 (a validator, not a security check). */
async function weakEtag(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return `W/"${btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}"`;
}

/** If-None-Match holds this tag (weak comparison, RFC 9110 13.1.2), or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * A JSON answer whose text was built by hand (cached views joined as text, for speed), typed as the
 * object `T` it spells, so a typed client (AppType) reads it as it reads `c.json`'s answers.
 */
export type JsonText<T> = Response & TypedResponse<T, 200, 'json'>;

/** Answer `text`, the JSON of a `T`. */
export function jsonText<T>(c: Context, text: string): JsonText<T> {
  const answer: Response = c.body(text, 200, { 'content-type': 'application/json' });
  return answer as JsonText<T>;
}

/**
 * Answer a JSON object whose first member is `generatedAt`. The ETag covers everything else, so an
 * unchanged dashboard asked again a minute later is "304 Not Modified", with no body to send.
 * `rest` is the object's JSON text without `generatedAt`.
 */
export async function generatedJson<T extends { generatedAt: string }>(c: Context, generatedAt: Date, rest: string): Promise<JsonText<T>> {
  const etag = await weakEtag(rest);
  // 304: the client's copy is current; it reads no body (JsonText describes the 200).
  const members = rest === '{}' ? '' : `,${rest.slice(1, -1)}`;
  const answer: Response = matches(c.req.header('if-none-match'), etag)
    ? c.body(null, 304, { etag })
    : c.body(`{"generatedAt":${JSON.stringify(generatedAt.toISOString())}${members}}`, 200, { etag, 'content-type': 'application/json' });
  return answer as JsonText<T>;
}
