import type { Identity } from '../auth/access.js';
import { AppError } from '../errors.js';
import { issueCalendarToken, openCalendarToken } from '../auth/calendar-token.js';
import type { CalendarTokens } from '../store/types.js';
import type { PlanServices } from './services.js';

export interface CalendarAddressOptions {
  /** SESSION_SECRET: seals the kept token so the address can be shown again. */
  secret: string;
  /** PUBLIC_URL: feed addresses are absolute, for calendar apps. */
  publicUrl: string;
}

const feedAddress = (options: CalendarAddressOptions, token: string) => ({ url: `${options.publicUrl}/calendar/${token}.ics` });

/**
 * GET /api/calendar: the caller's private feed address, made on first use. A kept token that can no
 * longer be opened (SESSION_SECRET changed: on Node without SESSION_SECRET, at every start) is
 * replaced, so the old address stops working and the new one is shown.
 */
export async function calendarAddress(deps: Pick<PlanServices, 'clock'> & { store: CalendarTokens }, caller: Identity, options: CalendarAddressOptions): Promise<{ url: string }> {
  let kept = await deps.store.getCalendarToken(caller.email);
  if (!kept) {
    const { record } = await issueCalendarToken(caller.email, options.secret, deps.clock.now().toISOString());
    // Two first visits at once: both show the token that was kept first.
    kept = await deps.store.addCalendarToken(record);
  }
  const token = await openCalendarToken(kept, options.secret);
  return token ? feedAddress(options, token) : rotateCalendarAddress(deps, caller, options);
}

/** POST /api/calendar/rotate: a new address; the old one answers 404 from now on. */
export async function rotateCalendarAddress(
  deps: Pick<PlanServices, 'clock'> & { store: CalendarTokens },
  caller: Identity,
  options: CalendarAddressOptions,
): Promise<{ url: string }> {
  const { token, record } = await issueCalendarToken(caller.email, options.secret, deps.clock.now().toISOString());
  await deps.store.replaceCalendarToken(record);
  return feedAddress(options, token);
}

/**
 * DELETE /api/calendar/feeds/{email}: end a person's feed (its address answers 404 from then on), by HR
 * for anyone (someone who left, a leaked address) or by the person for their own. Anyone else gets the
 * 404 of a route that is not theirs. They get a new address the next time they open "Calendar feed".
 */
export async function revokeCalendarFeed(deps: Pick<PlanServices, 'log'> & { store: CalendarTokens }, caller: Identity, email: string): Promise<{ revoked: boolean }> {
  const owner = email.trim().toLowerCase();
  if (!caller.isHr && owner !== caller.email) throw new AppError('not_found', "Only HR can revoke another person's calendar feed.");
  const revoked = await deps.store.deleteCalendarToken(owner);
  if (revoked) deps.log(`[calendar] the feed of ${owner} was revoked by ${caller.email}`);
  return { revoked };
}
