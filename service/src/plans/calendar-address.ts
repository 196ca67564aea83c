import type { Identity } from '../auth/access.js';
import { issueCalendarToken, openCalendarToken } from '../auth/calendar-token.js';
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
export async function calendarAddress(deps: Pick<PlanServices, 'store' | 'clock'>, caller: Identity, options: CalendarAddressOptions): Promise<{ url: string }> {
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
export async function rotateCalendarAddress(deps: Pick<PlanServices, 'store' | 'clock'>, caller: Identity, options: CalendarAddressOptions): Promise<{ url: string }> {
  const { token, record } = await issueCalendarToken(caller.email, options.secret, deps.clock.now().toISOString());
  await deps.store.replaceCalendarToken(record);
  return feedAddress(options, token);
}
