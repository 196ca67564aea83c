/**
 * Notices to a plan's parties (e.g. "the plan was closed") through the reminder channels, each
 * delivery (plan, notice kind, date, recipient, channel) claimed in the reminder ledger before it
 * is sent, so a retried close never tells anyone twice. Like reminders, a notice carries names,
 * dates, the title and the link, never plan text.
 */
import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { errorMessage } from '../errors.js';
import type { NotifyParties, NoticeOutcome, PartyNotice, PlanServices } from '../plans/services.js';
import type { ReminderDeliveryKey, ReminderLedger } from '../store/types.js';
import { planTitle } from '../templates/template.js';
import type { ReminderChannel } from './channels.js';
import type { ReminderMessage } from './message.js';

const ROLE_NAMES: Record<PartyRole, string> = { teamMember: 'team member', manager: 'manager', managersManager: "manager's manager", hr: 'HR' };

function noticeMessage(plan: PlanRecord, notice: PartyNotice, to: PartyRole | null): ReminderMessage {
  const facts = [`Plan: ${planTitle(plan)}, ${plan.startDate} to ${plan.endDate}`, `Document: ${plan.docUrl ?? '(none)'}`];
  const id = `${notice.kind}.${notice.date}.${plan.id}.${to ?? 'room'}`;
  if (to === null) {
    const names = notice.to.map((role) => `${plan[role].name} (${ROLE_NAMES[role]})`).join(', ');
    return { to: null, subject: notice.subject, id, text: `${notice.subject}\nFor: ${names}\n${notice.body}\n${facts.join('\n')}` };
  }
  const party = plan[to];
  const why = `You get this as the ${ROLE_NAMES[to]} on the plan. Messages carry no plan content; the document holds it.`;
  return { to: party, subject: notice.subject, id, text: [`Hello ${party.name},`, '', notice.body, '', ...facts, '', why, ''].join('\n') };
}

export function partyNotifier(deps: Pick<PlanServices, 'clock' | 'log'> & { store: ReminderLedger }, channels: ReminderChannel[]): NotifyParties {
  return async (plan, notice) => {
    const outcome: NoticeOutcome = { sent: [], failed: [], noChannel: channels.length === 0 };
    const at = () => deps.clock.now().toISOString();
    for (const channel of channels) {
      // A room may hold the team member: nothing of a draft is posted there.
      if (plan.stage === 'draft' && channel.reaches === 'room') continue;
      for (const role of channel.reaches === 'room' ? [null] : [...new Set(notice.to)]) {
        const recipient = role ? plan[role].email : '*';
        const key: ReminderDeliveryKey = { planId: plan.id, kind: notice.kind, date: notice.date, recipient, channel: channel.name };
        const whom = role ? `${recipient} by ${channel.name}` : `the ${channel.name} room`;
        // Claimed already (sent, or maybe sent before a crash): never again.
        if (!(await deps.store.claimReminderDelivery(key, at()))) continue;
        const data = { kind: notice.kind, date: notice.date, recipient, channel: channel.name };
        try {
          await channel.send(noticeMessage(plan, notice, role));
        } catch (error) {
          const reason = errorMessage(error);
          deps.log(`[notices] ${notice.kind} to ${whom} failed: ${reason}`);
          await deps.store.settleReminderDelivery(key, { state: 'failed', at: at(), error: reason }, [
            { kind: 'reminder.failed', actor: 'service', message: `Notice (${notice.subject}) to ${whom} failed; it is tried again: ${reason}`, data },
          ]);
          outcome.failed.push(whom);
          continue;
        }
        await deps.store.settleReminderDelivery(key, { state: 'sent', at: at() }, [{ kind: 'notice.sent', actor: 'service', message: `Told ${whom}: ${notice.subject}`, data }]);
        outcome.sent.push(whom);
      }
    }
    return outcome;
  };
}
