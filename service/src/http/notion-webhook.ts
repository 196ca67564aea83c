import { bodyLimit } from 'hono/body-limit';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AppError } from '../errors.js';
import { webhookAnswerSchema } from './api-schemas.js';
import { errorAnswers, jsonAnswer } from './openapi.js';
import { errorResponse } from './error-response.js';
import { type AfterAnswer, afterAnswer } from './after-answer.js';

/** Page events after which the plan's page is worth reading again (https://developers.notion.com/reference/webhooks-events-delivery). */
const PAGE_EVENTS = new Set(['page.content_updated', 'page.properties_updated', 'page.created', 'page.deleted', 'page.undeleted', 'page.moved']);

export interface NotionWebhookOptions {
  /** NOTION_WEBHOOK_VERIFICATION_TOKEN; until it is set, only the verification request is accepted. */
  verificationToken: string | undefined;
  /** The one-time verification request: show the token to the admin, who pastes it into Notion and the configuration. */
  onVerificationToken(token: string): void | Promise<void>;
  /**
   * Signed, new page events: poll these pages soon (events are aggregated and at-most-once, so the timer
   * stays the safety net). `later` keeps work running after the answer (Workers' waitUntil).
   */
  onPagesChanged(pageIds: string[], later: AfterAnswer): void | Promise<void>;
  /** How long a delivery's event id is remembered to drop replays; default 24 h. */
  replayWindowMs?: number;
  now?: () => number;
}

const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * `X-Notion-Signature: sha256=<hex>` is HMAC-SHA256 of the raw body keyed by the verification
 * token. `crypto.subtle.verify` compares in constant time.
 */
export async function verifyNotionSignature(rawBody: string, header: string | undefined, token: string): Promise<boolean> {
  const signature = header?.startsWith('sha256=') ? hexToBytes(header.slice('sha256='.length)) : undefined;
  if (!signature) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(rawBody));
}

const MAX_DELIVERY_BYTES = 64 * 1024;
/** What a Notion verification token looks like (`secret_` and letters and digits); anything else is never logged. */
export const VERIFICATION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

/** Routes for Notion's webhook deliveries, mounted by the core at /webhooks/notion. */
export function notionWebhookRoutes(options: NotionWebhookOptions): Hono {
  const replayWindowMs = options.replayWindowMs ?? 24 * 3_600_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();

  const app = new Hono();
  // Deliveries are small JSON events; refuse anything large before reading it into memory.
  app.use('/', bodyLimit({ maxSize: MAX_DELIVERY_BYTES, onError: (c) => errorResponse(c, new AppError('payload_too_large', 'A webhook delivery is at most 64 KiB.')) }));
  const describe = describeRoute({
    tags: ['webhooks'],
    summary: "Notion's webhook deliveries: the verification request, then events signed with X-Notion-Signature",
    responses: { 200: jsonAnswer('Accepted (or ignored: a replay, a stale event)', webhookAnswerSchema), ...errorAnswers('invalid_input', 'unauthenticated', 'payload_too_large') },
  });
  app.post('/', describe, async (c) => {
    const raw = await c.req.text();
    let body: { verification_token?: unknown; id?: unknown; type?: unknown; timestamp?: unknown; entity?: { id?: unknown; type?: unknown } };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return errorResponse(c, new AppError('invalid_input', 'The body is not JSON.'));
    }
    // The one-time verification request is not signed: it carries the token that will sign the rest.
    if (typeof body.verification_token === 'string' && body.type === undefined) {
      // Once a token is configured, anyone could send such a request: do not log a token an attacker
      // chose and an admin might paste in. A new subscription starts with the setting unset again.
      if (options.verificationToken) return c.json({ ok: true, ignored: 'a verification token is already configured' });
      // Anyone can send this request, and its token goes to the log: only a token-shaped value is
      // passed on, never newlines or terminal escape codes that could forge or hide log lines.
      if (!VERIFICATION_TOKEN_SHAPE.test(body.verification_token)) {
        return errorResponse(c, new AppError('invalid_input', 'verification_token is not a Notion verification token.'));
      }
      await options.onVerificationToken(body.verification_token);
      return c.json({ ok: true });
    }
    if (!options.verificationToken) {
      return errorResponse(c, new AppError('unauthenticated', 'Set NOTION_WEBHOOK_VERIFICATION_TOKEN to the token of the verification request.'));
    }
    if (!(await verifyNotionSignature(raw, c.req.header('x-notion-signature'), options.verificationToken))) {
      return errorResponse(c, new AppError('unauthenticated', 'X-Notion-Signature does not match the body.'));
    }

    const at = now();
    // Event ids are remembered only for the window; a signed delivery older than that is a replay too.
    const sentAt = typeof body.timestamp === 'string' ? Date.parse(body.timestamp) : Number.NaN;
    if (Number.isNaN(sentAt) || at - sentAt > replayWindowMs) return c.json({ ok: true, ignored: 'stale or undated event' });
    for (const [id, when] of seen) if (at - when > replayWindowMs) seen.delete(id);
    const eventId = typeof body.id === 'string' ? body.id : undefined;
    if (eventId && seen.has(eventId)) return c.json({ ok: true, duplicate: true });
    if (eventId) seen.set(eventId, at);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value!);

    if (typeof body.type === 'string' && PAGE_EVENTS.has(body.type) && typeof body.entity?.id === 'string') {
      await options.onPagesChanged([body.entity.id], afterAnswer(c));
    }
    return c.json({ ok: true });
  });
  return app;
}
