/**
 * The scheduled cycle, whole, in the order it runs: `scheduledCycle` as the runtimes call it (the
 * poll, then reminders and the change channels), `sharedCycle` keeping calls from overlapping, then
 * the poll itself, `runPollCycle`, and its change detection and sweep marks, `markChanges`. One plan's
 * read and sharing check is plans/poll-plan.ts; the wiring and the timers are in runtime/.
 */
import { errorMessage } from '../errors.js';
import { type CreateServices, runCreateSteps } from '../plans/create-plan.js';
import { type EditServices, resumeDocumentEdits } from '../plans/document-edits.js';
import { type PollServices, readAndEnforceSharing } from '../plans/poll-plan.js';
import type { PlanServices } from '../plans/services.js';
import { resumePendingShares } from '../plans/share-plan.js';
import { providerFor } from '../providers/registry.js';
import type { RequestMeter } from '../providers/request-meter.js';
import { type ReminderOptions, sendReminders } from '../reminders/send-reminders.js';
import type { PollDue, PollResult } from '../store/types.js';
import { confirmSharingInBulk, type SweepCount } from './bulk-sharing.js';
import { keepChannelsOpen } from './change-channels.js';

/**
 * A cycle resumes interrupted creates, shares and document edits, polls documents, then sends
 * reminders and keeps the change channels open: it uses what those use, which is every part of the store.
 */
export type CycleServices = CreateServices & PollServices & EditServices & Pick<PlanServices, 'store'>;

export interface CycleResult {
  polled: number;
  changed: number;
  errors: number;
  resumed: number;
  /** Plans still marked for the next invocation (0: the cycle finished). */
  remaining: number;
  /** Provider requests this invocation sent (token requests included). */
  requests: number;
  /** Reminders sent and failed at the end of the cycle (`scheduledCycle`), when any channel is on. */
  reminders?: { sent: number; failed: number };
  /** Change notification channels opened at the end of the cycle (renewals included). */
  channelsOpened?: number;
  /** The sharing sweep, when one ran: plans swept, confirmed in bulk, left to a check of their own. */
  sweep?: SweepCount;
}

/** What a scheduled cycle is built from, read once from the configuration by runtime/compose.ts. */
export interface ScheduledCycleSettings {
  /** Every provider request goes through it; its limit is the invocation's budget. */
  meter: RequestMeter;
  /** SHARING_SWEEP_SECONDS in ms: how often every document's sharing is re-verified. */
  sweepEveryMs: number;
  /** The reminders step that follows each cycle. */
  reminders: ReminderOptions;
  /** PUBLIC_URL: change notification channels point to its /webhooks/<provider> (none unless HTTPS). */
  publicUrl: string;
}

/** The cycles the runtimes and the routes ask for; calls never overlap (`sharedCycle`). */
export interface ScheduledCycles {
  /** The timer's on Node, the cron trigger's on Workers: sharing is swept when SHARING_SWEEP_SECONDS has passed. */
  scheduled(): Promise<CycleResult>;
  /** HR's "poll now": also re-verifies every document's sharing, whenever the last sweep was. */
  pollNow(): Promise<CycleResult>;
  /** After a webhook marked its plans: a running cycle may be past them, so the next one is run. */
  afterWebhook(): Promise<CycleResult>;
}

/**
 * The cycle as both runtimes run it (the timer on Node, the cron trigger on Workers, HR's "poll
 * now", a webhook): the poll cycle, then the reminders on what it just read (their failure never
 * fails the cycle), then the change channels renewed, so before they expire on both runtimes.
 * Calls never overlap: one made while a cycle runs shares it.
 */
export function scheduledCycle(services: CycleServices, settings: ScheduledCycleSettings): ScheduledCycles {
  const cycle = sharedCycle(async (sweepSharing: boolean) => {
    const result = await runPollCycle(services, { meter: settings.meter, sweepEveryMs: settings.sweepEveryMs, sweepSharing });
    try {
      result.reminders = await sendReminders(services, settings.reminders);
    } catch (error) {
      services.log(`[reminders] this cycle's reminders stopped: ${errorMessage(error)}`);
    }
    const opened = await keepChannelsOpen(services, settings.publicUrl);
    if (opened > 0) result.channelsOpened = opened;
    return result;
  });
  return { scheduled: () => cycle(false), pollNow: () => cycle(true), afterWebhook: () => cycle.startingAfter(false) };
}

