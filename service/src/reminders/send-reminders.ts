/**
 * The reminders step at the end of every poll cycle: what each plan is owed today
 * (domain/reminders.ts), through each channel, each delivery once (the ledger in the store).
 *
 * At most once: a delivery is claimed in the store before it is sent and settled after. If the
 * service stops between the two, the claim stays; it is never sent again, and a later cycle marks it
 * `unconfirmed` in the plan's audit, so the gap is visible. A channel that answers with an error (or
 * cannot be reached) settles it `failed`, and a later cycle tries again while the reminder is still
 * due. A failing channel is left alone for the rest of the cycle, so it cannot hold up the others.
 */
import type { AuditInput } from '../domain/audit.js';
import { dueReminders, type ReminderRules } from '../domain/reminders.js';
import { errorMessage } from '../errors.js';
import type { PlanServices } from '../plans/services.js';
import type { RequestMeter } from '../providers/request-meter.js';
import type { ReminderDelivery, ReminderDeliveryKey, ReminderLedger } from '../store/types.js';
import type { ReminderChannel } from './channels.js';
import { reminderMessage } from './message.js';

export interface ReminderOptions {
  rules: ReminderRules;
  /** The channels turned on; none: the step does nothing. */
  channels: ReminderChannel[];
  /** PUBLIC_URL, for the dashboard link in "close the plan". */
  dashboardUrl: string;
  /** Workers: a send starts only while the invocation's request budget covers it; the rest waits. */
  meter?: RequestMeter;
}

export interface ReminderResult {
  sent: number;
  failed: number;
}

export type ReminderServices = Pick<PlanServices, 'clock' | 'log'> & { store: ReminderLedger };

/** A claim older than this was left by a sender that stopped (a cycle's sends take seconds). */
export const STALE_CLAIM_MS = 15 * 60_000;

const keyOf = (key: ReminderDeliveryKey) => [key.planId, key.kind, key.date, key.recipient, key.channel].join('\n');
const KIND_WORDS = {
  check_in_due: 'check-in due',
  check_in_missed: 'check-in missed',
  plan_ending: 'plan ends',
  plan_closed: 'plan closed',
  hr_reminder: 'HR reminder',
  alignment_due: 'draft awaits alignment',
} as const;
const about = (key: Pick<ReminderDeliveryKey, 'kind' | 'date'>) => `${KIND_WORDS[key.kind]} ${key.date}`;
const whom = (key: ReminderDeliveryKey) => (key.recipient === '*' ? `by ${key.channel} (to its room)` : `to ${key.recipient} by ${key.channel}`);

export async function sendReminders(deps: ReminderServices, options: ReminderOptions): Promise<ReminderResult> {
  const result: ReminderResult = { sent: 0, failed: 0 };
  if (options.channels.length === 0) return result;
  const at = () => deps.clock.now().toISOString();
  await reportStaleClaims(deps, at);

  const today = deps.clock.today();
  const plans = await deps.store.listReminderPlans();
  const owed = plans.map((plan) => ({ plan, reminders: dueReminders(plan, today, options.rules) })).filter((p) => p.reminders.length > 0);
  if (owed.length === 0) return result;
  const known = new Map((await deps.store.listReminderDeliveries(owed.map((p) => p.plan.id))).map((d) => [keyOf(d), d]));
  const down = new Set<string>();

  for (const { plan, reminders } of owed) {
    for (const reminder of reminders) {
      for (const channel of options.channels) {
        // A room may hold the team member: a draft is told to people one by one, never to a room.
        if (plan.stage === 'draft' && channel.reaches === 'room') continue;
        for (const role of channel.reaches === 'room' ? [null] : reminder.to) {
          if (down.has(channel.name)) break;
          const key: ReminderDeliveryKey = { planId: plan.id, kind: reminder.kind, date: reminder.date, recipient: role ? plan[role].email : '*', channel: channel.name };
          const before = known.get(keyOf(key));
          if (before && before.state !== 'failed') continue;
          if (options.meter && options.meter.remaining() < channel.requests) return result;
          if (!(await deps.store.claimReminderDelivery(key, at()))) continue;
          const outcome = await deliver(deps, channel, key, reminderMessage(reminder, plan, role, options.dashboardUrl), before, at);
          result[outcome]++;
          if (outcome === 'failed') down.add(channel.name);
        }
      }
    }
  }
  return result;
}

async function deliver(
  deps: ReminderServices,
  channel: ReminderChannel,
  key: ReminderDeliveryKey,
  message: ReturnType<typeof reminderMessage>,
  before: ReminderDelivery | undefined,
  at: () => string,
): Promise<'sent' | 'failed'> {
  const data = { kind: key.kind, date: key.date, recipient: key.recipient, channel: key.channel };
  try {
    await channel.send(message);
  } catch (error) {
    const reason = errorMessage(error);
    deps.log(`[reminders] ${about(key)} ${whom(key)} failed, to be tried again next cycle: ${reason}`);
    // The first failure goes in the audit; retries of the same delivery only in the log.
    const audit: AuditInput[] = before
      ? []
      : [{ kind: 'reminder.failed', actor: 'service', message: `Reminder (${about(key)}) ${whom(key)} failed; it is tried again in later cycles: ${reason}`, data }];
    await deps.store.settleReminderDelivery(key, { state: 'failed', at: at(), error: reason }, audit);
    return 'failed';
  }
  await deps.store.settleReminderDelivery(key, { state: 'sent', at: at() }, [
    { kind: 'reminder.sent', actor: 'service', message: `Reminder (${about(key)}) sent ${whom(key)}`, data },
  ]);
  return 'sent';
}

/** Claims a stopped sender left behind: not sent again (it may have gone out), said in the plan's audit. */
async function reportStaleClaims(deps: ReminderServices, at: () => string): Promise<void> {
  const before = new Date(deps.clock.now().getTime() - STALE_CLAIM_MS).toISOString();
  for (const claim of await deps.store.listStaleReminderClaims(before)) {
    const message = `Reminder (${about(claim)}) ${whom(claim)} was being sent at ${claim.claimedAt} when the service stopped; it may not have gone out and is not sent again`;
    deps.log(`[reminders] ${message}`);
    await deps.store.settleReminderDelivery(claim, { state: 'unconfirmed', at: at() }, [
      { kind: 'reminder.unconfirmed', actor: 'service', message, data: { kind: claim.kind, date: claim.date, recipient: claim.recipient, channel: claim.channel } },
    ]);
  }
}
