import { type PollServices, sharingConfirmed } from '../plans/poll-plan.js';
import type { PlanServices } from '../plans/services.js';
import type { DocProvider } from '../providers/types.js';
import type { PollTarget } from '../store/types.js';
import { errorMessage } from '../errors.js';

/** The sharing sweep, when one ran: plans swept, confirmed in bulk, left to a check of their own. */
export interface SweepCount {
  plans: number;
  /** Confirmed as agreed by a bulk answer (pages, not documents). */
  confirmed: number;
  /** The bulk answer could not judge them (no permissions given, not listed): checked one by one. */
  undecided: number;
  /** Something to repair: checked (and repaired) one by one. */
  toRepair: number;
  /** Requests the bulk answers took. */
  requests: number;
}

/** Bulk answers cost about one request a page of this many documents (Drive's pages with permissions). */
const BULK_PAGE = 100;

/**
 * The sweep in pages, for a provider that can (confirmSharing): the plans it confirms as agreed are
 * recorded as checked now, in one write; the rest are marked for a check of their own. A plan with
 * an error on record gets its own check, so only a real poll clears the error. Any failure, or too
 * little budget for the pages, leaves every plan to its own check: never fewer checks, only more.
 */
export async function confirmSharingInBulk(
  deps: PollServices & Pick<PlanServices, 'log'>,
  budget: number,
  provider: DocProvider,
  targets: PollTarget[],
  count: SweepCount,
): Promise<Set<string>> {
  if (!provider.confirmSharing || targets.length === 0) return new Set();
  if (budget < Math.ceil(targets.length / BULK_PAGE) + 1) return new Set();
  try {
    // A half-shared plan gets a check of its own (marked below, counted as undecided): the bulk
    // answer judges against the four, and its team member's access is the pending share's to give.
    const plans = (await deps.store.getPlans(targets.map((target) => target.id))).filter((plan) => plan.docId && plan.pollError === null && !plan.sharePending);
    const byDoc = new Map(plans.map((plan) => [plan.docId as string, plan]));
    const answer = await provider.confirmSharing(plans.map((plan) => ({ ref: { planId: plan.id, docId: plan.docId as string }, parties: plan })));
    const at = deps.clock.now().toISOString();
    const confirmed = answer.confirmed.flatMap((docId) => {
      const plan = byDoc.get(docId);
      return plan ? [plan] : [];
    });
    if (confirmed.length > 0) await deps.store.recordPolls(confirmed.map((plan) => sharingConfirmed(plan, at)));
    count.confirmed += confirmed.length;
    count.undecided += answer.undecided + (targets.length - plans.length);
    count.toRepair += answer.toRepair;
    count.requests += answer.requests;
    if (answer.undecided > 0)
      deps.log(`[poller] ${provider.name}: the bulk sharing check could not judge ${answer.undecided} of ${plans.length} documents; each is checked on its own`);
    return new Set(confirmed.map((plan) => plan.id));
  } catch (error) {
    deps.log(`[poller] ${provider.name}: the bulk sharing check failed, checking each document: ${errorMessage(error)}`);
    return new Set();
  }
}