/** A cycle that never overlaps another within one process. */
export interface SharedCycle<A extends unknown[]> {
  /** Run a cycle, or share the one running (HR's "poll now", the timer: any cycle will do). */
  (...args: A): Promise<CycleResult>;
  /**
   * A cycle that starts after this call: a running one may already be past the plans a webhook has
   * just marked, so it is waited out, then the next is run (or shared, when another call started it).
   */
  startingAfter(...args: A): Promise<CycleResult>;
}

/**
 * Cycles never overlap within one process: a request for a cycle while one runs shares it. The
 * runtime decides when cycles run (a timer on Node, the cron trigger on Workers).
 */
export function sharedCycle<A extends unknown[]>(run: (...args: A) => Promise<CycleResult>): SharedCycle<A> {
  let running: Promise<CycleResult> | null = null;
  const shared = (...args: A): Promise<CycleResult> => {
    running ??= run(...args).finally(() => {
      running = null;
    });
    return running;
  };
  const startingAfter = (...args: A): Promise<CycleResult> => {
    const current = running;
    if (!current) return shared(...args);
    return current.then(
      () => shared(...args),
      () => shared(...args),
    );
  };
  return Object.assign(shared, { startingAfter });
}

export interface CycleOptions {
  /** The providers' requests go through it; its limit is this invocation's budget. */
  meter: RequestMeter;
  /** How often every document's sharing is re-verified (SHARING_SWEEP_SECONDS), not only changed ones'. */
  sweepEveryMs: number;
  /** Re-verify sharing of every document now, whenever the last sweep was (POST /api/poll). */
  sweepSharing?: boolean;
}

/** The sweep's "cursor": when every document's sharing was last re-verified (ms, in poll_cursors). */
export const SWEEP_CURSOR = 'sharing-sweep';
/** What a plan is assumed to cost before one of its provider has been polled in this invocation. */
const FIRST_PLAN_RESERVE = 5;
/** A create is several steps: resume one only with this many requests to spare. */
const CREATE_RESERVE = 15;
/** Plans loaded and written per round trip. */
const PAGE = 25;

/**
 * One invocation of the poll cycle, within the meter's budget. A cycle is: resume interrupted
 * creates; for each provider with nothing left over, ask what changed (one cheap call) and mark
 * those plans (plus any never read or failing) together with the provider's new cursor; on the
 * sweep's schedule mark every plan for a sharing check; then poll marked plans, newest first,
 * while the budget lasts. Marks live in the store, so what one invocation could not do the next
 * continues, and none is skipped forever. One plan's or provider's failure never stops the others.
 */
export async function runPollCycle(deps: CycleServices, options: CycleOptions): Promise<CycleResult> {
  const { meter } = options;
  const spentBefore = meter.spent();
  const result: CycleResult = { polled: 0, changed: 0, errors: 0, resumed: 0, remaining: 0, requests: 0 };
  const done = () => ({ ...result, requests: meter.spent() - spentBefore });

  // A budget below the reserves (WORKER_SUBREQUEST_BUDGET may be 5) must still let an invocation
  // that starts afresh resume: steps are checkpointed, so what it cannot finish goes on next time.
  const atStart = meter.remaining();
  const createReserve = Math.max(1, Math.min(CREATE_RESERVE, atStart));
  const editReserve = Math.max(1, Math.min(FIRST_PLAN_RESERVE, atStart));
  for (const plan of await deps.store.listUnfinishedPlans()) {
    if (meter.remaining() < createReserve) break;
    await runCreateSteps(deps, plan);
    result.resumed++;
  }
  // Closes and extends whose document steps were interrupted: a few requests each.
  result.resumed += await resumeDocumentEdits(deps, () => meter.remaining() >= editReserve);
  // Shares a crash or an outage interrupted: the team member's access, with its one notification.
  result.resumed += await resumePendingShares(deps, () => meter.remaining() >= createReserve);

  const due = await markChanges(deps, options, result);
  if (due === 'out of budget') {
    result.remaining = Object.values(await deps.store.countPollDue()).reduce((a, b) => a + b, 0);
    return done();
  }

  // The most one plan of each provider has cost so far: the next one starts only if that is left.
  const reserve = new Map<string, number>();
  const skipped = new Set<string>();
  let stoppedBy: string | null = null;
  for (;;) {
    // Polled plans lose their mark; those skipped for budget keep it and are passed over here.
    const page = (await deps.store.listPollDue(PAGE + skipped.size)).filter(({ plan }) => !skipped.has(plan.id));
    const results: PollResult[] = [];
    for (const { plan, due } of page) {
      if (meter.remaining() < (reserve.get(plan.provider) ?? FIRST_PLAN_RESERVE)) {
        skipped.add(plan.id);
        continue;
      }
      const before = meter.spent();
      const poll = await readAndEnforceSharing(deps, plan, { read: due === 'read' && plan.state === 'ready', checkSharing: true });
      // The guard refused a request mid-plan: record nothing of it; it stays marked for next time.
      if (meter.exhausted()) {
        stoppedBy = plan.provider;
        break;
      }
      reserve.set(plan.provider, Math.max(reserve.get(plan.provider) ?? 0, meter.spent() - before));
      if (poll.result) results.push(poll.result);
      else results.push({ planId: plan.id, at: deps.clock.now().toISOString(), pollError: plan.pollError, audit: [] });
      result.polled++;
      if (poll.changed) result.changed++;
      if (poll.failed) result.errors++;
    }
    // One round trip for the page's writes (D1 counts queries per invocation).
    if (results.length > 0) await deps.store.recordPolls(results);
    if (stoppedBy || results.length === 0) break;
  }
  if (stoppedBy) deps.log(`[poller] request budget spent while polling a ${stoppedBy} plan; it is polled again next time`);
  result.remaining = Object.values(await deps.store.countPollDue()).reduce((a, b) => a + b, 0);
  return done();
}

