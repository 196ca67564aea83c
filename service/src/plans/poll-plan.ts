import type { AuditInput } from '../domain/audit.js';
import { adjustmentEvents, carryAchievements } from '../domain/adjustments.js';
import { parsePlanDocument } from '../domain/parse-plan.js';
import type { PlanRecord, SharingStatus } from '../domain/plan.js';
import { computeStatus } from '../domain/status.js';
import { providerFor } from '../providers/registry.js';
import { DocumentMissingError, type DocRef } from '../providers/types.js';
import type { PlanReads, PlanStanding, PollQueue, PollResult } from '../store/types.js';
import type { PlanServices } from './services.js';
import { errorMessage } from '../errors.js';
import { sharingWhilePending } from './share-plan.js';

export interface PollOptions {
  /** Read the document (it changed, or was never read). */
  read: boolean;
  /** Compare access with the four parties and repair it. */
  checkSharing: boolean;
}

export type PollServices = Pick<PlanServices, 'providers' | 'clock' | 'thresholds' | 'dateOrder'> & { store: PlanReads & PollQueue };

export interface PlanPoll {
  /** What to record (null when there was nothing to poll); the caller writes it, alone or batched. */
  result: PollResult | null;
  /** Anything the dashboard shows changed. */
  changed: boolean;
  failed: boolean;
}

/**
 * Poll one plan and record it in one write. Never throws for a provider's failure: the error is
 * recorded on the plan so the cycle goes on. Returns whether anything the dashboard shows changed.
 */
export async function pollPlan(deps: PollServices, plan: PlanRecord, options: PollOptions): Promise<{ changed: boolean; failed: boolean }> {
  const { result, changed, failed } = await readAndEnforceSharing(deps, plan, options);
  if (result) await deps.store.recordPoll(result);
  return { changed, failed };
}

/**
 * What a sweep records for a plan whose sharing a bulk answer confirmed as agreed (no check of its
 * own was needed): the same as a sharing check that found nothing to do.
 */
export function sharingConfirmed(plan: PlanRecord, at: string): PollResult {
  return { planId: plan.id, at, sharing: { state: 'ok', issues: [], checkedAt: at }, pollError: plan.pollError, audit: [], checkedAs: standingOf(plan) };
}

const standingOf = ({ state, stage, sharePending }: PlanStanding): PlanStanding => ({ state, stage, sharePending });

/**
 * The plan as its sharing check must see it. A cycle's page of plans, or a slow document read, leaves
 * the record seconds or minutes old, and a share since must not be undone: a check of the draft it
 * was takes the just-shared team member for a stranger and removes them. Only a draft's check can
 * undo a person's act (stages only move on, draft -> shared -> agreed, and every later stage, ready
 * or closed, allows the same people; a close's lowered roles are accepted at any stage), so only a
 * draft is read again: one small read, the whole record only when it moved (D1 counts queries per
 * invocation). Any other stale check is caught when it is recorded (PollResult.checkedAs).
 * Null when the plan is gone.
 */
async function planAsItStands(deps: PollServices, plan: PlanRecord): Promise<PlanRecord | null> {
  if (plan.stage !== 'draft') return plan;
  const now = await deps.store.getPlanStanding(plan.id);
  if (!now) return null;
  if (now.state === plan.state && now.stage === plan.stage && now.sharePending === plan.sharePending) return plan;
  return deps.store.getPlan(plan.id);
}

/**
 * Read one plan's document, parse it, and enforce its sharing, which writes repairs to the provider
 * (Drive permissions, Notion shares): everything but the store write.
 */
export async function readAndEnforceSharing(deps: PollServices, plan: PlanRecord, options: PollOptions): Promise<PlanPoll> {
  const provider = providerFor(deps.providers, plan.provider);
  if (!plan.docId || !provider) return { result: null, changed: false, failed: false };
  const ref: DocRef = { planId: plan.id, docId: plan.docId };
  const at = deps.clock.now().toISOString();
  const audit: AuditInput[] = [];
  const acted: AuditInput[] = [];
  let parsed = plan.parsed ?? undefined;
  let sharing: SharingStatus | undefined;
  let checked: PlanRecord | null = null;
  const errors: unknown[] = [];
  // Read and sharing check each on their own: a document that cannot be read (a Docs outage, a block
  // the integration cannot see) is still checked for a fifth person, in every cycle and every sweep.
  if (options.read) {
    try {
      const document = await provider.readDocument(ref);
      // Done activities keep the date they were first read as Done: the plan's achievements.
      parsed = carryAchievements(plan.parsed, parsePlanDocument(document, { dateOrder: deps.dateOrder, planStartDate: plan.startDate }), deps.clock.today());
    } catch (error) {
      errors.push(error);
    }
  }
  // A half-shared plan is checked too (a share Drive or Notion keeps refusing must not leave a fifth
  // person on it), but the team member's access is left to the share (plans/share-plan.ts), which
  // gives it with its notification: a check granting it would do so quietly.
  // A draft is checked as it stands now, not as the page or the read began with it; the store keeps
  // the findings only while the plan still stands as checked (PollResult.checkedAs).
  if (options.checkSharing) {
    checked = await planAsItStands(deps, plan);
    if (!checked) return { result: null, changed: false, failed: false };
    const current = checked;
    try {
      const report = await provider.enforceSharing(
        ref,
        current,
        async (event) => {
          acted.push(event);
        },
        { sharePending: current.sharePending },
      );
      sharing = current.sharePending ? sharingWhilePending(current, report, at) : { state: report.state, issues: report.issues, checkedAt: at };
    } catch (error) {
      errors.push(error);
    }
  }
  const messages = [...new Set(errors.map(errorMessage))];
  const pollError = messages.length > 0 ? messages.join('; ') : null;
  if (pollError !== null && pollError !== plan.pollError) {
    // Said once when it starts, not every cycle. A missing document marks the plan; the cycle goes on.
    const kind = errors.some((error) => error instanceof DocumentMissingError) ? 'document.missing' : 'poll.failed';
    audit.push({ kind, actor: 'service', message: pollError });
  }

  if (parsed && plan.parsed && parsed !== plan.parsed) audit.push(...adjustmentEvents(plan, plan.parsed, parsed));

  const day = deps.clock.today();
  const before = computeStatus(plan, plan.parsed, day, deps.thresholds);
  const after = computeStatus(plan, parsed ?? null, day, deps.thresholds);
  if (before.health !== after.health || before.phase !== after.phase) {
    audit.push({ kind: 'status.changed', actor: 'service', message: `${before.phase}/${before.health} -> ${after.phase}/${after.health}` });
  }
  const parsedChanged = JSON.stringify(parsed ?? null) !== JSON.stringify(plan.parsed);
  const was = (checked ?? plan).sharing;
  const sharingChanged = sharing !== undefined && (sharing.state !== was.state || JSON.stringify(sharing.issues) !== JSON.stringify(was.issues));
  const result: PollResult = {
    planId: plan.id,
    at,
    ...(parsedChanged && parsed ? { parsed, status: after } : {}),
    ...(sharing ? { sharing } : {}),
    pollError,
    audit,
    ...(checked ? { checkedAs: standingOf(checked), acted } : {}),
  };
  return { result, changed: parsedChanged || sharingChanged || audit.length + acted.length > 0, failed: pollError !== null };
}
