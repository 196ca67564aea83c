import type { AuditInput } from '../domain/audit.js';
import { addDays, daysBetween } from '../domain/dates.js';
import type { PlanRecord, SharingStatus } from '../domain/plan.js';
import { stagedParties } from '../domain/plan-stage.js';
import { errorMessage } from '../errors.js';
import { providerFor } from '../providers/registry.js';
import { ProviderError, type SharingReport } from '../providers/types.js';
import type { AuditLog, PlanLifecycle, PlanReads } from '../store/types.js';
import type { PlanServices } from './services.js';

export type ShareServices = Pick<PlanServices, 'providers' | 'clock' | 'log' | 'inFlight'> & { store: PlanReads & PlanLifecycle & AuditLog };

/**
 * The dates a draft is shared with. A draft whose start date has passed starts today and keeps its
 * length (its check-ins would otherwise be missed before the team member ever saw the plan), unless
 * the manager keeps the dates as they are.
 */
export function sharingDates(plan: Pick<PlanRecord, 'startDate' | 'endDate'>, today: string, keepDates: boolean): { startDate: string; endDate: string } {
  if (keepDates || plan.startDate >= today) return { startDate: plan.startDate, endDate: plan.endDate };
  return { startDate: today, endDate: addDays(today, daysBetween(plan.startDate, plan.endDate)) };
}

/** How the issue that says a share is under way starts (the other issues are a check's findings). */
const UNDER_WAY = 'Not yet shared with ';
const isUnderWay = (issue: string) => issue.startsWith(UNDER_WAY);

/** What a half-shared plan's sharing says while the team member's access is not yet given. */
export function sharingUnderWay(plan: Pick<PlanRecord, 'teamMember' | 'sharing'>, reason?: string): SharingStatus {
  const issue = `${UNDER_WAY}${plan.teamMember.name} (${plan.teamMember.email})${reason ? `: ${reason} (tried again in the next poll cycle, or share again)` : ': giving them access now'}`;
  return { state: 'pending', checkedAt: plan.sharing.checkedAt, issues: [issue] };
}

/**
 * What a sharing check of a half-shared plan records (plans/poll-plan.ts): what it repaired, or a
 * stranger it could not remove, beside the share still under way; when it found nothing, the plan
 * is simply half shared, as the share last said.
 */
export function sharingWhilePending(plan: Pick<PlanRecord, 'teamMember' | 'sharing'>, report: SharingReport, at: string): SharingStatus {
  const said = plan.sharing.issues.filter(isUnderWay);
  const underWay = said.length > 0 ? said : sharingUnderWay(plan).issues;
  if (report.state === 'ok') return { state: 'pending', issues: underWay, checkedAt: at };
  return { state: report.state, issues: [...report.issues, ...underWay], checkedAt: at };
}

/** A share that failed again: still under way, and a violation the last check found is still there. */
function stillUnderWay(plan: PlanRecord, reason: string): SharingStatus {
  const underWay = sharingUnderWay(plan, reason);
  if (plan.sharing.state !== 'violation') return underWay;
  return { state: 'violation', checkedAt: plan.sharing.checkedAt, issues: [...plan.sharing.issues.filter((issue) => !isUnderWay(issue)), ...underWay.issues] };
}

/**
 * Give the team member access to a plan whose share is pending (the stage is already `shared`),
 * through the provider's `shareDocument`, which looks before it grants: resumed after a crash, or
 * run again by the next poll cycle, it never grants twice. On success the share is no longer
 * pending; on failure the plan's sharing says why, and it stays pending. Returns the failure, if any.
 */
export function runShareSteps(deps: ShareServices, plan: PlanRecord): Promise<string | null> {
  // A retry and a poll cycle never run one plan's share at once: the second joins the first.
  return deps.inFlight.shares.run(plan.id, () => shareSteps(deps, plan));
}

async function shareSteps(deps: ShareServices, plan: PlanRecord): Promise<string | null> {
  const provider = providerFor(deps.providers, plan.provider);
  const events: AuditInput[] = [];
  try {
    if (!provider) throw new ProviderError(`[plans] provider "${plan.provider}" is not configured any more`, { retryable: true });
    if (!plan.docId) throw new ProviderError('[plans] the plan has no document to share', { retryable: true });
    const report = await provider.shareDocument({
      ref: { planId: plan.id, docId: plan.docId },
      parties: stagedParties(plan),
      startDate: plan.startDate,
      endDate: plan.endDate,
      audit: async (event) => {
        events.push(event);
      },
    });
    const at = deps.clock.now().toISOString();
    await deps.store.finishSharing(plan.id, { at, sharing: { ...report, checkedAt: at } }, events);
    return null;
  } catch (error) {
    const message = errorMessage(error);
    deps.log(`[plans] share of ${plan.id} interrupted: ${message}`);
    await deps.store.appendAudit(plan.id, events);
    await deps.store.noteSharingProgress(plan.id, stillUnderWay(plan, message));
    return message;
  }
}

/** Every poll cycle: carry on with shares that were interrupted (a crash, a provider outage). */
export async function resumePendingShares(deps: ShareServices, enough: () => boolean = () => true): Promise<number> {
  let resumed = 0;
  for (const plan of await deps.store.listSharePending()) {
    if (!enough()) break;
    await runShareSteps(deps, plan);
    resumed++;
  }
  return resumed;
}