/**
 * Change detection and the sweep's marks. A provider with plans still marked from an earlier
 * invocation is not asked again until they are done: its cursor already covers them.
 */
async function markChanges(deps: CycleServices, options: CycleOptions, result: CycleResult): Promise<'ok' | 'out of budget'> {
  const { meter } = options;
  const targets = await deps.store.listPollTargets();
  const pending = await deps.store.countPollDue();
  const marks: { planId: string; due: PollDue }[] = [];
  const cursors: Record<string, string> = {};
  let outOfBudget = false;

  const byProvider = new Map<string, typeof targets>();
  for (const target of targets) byProvider.set(target.provider, [...(byProvider.get(target.provider) ?? []), target]);
  for (const [name, plans] of byProvider) {
    const provider = providerFor(deps.providers, name);
    if (!provider || (pending[name] ?? 0) > 0) continue;
    if (meter.remaining() < FIRST_PLAN_RESERVE) {
      outOfBudget = true;
      continue;
    }
    let changed: Set<string> | 'all';
    let checkAllSharing = false;
    try {
      const changes = await provider.detectChanges(
        await deps.store.getCursor(name),
        plans.map((p) => ({ planId: p.id, docId: p.docId })),
      );
      changed = changes.changed === 'all' ? 'all' : new Set(changes.changed);
      cursors[name] = changes.cursor;
      checkAllSharing = changes.checkAllSharing === true;
      if (checkAllSharing) deps.log(`[poller] ${name}: what holds every document was shared; checking the sharing of all ${plans.length} plans now`);
    } catch (error) {
      if (meter.exhausted()) {
        outOfBudget = true;
        continue;
      }
      deps.log(`[poller] ${name}: change detection failed, reading every document: ${errorMessage(error)}`);
      changed = 'all';
      result.errors++;
    }
    for (const plan of plans) {
      const docChanged = changed === 'all' || changed.has(plan.docId);
      // A closed plan's record stays as it was agreed: not read again, only its sharing checked.
      if (plan.state === 'ready' && (docChanged || plan.needsRead)) marks.push({ planId: plan.id, due: 'read' });
      else if (docChanged || checkAllSharing) marks.push({ planId: plan.id, due: 'sharing' });
    }
  }

  const now = deps.clock.now().getTime();
  const lastSweep = Number(await deps.store.getCursor(SWEEP_CURSOR));
  if (options.sweepSharing || !lastSweep || now - lastSweep >= options.sweepEveryMs) {
    const marked = new Set(marks.map((mark) => mark.planId));
    const count: SweepCount = { plans: 0, confirmed: 0, undecided: 0, toRepair: 0, requests: 0 };
    for (const [name, plans] of byProvider) {
      const provider = providerFor(deps.providers, name);
      if (!provider) continue;
      // Plans read this cycle have their sharing checked with the read.
      const rest = plans.filter((plan) => !marked.has(plan.id));
      count.plans += rest.length;
      const confirmed = await confirmSharingInBulk(deps, options.meter.remaining() - FIRST_PLAN_RESERVE, provider, rest, count);
      for (const plan of rest) if (!confirmed.has(plan.id)) marks.push({ planId: plan.id, due: 'sharing' });
    }
    cursors[SWEEP_CURSOR] = String(now);
    result.sweep = count;
  }
  // Marks and cursors together: a cursor never moves past changes that were not recorded.
  if (marks.length > 0 || Object.keys(cursors).length > 0) await deps.store.markPollDue(marks, cursors);
  return outOfBudget && marks.length === 0 ? 'out of budget' : 'ok';
}
