/** "Who was told, and how", in a sentence for the person who just created or shared a plan (issue 22.7). */
import type { Notified, PlanDetail } from './types.js';

const CHANNEL_WORDS: Record<string, string> = { webhook: 'the team chat', gmail: 'email', smtp: 'email' };

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `shared`: after a share, only the team member was given access. */
export function toldSentence(plan: Pick<PlanDetail, 'teamMember'>, notified: Notified | undefined, shared = false): string {
  if (!notified) return '';
  const channels = [...new Set(notified.reminderChannels.map((name) => CHANNEL_WORDS[name] ?? name))];
  const later = channels.length
    ? ` Reminders before each check-in come by ${list(channels)}.`
    : ' No reminder channel is set up, so nobody gets reminders: tell them the check-in dates yourself.';
  if (notified.people.length) return `Google Drive emailed ${list(notified.people.map((p) => p.name))} a link to the document.${later}`;
  return `Nobody was sent a message about it: tell ${plan.teamMember.name}${shared ? '' : ' and the others'} yourself, with the document's link.${later}`;
}
