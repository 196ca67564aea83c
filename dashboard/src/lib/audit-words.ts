/**
 * The audit log in sentences (issue 22.5): each event kind in words, and the people in it by the
 * names the plan gives them rather than their email addresses. The raw kind stays available to
 * scripts through the API; the page shows what happened.
 */
import { HEALTH_LABELS, PHASE_LABELS } from './format.js';
import type { AuditEntry, PlanDetail as Plan } from './types.js';

const KIND_WORDS: Record<string, string> = {
  'plan.created': 'Plan started',
  'plan.create_failed': 'Document could not be made',
  'plan.closed': 'Plan closed',
  'plan.extended': 'End date moved',
  'plan.viewed': 'Read by HR',
  'plan.aligned': 'Aligned',
  'plan.shared': 'Shared with the team member',
  'plan.agreed': 'Agreed',
  'plan.adjusted': 'Plan adjusted',
  'plan.reopened': 'Plan reopened',
  'sharing.granted': 'Access given',
  'sharing.removed': 'Access removed',
  'sharing.repaired': 'Sharing put back',
  'sharing.violation': 'Sharing problem',
  'sharing.downgraded': 'Access lowered',
  'document.created': 'Document made',
  'document.missing': 'Document missing',
  'status.changed': 'Status changed',
  'poll.failed': 'Document could not be read',
  'reminder.sent': 'Reminder sent',
  'reminder.failed': 'Reminder not delivered',
  'reminder.unconfirmed': 'Reminder may not have gone out',
  'reminder.requested': 'Reminder asked for by HR',
  'notice.sent': 'Message sent',
  'document.updated': 'Document updated',
};

export const auditKindWords = (kind: string): string => KIND_WORDS[kind] ?? kind.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Emails of the plan's four people, to their names (case-insensitive). */
function namesOf(p: Plan): Map<string, string> {
  const names = new Map<string, string>();
  for (const party of [p.teamMember, p.manager, p.managersManager, p.hr]) names.set(party.email.toLowerCase(), party.name);
  return names;
}

const EMAIL = /[^\s<>(),;:'"]+@[^\s<>(),;:'"]+\.[a-z]{2,}/gi;

/** Who did it, in words: a person's name, or "The service". */
export function auditActor(entry: AuditEntry, p: Plan): string {
  if (entry.actor === 'service') return 'The service';
  return namesOf(p).get(entry.actor.toLowerCase()) ?? entry.actor;
}

/** What happened, as a sentence with names ("Shared with Ana Lima (writer)"). */
export function auditSentence(entry: AuditEntry, p: Plan): string {
  const names = namesOf(p);
  let text = entry.message;
  if (entry.kind === 'status.changed') {
    const m = /^(\w+)\/(\w+) -> (\w+)\/(\w+)$/.exec(text);
    if (m) {
      const [, phaseBefore, healthBefore, phaseAfter, healthAfter] = m as unknown as [string, string, string, string, string];
      const label = (map: Record<string, string>, key: string) => map[key] ?? key;
      const parts: string[] = [];
      if (phaseBefore !== phaseAfter) parts.push(`Phase from ${label(PHASE_LABELS, phaseBefore)} to ${label(PHASE_LABELS, phaseAfter)}`);
      if (healthBefore !== healthAfter) parts.push(`health from ${label(HEALTH_LABELS, healthBefore)} to ${label(HEALTH_LABELS, healthAfter)}`);
      text = parts.length ? `${parts.join(', ')}.` : text;
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
  }
  text = text.replace(/ as (reader|writer|commenter|owner)\b/g, ' ($1)');
  return text.replace(EMAIL, (email) => names.get(email.toLowerCase()) ?? email);
}
