import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AppError } from '../errors.js';
import { maySignIn } from '../auth/identify.js';
import { calendarAddress, revokeCalendarFeed, rotateCalendarAddress } from '../plans/calendar-address.js';
import { createCalendarFeeds } from '../plans/calendar-feed.js';
import { readThisWeek } from '../plans/dated-plans.js';
import type { PlanViewCache } from '../plans/plan-view-cache.js';
import { calendarAddressSchema, calendarRevokedSchema, thisWeekSchema } from './api-schemas.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { SIGNED_IN, errorAnswers, jsonAnswer } from './openapi.js';

/**
 * The calendar (docs/calendar.md): `/api/calendar` and `/api/calendar/rotate` give the signed-in
 * person their private feed address; `/calendar/<token>.ics` serves the feed to calendar apps, which
 * cannot sign in, while its owner could still sign in; `DELETE /api/calendar/feeds/{email}` revokes
 * one (HR: anyone's); `/api/this-week` is the dashboard's panel of the same dates.
 */
export function calendarRoutes(deps: AppDeps, views: PlanViewCache) {
  const address = { secret: deps.identity.sessionSecret, publicUrl: deps.config.PUBLIC_URL };
  const graceDays = deps.thresholds.graceDays;
  const feeds = createCalendarFeeds(deps, views, {
    graceDays,
    hrEmails: deps.identity.hrEmails,
    uidDomain: new URL(deps.config.PUBLIC_URL).hostname,
    ownerMaySignIn: (email) => maySignIn(email, deps.identity),
  });
  const tags = ['calendar'];

  const api = new Hono<AppEnv>()
    .get(
      '/calendar',
      describeRoute({
        tags,
        summary: 'Your private calendar feed address (made on first use)',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The address', calendarAddressSchema), ...errorAnswers('unauthenticated') },
      }),
      async (c) => c.json(await calendarAddress(deps, requireIdentity(c), address)),
    )
    .post(
      '/calendar/rotate',
      describeRoute({
        tags,
        summary: 'A new feed address; the old one answers 404 from now on',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The new address', calendarAddressSchema), ...errorAnswers('unauthenticated', 'csrf') },
      }),
      async (c) => c.json(await rotateCalendarAddress(deps, requireIdentity(c), address)),
    )
    .delete(
      '/calendar/feeds/:email',
      describeRoute({
        tags,
        summary: "Revoke a person's calendar feed (HR for anyone, everyone for their own): its address answers 404 from now on",
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('Whether there was a feed to revoke', calendarRevokedSchema), ...errorAnswers('unauthenticated', 'not_found', 'csrf') },
      }),
      async (c) => c.json(await revokeCalendarFeed(deps, requireIdentity(c), c.req.param('email'))),
    )
    .get(
      '/this-week',
      describeRoute({
        tags,
        summary: 'Check-ins due, check-ins missed and plans ending this week (today and the next 7 days), of the open plans you may see',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('This week', thisWeekSchema), ...errorAnswers('unauthenticated') },
      }),
      async (c) => c.json(await readThisWeek(views, requireIdentity(c), graceDays)),
    );

  const feed = new Hono<AppEnv>().get(
    '/:file',
    describeRoute({
      tags,
      summary: 'The feed of `<token>.ics` (iCalendar): no sign-in, the token is the secret; an unknown or revoked token is a 404',
      responses: { 200: { description: 'The calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, ...errorAnswers('not_found') },
    }),
    async (c) => {
      const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1] ?? '';
      const text = await feeds.feed(token);
      if (text === null) throw new AppError('not_found', 'No such calendar. If you rotated its address, subscribe to the new one.');
      return c.body(text, 200, { 'content-type': 'text/calendar; charset=utf-8', 'x-robots-tag': 'noindex' });
    },
  );
  return { api, feed };
}
