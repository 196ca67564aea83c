import { devSignInAllowed, newTrialCode } from '../auth/identify.js';
import { createAccessVerifier } from '../auth/cloudflare-access.js';
import { createOidc } from '../auth/oidc.js';
import { sessionCookieName } from '../auth/session.js';
import type { Config } from '../config.js';
import { zonedClock } from '../domain/clock.js';
import type { StatusThresholds } from '../domain/status.js';
import type { AppDeps } from '../http/app-deps.js';
import { inFlight } from '../plans/in-flight.js';
import type { PlanServices } from '../plans/services.js';
import { stopChannels } from '../poller/change-channels.js';
import { type CycleResult, scheduledCycle } from '../poller/poll-cycle.js';
import { webhookCycles } from '../poller/webhook-cycles.js';
import { buildProviders, type RuntimeProviders } from '../providers/registry.js';
import { createRequestMeter, type RequestMeter } from '../providers/request-meter.js';
import type { ReminderChannel } from '../reminders/channels.js';
import { reminderChannelsFromConfig } from '../reminders/channels-from-config.js';
import { partyNotifier } from '../reminders/notify-parties.js';
import type { Store } from '../store/types.js';
import type { PlanTemplate } from '../templates/template.js';
import { burstWait } from './webhook-burst.js';

export interface ComposeInput {
  config: Config;
  store: Store;
  template: PlanTemplate;
  runtime: RuntimeProviders;
  sessionSecret: string;
  /** The trial sign-in's code; a fresh random one when not given. */
  trialCode?: string;
  log?: (message: string) => void;
  now?: () => Date;
  /** Reminder channels only this runtime can open (SMTP on Node), beside those the core builds from the configuration. */
  reminderChannels?: ReminderChannel[];
  /** Workers: the most provider requests this composition may send (one is made per invocation); none on Node. */
  requestBudget?: number;
}

/**
 * The service as the entry points run it: what the app is built from, and the poll cycle they
 * drive (a timer on Node, the cron trigger on Workers). The poller itself owns no timer.
 */
export interface ComposedService extends AppDeps {
  /** One scheduled invocation of the cycle (the sweep when it is due); never two at once. */
  scheduledCycle(): Promise<CycleResult>;
  /** Every provider request goes through it; its limit is the invocation's budget. */
  meter: RequestMeter;
  /** Wait for the cycles webhooks asked for so far (tests, shutdown), without their gathering delay. */
  settleWebhookPolls(): Promise<void>;
  /** The same wait, by the name the Drive notification tests use. */
  settleDriveNotifications(): Promise<void>;
  /** Stop every change notification channel (shutdown on Node). */
  stopChangeChannels(): Promise<void>;
}

/** The status thresholds of the README's status rules, from their settings. */
export function statusThresholds(config: Config): StatusThresholds {
  return {
    graceDays: config.CHECKIN_GRACE_DAYS,
    activityLagPercent: config.ACTIVITY_LAG_PERCENT,
    offTrackMissedCheckIns: config.OFF_TRACK_MISSED_CHECKINS,
  };
}

/** Wire the service from its parts, once; shared by the Node and Workers entry points. */
export function composeService(input: ComposeInput): ComposedService {
  const { config } = input;
  const meter = createRequestMeter(input.runtime.fetch, input.requestBudget);
  const providers = buildProviders(config, { ...input.runtime, fetch: meter.fetch });
  const services: PlanServices = {
    store: input.store,
    template: input.template,
    providers,
    clock: zonedClock(config.TIME_ZONE, input.now),
    thresholds: statusThresholds(config),
    dateOrder: config.DATE_ORDER,
    planRules: { defaultProvider: config.PROVIDER, hrEmails: config.HR_EMAILS },
    log: input.log ?? ((message) => console.log(message)),
    inFlight: inFlight(),
  };
  // `services` and `deps` share one `providers` record: a provider swapped in later (tests) serves both.
  const reminders = {
    rules: { leadDays: config.REMINDER_LEAD_DAYS, graceDays: config.CHECKIN_GRACE_DAYS, escalateAtMissed: config.OFF_TRACK_MISSED_CHECKINS },
    channels: [...reminderChannelsFromConfig(config, meter.fetch, () => services.clock.now().getTime()), ...(input.reminderChannels ?? [])],
    dashboardUrl: config.PUBLIC_URL,
    meter,
  };
  // Notices (a plan closed) go through the same channels and the same sent-once ledger.
  services.notifyParties = partyNotifier(services, reminders.channels);
  services.reminderChannels = reminders.channels.map((channel) => channel.name);
  const cycles = scheduledCycle(services, { meter, sweepEveryMs: config.SHARING_SWEEP_SECONDS * 1000, reminders, publicUrl: config.PUBLIC_URL });
  // Both webhooks, on both runtimes: mark the plans, then one cycle after the burst (WEBHOOK_POLL_DELAY_SECONDS),
  // not a running cycle's share: that one may be past the plans the webhook just marked.
  const webhooks = webhookCycles(services, cycles.afterWebhook, burstWait(config.WEBHOOK_POLL_DELAY_SECONDS * 1000));
  const deps: ComposedService = {
    ...services,
    config,
    identity: {
      tokens: config.API_TOKENS,
      hrEmails: config.HR_EMAILS,
      devSignIn: devSignInAllowed({
        host: config.HOST,
        tokens: config.API_TOKENS,
        setting: config.DEV_SIGN_IN,
        publicUrl: config.PUBLIC_URL,
        companySignIn: Boolean(config.OIDC_ISSUER || config.CF_ACCESS_TEAM_DOMAIN),
      }),
      trialCode: input.trialCode ?? newTrialCode(),
      sessionSecret: input.sessionSecret,
      cookieName: sessionCookieName(config.PUBLIC_URL),
      sessions: input.store,
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_ID
        ? {
            oidc: createOidc({
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
              allowedDomains: config.OIDC_ALLOWED_DOMAINS,
              hrGroup: config.OIDC_HR_GROUP,
              redirectUri: `${config.PUBLIC_URL}/auth/callback`,
            }),
          }
        : {}),
      ...(config.CF_ACCESS_TEAM_DOMAIN && config.CF_ACCESS_AUD
        ? { access: createAccessVerifier({ teamDomain: config.CF_ACCESS_TEAM_DOMAIN, audience: config.CF_ACCESS_AUD }) }
        : {}),
    },
    runPollCycle: cycles.pollNow,
    scheduledCycle: cycles.scheduled,
    meter,
    settleWebhookPolls: () => webhooks.settle(),
    settleDriveNotifications: () => webhooks.settle(),
    stopChangeChannels: () => stopChannels(services),
    ...(providers.google?.changeChannels ? { onDriveChanges: webhooks.onDriveChanges } : {}),
    ...(providers.notion ? { onNotionPagesChanged: webhooks.onNotionPagesChanged } : {}),
  };
  return deps;
}
