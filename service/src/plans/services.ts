import type { Clock } from '../domain/clock.js';
import type { ParseOptions } from '../domain/dates.js';
import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import type { StatusThresholds } from '../domain/status.js';
import type { ProviderName } from '../domain/plan-schema.js';
import type { Providers } from '../providers/registry.js';
import type { Store } from '../store/types.js';
import type { PlanTemplate } from '../templates/template.js';
import type { InFlight } from './in-flight.js';

/** What a new plan is held to beyond its schema, from the configuration. */
export interface PlanRules {
  /** PROVIDER: where a plan goes when the request names no provider. */
  defaultProvider: ProviderName;
  /** HR_EMAILS: a plan's HR party must be one of them; the first is the default HR party. */
  hrEmails: readonly string[];
}

/**
 * A word to some of a plan's parties through the configured reminder channels: names, dates and the
 * outcome, never plan text (email and chat are less private than the document).
 */
export interface PartyNotice {
  /** With the plan and `date`, what makes each delivery once (the reminder ledger's key). */
  kind: 'plan_closed' | 'hr_reminder';
  date: string;
  to: PartyRole[];
  subject: string;
  /** The message's sentence(s); the plan's title, dates and link are added. */
  body: string;
}

/** Who was told, by which channel; `failed` ones are tried again when the caller retries. */
export interface NoticeOutcome {
  sent: string[];
  failed: string[];
  /** No channel is configured: nobody can be told this way. */
  noChannel: boolean;
}

/** Tell parties of a plan through the reminder channels, each delivery at most once (reminders/notify-parties.ts). */
export type NotifyParties = (plan: PlanRecord, notice: PartyNotice) => Promise<NoticeOutcome>;

/**
 * The parts the plan use cases (and the poller) work with, each named for what it is. Built once by
 * runtime/compose.ts; a use case declares the parts it uses, the store's included
 * (`Pick<PlanServices, 'clock'> & { store: PlanReads }`, the parts in store/types.ts), and none sees
 * the whole configuration.
 */
export interface PlanServices {
  store: Store;
  providers: Providers;
  template: PlanTemplate;
  clock: Clock;
  thresholds: StatusThresholds;
  /** How the parser reads a date like 03/12/2026 (DATE_ORDER). */
  dateOrder: ParseOptions['dateOrder'];
  planRules: PlanRules;
  log: (message: string) => void;
  /** The document steps running now (creates, shares, edits), so none runs twice at once; one per composition. */
  inFlight: InFlight;
  /** The reminder channels, for notices such as "the plan was closed"; absent in tests that need none. */
  notifyParties?: NotifyParties;
  /** The names of the reminder channels turned on, to tell a person how they will hear (plans/plan-view.ts: whoWasTold). */
  reminderChannels?: string[];
}
