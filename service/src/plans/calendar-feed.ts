import { CALENDAR_TOKEN, calendarTokenHash } from '../auth/calendar-token.js';
import { identityFor } from '../auth/identify.js';
import { closedPlanEvent, planDateEvents } from '../domain/plan-dates.js';
import { calendarFooter, calendarHeader, eventBlocks } from './calendar-ics.js';
import { type OpenPlan, openPlansOf } from './dated-plans.js';
import type { CachedPlan, PlanViewCache } from './plan-view-cache.js';
import type { CalendarTokens } from '../store/types.js';

export interface CalendarFeedOptions {
  /** CHECKIN_GRACE_DAYS, for which check-ins are made or missed. */
  graceDays: number;
  /** HR_EMAILS: their feeds hold every open plan. */
  hrEmails: string[];
  /** The right-hand side of every event's UID (PUBLIC_URL's host), so UIDs are unique to this service. */
  uidDomain: string;
  /** Whether the owner could sign in now (auth/identify.ts maySignIn): a feed outlives no one's access. */
  ownerMaySignIn: (email: string) => boolean;
}

const CALENDAR_NAME = 'Coaching plans';

/**
 * `/calendar/<token>.ics`: the check-in and end dates of every open plan the token's owner is party
 * to (HR: of every open plan). The owner is known by the token alone, since calendar apps cannot
 * sign in; HR is who HR_EMAILS names (an OIDC_HR_GROUP member is seen only from a sign-in, so such a
 * person's feed has their own plans). Each plan's events are kept as text until the plan changes or
 * one of its check-ins moves from due to made or missed. A feed is served only while its owner could
 * still sign in (their token removed, their domain dropped: 404), and HR can revoke anyone's.
 */
export function createCalendarFeeds(deps: { store: CalendarTokens }, views: PlanViewCache, options: CalendarFeedOptions) {
  const kept = new Map<string, { key: string; text: string }>();

  function planBlocks({ entry, dated }: OpenPlan): string {
    const key = `${entry.version} ${dated.checkIns.map((checkIn) => checkIn.state).join(',')}`;
    const cached = kept.get(dated.id);
    if (cached?.key === key) return cached.text;
    const text = eventBlocks(planDateEvents(dated, options.uidDomain));
    kept.set(dated.id, { key, text });
    return text;
  }

  function closedBlock({ plan, version, view }: CachedPlan): string {
    const key = `${version} closed`;
    const cached = kept.get(plan.id);
    if (cached?.key === key) return cached.text;
    const event = closedPlanEvent(
      { id: plan.id, title: view.title, teamMember: plan.teamMember, docUrl: plan.docUrl, endDate: plan.endDate, closedAt: plan.closedAt, outcome: plan.outcome },
      options.uidDomain,
    );
    const text = eventBlocks([event]);
    kept.set(plan.id, { key, text });
    return text;
  }

  return {
    /** The feed of the person whose token this is, while they could still sign in; null for any other text (revoked, mistyped, made up). */
    async feed(token: string): Promise<string | null> {
      if (!CALENDAR_TOKEN.test(token)) return null;
      const email = await deps.store.findCalendarTokenOwner(await calendarTokenHash(token));
      if (!email || !options.ownerMaySignIn(email)) return null;
      const { plans, closed } = await openPlansOf(views, identityFor(email, options.hrEmails), options.graceDays);
      return [calendarHeader(CALENDAR_NAME), ...plans.map(planBlocks), ...closed.map(closedBlock), calendarFooter()].join('');
    },
  };
}
