import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import type { PartyRole } from '../../../domain/plan-schema.js';
import type { GoogleApi } from '../api/client.js';
import { repairFolder } from './folder.js';
import type { GoogleProviderOptions, GrantRole } from '../options.js';
import { grantParty, listPermissions, removePermission, setRole } from './permissions.js';
import { describePermission, planSharingRepairs, type DesiredGrant } from './parties.js';

const SERVICE = 'service';

export interface ReconcileOptions {
  /** The on-close role a party may have been lowered to (enforcing a closed plan's document). */
  acceptLowered?: GrantRole;
  /** The email a party granted again receives; none restores access quietly. */
  notify?: { emailMessage: string };
  /** Take grants the document inherits off the plans folder (enforcing); a create fails closed instead. */
  repairFolder?: boolean;
  /** Stop at the first grant the document cannot lose, before changing anything (a create deletes it anyway). */
  stopAtUnremovable?: boolean;
  /**
   * The parties whose missing grant is made (default: all desired); the others may hold their
   * grant or not (a pending share's team member: only the share grants, with its email).
   */
  grantOnly?: readonly PartyRole[];
  /** The document's grants as just read (files.get with permissions): the first round lists nothing. */
  initial?: drive_v3.Schema$Permission[];
}

export interface Reconciled {
  /** What was changed, one sentence each, for the plan's sharing issues. */
  issues: string[];
  /** Grants Drive will not remove on the document: inherited from above, or another owner's. */
  unremovable: drive_v3.Schema$Permission[];
  /** The access still differed after the last round (someone kept changing it). */
  unsettled: boolean;
}

/** Lists of the document at most: repair, verify, and once more after a folder repair or a late change. */
const ROUNDS = 3;

/**
 * Bring a document's grants to the owner and the four, and verify it: list, remove additions, set
 * roles back, grant missing parties one at a time, list again. The one piece behind a create's
 * verification and every sharing check. Every change is audited.
 */
export async function reconcileGrants(
  api: GoogleApi,
  options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>,
  fileId: string,
  grants: DesiredGrant[],
  audit: AuditSink,
  how: ReconcileOptions = {},
): Promise<Reconciled> {
  const issues: string[] = [];
  let folderTried = !how.repairFolder;
  // Grants Drive refused to delete on the document (inherited, even when permissionDetails did not say so).
  const refusedIds = new Set<string>();
  for (let round = 0; ; round++) {
    const listed = round === 0 && how.initial ? how.initial : await listPermissions(api, fileId);
    const planned = planSharingRepairs(listed, grants, options.subject, how.acceptLowered);
    const repairs = how.grantOnly ? { ...planned, grant: planned.grant.filter((grant) => how.grantOnly?.includes(grant.party)) } : planned;
    const remove = repairs.remove.filter((p) => !refusedIds.has(p.id ?? ''));
    const stuck = [...repairs.unremovable, ...repairs.remove.filter((p) => refusedIds.has(p.id ?? '')).map(inherited)];
    if (stuck.length > 0 && !folderTried) {
      folderTried = true;
      const fromFolder = await repairFolder(api, options, audit);
      issues.push(...fromFolder);
      if (fromFolder.length > 0) {
        refusedIds.clear();
        continue;
      }
    }
    if (stuck.length > 0 && how.stopAtUnremovable) return { issues, unremovable: stuck, unsettled: false };
    if (remove.length + repairs.update.length + repairs.grant.length === 0) return { issues, unremovable: stuck, unsettled: false };
    if (round >= ROUNDS - 1) return { issues, unremovable: stuck, unsettled: true };
    const refused = await removeExtras(api, fileId, remove, audit, issues);
    for (const permission of refused) refusedIds.add(permission.id ?? '');
    if (refused.length > 0 && how.stopAtUnremovable) return { issues, unremovable: [...stuck, ...refused], unsettled: false };
    for (const { permission, grant } of repairs.update) {
      await setRole(api, fileId, permission.id ?? '', grant.role);
      issues.push(`set ${grant.email} back to ${grant.role} (was ${permission.role})`);
      await audit({ kind: 'sharing.repaired', actor: SERVICE, message: `Set ${grant.email} back to ${grant.role} (was ${permission.role})`, data: { party: grant.party } });
    }
    for (const grant of repairs.grant) {
      await grantParty(api, fileId, grant, how.notify);
      issues.push(`restored access for ${grant.email} (${grant.role})`);
      await audit({ kind: 'sharing.granted', actor: SERVICE, message: `Restored ${grant.email}'s access (${grant.role})`, data: { party: grant.party, role: grant.role } });
    }
  }
}

const inherited = (permission: drive_v3.Schema$Permission): drive_v3.Schema$Permission => ({ ...permission, permissionDetails: [{ inherited: true }] });

/** Remove grants nobody asked for; returns those Drive refused to remove (inherited from the folder). */
export async function removeExtras(
  api: GoogleApi,
  fileId: string,
  extras: drive_v3.Schema$Permission[],
  audit: AuditSink,
  issues: string[],
): Promise<drive_v3.Schema$Permission[]> {
  const refused: drive_v3.Schema$Permission[] = [];
  for (const permission of extras) {
    if ((await removePermission(api, fileId, permission.id ?? '')) === 'refused') {
      // Drive would not remove it here: it comes from the folder even if permissionDetails did not say so.
      refused.push(inherited(permission));
      continue;
    }
    const what = describePermission(permission);
    issues.push(`removed access for ${what}`);
    await audit({ kind: 'sharing.removed', actor: SERVICE, message: `Removed access for ${what}: only the four parties may see the plan`, data: { fileId, permission } });
  }
  return refused;
}
