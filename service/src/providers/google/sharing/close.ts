import type { AuditSink } from '../../../domain/audit.js';
import type { StagedParties } from '../../../domain/plan-stage.js';
import type { DocRef } from '../../types.js';
import { getLiveFile, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { desiredGrants } from './enforce.js';
import { listPermissions, setRole } from './grants.js';

const SERVICE = 'service';

/** On close the team member and manager keep the agreed record as commenters (configurable). */
export async function closeDocument(api: GoogleApi, options: GoogleProviderOptions, ref: DocRef, parties: StagedParties, audit: AuditSink): Promise<void> {
  await getLiveFile(api, ref.docId, 'id');
  const permissions = await listPermissions(api, ref.docId);
  for (const grant of desiredGrants(parties, options).filter((g) => g.party === 'teamMember' || g.party === 'manager')) {
    const permission = permissions.find((p) => p.emailAddress?.toLowerCase() === grant.email && p.role !== 'owner');
    if (!permission?.id || permission.role === options.roles.onClose) continue;
    await setRole(api, ref.docId, permission.id, options.roles.onClose);
    await audit({
      kind: 'sharing.downgraded',
      actor: SERVICE,
      message: `${grant.email} is now ${options.roles.onClose} (was ${permission.role}): the closed plan stays as agreed`,
      data: { party: grant.party, from: permission.role, to: options.roles.onClose },
    });
  }
}

/** On reopen: the team member and the manager get back the roles a plan gives them (what close lowered). */
export async function reopenDocument(api: GoogleApi, options: GoogleProviderOptions, ref: DocRef, parties: StagedParties, audit: AuditSink): Promise<void> {
  await getLiveFile(api, ref.docId, 'id');
  const permissions = await listPermissions(api, ref.docId);
  for (const grant of desiredGrants(parties, options).filter((g) => g.party === 'teamMember' || g.party === 'manager')) {
    const permission = permissions.find((p) => p.emailAddress?.toLowerCase() === grant.email && p.role !== 'owner');
    if (!permission?.id || permission.role === grant.role) continue;
    await setRole(api, ref.docId, permission.id, grant.role);
    await audit({
      kind: 'sharing.repaired',
      actor: SERVICE,
      message: `${grant.email} is ${grant.role} again (was ${permission.role}): the plan was reopened`,
      data: { party: grant.party, from: permission.role, to: grant.role },
    });
  }
}
