import { bodyLimit } from 'hono/body-limit';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AppError } from '../errors.js';
import type { ChannelNotification } from '../poller/change-channels.js';
import { webhookAnswerSchema } from './api-schemas.js';
import { errorAnswers, jsonAnswer } from './openapi.js';
import { errorResponse } from './error-response.js';
import { type AfterAnswer, afterAnswer } from './after-answer.js';

export interface GoogleWebhookOptions {
  /** Is the delivery from a live channel the service opened, with its token? */
  accept(notice: ChannelNotification): Promise<'change' | 'sync' | 'refused'>;
  /** Something in the change feed changed: run a cycle soon; `later` keeps it running after the answer. */
  onChange(later: AfterAnswer): void | Promise<void>;
}

/**
 * Drive's push notifications, mounted at /webhooks/google: the message is in the headers (its body
 * is empty for the changes resource); a delivery counts only with a channel id the service opened
 * and that channel's token, and then says only "look at the change feed": no document is read on
 * its word, and a forged one reads nothing. https://developers.google.com/workspace/drive/api/guides/push
 */
export function googleWebhookRoutes(options: GoogleWebhookOptions): Hono {
  const app = new Hono();
  app.use('/', bodyLimit({ maxSize: 4096, onError: (c) => errorResponse(c, new AppError('payload_too_large', 'A Drive notification has no body.')) }));
  const describe = describeRoute({
    tags: ['webhooks'],
    summary: "Drive's change notifications (changes.watch): X-Goog-Channel-ID and X-Goog-Channel-Token must be a live channel's",
    responses: {
      200: jsonAnswer("Accepted: a cycle runs soon (or the channel's first, sync, message)", webhookAnswerSchema),
      ...errorAnswers('unauthenticated', 'payload_too_large'),
    },
  });
  app.post('/', describe, async (c) => {
    const verdict = await options.accept({
      channelId: c.req.header('x-goog-channel-id'),
      token: c.req.header('x-goog-channel-token'),
      resourceId: c.req.header('x-goog-resource-id'),
      state: c.req.header('x-goog-resource-state'),
    });
    if (verdict === 'refused')
      return errorResponse(c, new AppError('unauthenticated', 'Not a notification channel of this service (unknown or expired channel, or a wrong token).'));
    if (verdict === 'change') await options.onChange(afterAnswer(c));
    return c.json({ ok: true as const });
  });
  return app;
}
