/**
 * Who a create (or a share) told, and how (issue 22.7), so the person who did it knows whether to
 * tell anyone themselves. Google Drive emails each person it grants access to (the provider asks
 * for it: `sendNotificationEmail` with a note); Notion and local documents send nothing when made.
 * The reminder channels carry the reminders and notices that follow, not the create itself.
 */
import type { PartyRole } from '../domain/plan-schema.js';
import type { Party } from '../domain/plan.js';

export interface Told {
  /** People who were sent a message now, and by what. */
  people: { role: PartyRole; name: string; email: string; by: 'drive_email' }[];
  /** The configured reminder channels (names), through which reminders and notices will come; empty: none. */
  reminderChannels: string[];
}

const ROLES: readonly PartyRole[] = ['teamMember', 'manager', 'managersManager', 'hr'];

/**
 * `roles`: who was just given access (a create: the four, or a draft's three; a share: the team
 * member). Only Google tells them, by Drive's own email.
 */
export function whoWasTold(plan: { provider: string } & Record<PartyRole, Party>, roles: readonly PartyRole[] = ROLES, reminderChannels: readonly string[] = []): Told {
  const people = plan.provider === 'google' ? roles.map((role) => ({ role, name: plan[role].name, email: plan[role].email, by: 'drive_email' as const })) : [];
  return { people, reminderChannels: [...reminderChannels] };
}
