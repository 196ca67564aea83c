/**
 * HR's reminder about a missed check-in, sent from the plan page (issue 22.7): to the team member
 * and the manager, through the configured reminder channels, as a notice through the same sent-once
 * ledger as the close notice. The ledger's key holds today's date, so HR can send it once a day at
 * most; the request itself is audited with who asked. Like every reminder: names, dates, the title
 * and the link, never plan text.
 */
import type { Identity } from '../auth/access.js';
import { readableDate } from '../domain/dates.js';
import { computeStatus } from '../domain/status.js';
import { AppError } from '../errors.js';
import { planTitle } from '../templates/template.js';
import { type PlanDetail, type ReadServices, readPlanDetail, visiblePlan } from './plan-view.js';
import type { PlanServices } from './services.js';

export type RemindServices = ReadServices & Pick<PlanServices, 'notifyParties' | 'reminderChannels'>;

export interface RemindAnswer {
  /** Each delivery made: `ana@acme.test by gmail`, `the webhook room`. */
  sent: string[];
  plan: PlanDetail;
}

export async function remindMissedCheckIn(deps: RemindServices, caller: Identity, id: string): Promise<RemindAnswer> {
  const plan = await visiblePlan(deps, caller, id);
  if (!caller.isHr) throw new AppError('forbidden', 'Only HR sends reminders from the plan page; the team member and the manager get the scheduled ones.');
  if (plan.state !== 'ready') throw new AppError('invalid_state', 'Only an open plan gets reminders.');
  const today = deps.clock.today();
  const missed = computeStatus(plan, plan.parsed, today, deps.thresholds).checkIns.filter((checkIn) => checkIn.state === 'missed');
  const latest = missed[missed.length - 1];
  if (!latest) throw new AppError('invalid_state', 'No check-in of this plan is missed: there is nothing to remind about.');
  if (!deps.notifyParties || !deps.reminderChannels?.length) {
    throw new AppError('invalid_state', 'No reminder channel is set up (REMINDER_SENDER, SMTP_URL or NOTIFY_WEBHOOK_URL): tell them yourself.');
  }
  const outcome = await deps.notifyParties(plan, {
    kind: 'hr_reminder',
    date: today,
    to: ['teamMember', 'manager'],
    subject: `Check-in missed: ${planTitle(plan)}`,
    body: `HR asks for the progress entry of the check-in due ${readableDate(latest.due)} (${missed.length} missed so far): add it to the plan's document, with what happened since the last one.`,
  });
  if (outcome.sent.length === 0 && outcome.failed.length === 0) {
    throw new AppError('invalid_state', 'A reminder about this plan went out today already: HR can send one a day at most.');
  }
  await deps.store.appendAudit(plan.id, [
    {
      kind: 'reminder.requested',
      actor: caller.email,
      message: `Asked for a reminder about the check-in missed on ${latest.due}: sent ${outcome.sent.length ? outcome.sent.join(', ') : 'to nobody'}${outcome.failed.length ? `; not delivered ${outcome.failed.join(', ')} (tried again by the next request)` : ''}.`,
    },
  ]);
  if (outcome.failed.length > 0 && outcome.sent.length === 0)
    throw new AppError('provider_failed', `The reminder could not be delivered (${outcome.failed.join(', ')}). Try again in a while.`);
  return { sent: outcome.sent, plan: await readPlanDetail(deps, caller, id) };
}
