/**
 * What a reminder says. Email is less private than the document, so a reminder carries the team
 * member's name, the plan's title, its dates and the link to the document, and nothing else of the
 * plan: no development area, goal, activity or progress text (test/reminders asserts it).
 */
import type { Party } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import type { DueReminder, ReminderRole } from '../domain/reminders.js';
import { planTitle } from '../templates/template.js';

export interface ReminderMessage {
  /** The person it is for; null for a room (the webhook), which gets one message naming everyone. */
  to: Party | null;
  subject: string;
  text: string;
  /** Stable per delivery, so a receiver can tell a retried message from a new one (the email Message-ID). */
  id: string;
}

export type ReminderPlan = Pick<PlanRecord, 'id' | 'teamMember' | 'manager' | 'managersManager' | 'startDate' | 'endDate' | 'docUrl'>;

const ROLE_NAMES: Record<ReminderRole, string> = { teamMember: 'team member', manager: 'manager', managersManager: "manager's manager" };

function subjectOf(reminder: DueReminder, title: string): string {
  switch (reminder.kind) {
    case 'check_in_due':
      return `Check-in due ${reminder.date}: ${title}`;
    case 'check_in_missed':
      return `Check-in missed (due ${reminder.date}): ${title}`;
    case 'plan_ending':
      return `Plan ends ${reminder.date}: please close it with an outcome (${title})`;
    case 'alignment_due':
      return `A draft coaching plan awaits your alignment (${title})`;
  }
}

function bodyOf(reminder: DueReminder, plan: ReminderPlan, dashboardUrl: string): string {
  const member = plan.teamMember.name;
  switch (reminder.kind) {
    case 'check_in_due':
      return `A check-in on ${member}'s coaching plan is due on ${reminder.date}. Add a dated entry to the progress log in the plan document.`;
    case 'check_in_missed': {
      const count = reminder.missed ?? 1;
      return `No progress entry was recorded for the check-in due on ${reminder.date} on ${member}'s coaching plan (${count} missed check-in${count === 1 ? '' : 's'} so far).`;
    }
    case 'plan_ending':
      return `${member}'s coaching plan ends on ${reminder.date}. Please close it with an outcome (achieved, partially achieved or not achieved), or extend it, in the dashboard: ${dashboardUrl}/`;
    case 'alignment_due':
      return `${plan.manager.name} drafted a coaching plan for ${member} and asks you to align on it before ${member} sees it. Read the draft, then press "Align" on the plan in the dashboard (${dashboardUrl}/), with a note if you like. ${member} has not been told of it.`;
  }
}

/** The message for one recipient (email) or for a room (`to` null: the webhook). */
export function reminderMessage(reminder: DueReminder, plan: ReminderPlan, to: ReminderRole | null, dashboardUrl: string): ReminderMessage {
  const title = planTitle(plan);
  const subject = subjectOf(reminder, title);
  const facts = [`Plan: ${title}, ${plan.startDate} to ${plan.endDate}`, `Document: ${plan.docUrl ?? '(none)'}`];
  const id = `${reminder.kind}.${reminder.date}.${plan.id}.${to ?? 'room'}`;
  if (to === null) {
    const names = reminder.to.map((role) => `${plan[role].name} (${ROLE_NAMES[role]})`).join(', ');
    return { to: null, subject, id, text: `${subject}\nFor: ${names}\n${bodyOf(reminder, plan, dashboardUrl)}\n${facts.join('\n')}` };
  }
  const party = plan[to];
  const why = `You get this as the ${ROLE_NAMES[to]} on the plan. Reminders carry no plan content; the document holds it.`;
  return { to: party, subject, id, text: [`Hello ${party.name},`, '', bodyOf(reminder, plan, dashboardUrl), '', ...facts, '', why, ''].join('\n') };
}
