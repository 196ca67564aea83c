import type { PlanRecord } from '../domain/plan.js';
import { type CreateServices, resumeUnfinishedPlans } from '../plans/create-plan.js';
import { type PollServices, pollPlan } from '../plans/poll-plan.js';
import { providerFor } from '../providers/registry.js';
import { errorMessage } from '../errors.js';

/** A cycle resumes interrupted creates and polls documents: it uses what those two use. */
export type CycleServices = CreateServices & PollServices;

export interface CycleResult {
  polled: number;
  changed: number;
  errors: number;
  resumed: number;
}

export interface CycleOptions {
  /** Re-verify sharing of every document, not only the changed ones (the slower sweep). */
  sweepSharing: boolean;
}

/**
 * One poll cycle: resume interrupted creates, then per provider ask what changed (one cheap call),
 * read only those documents (plus any never read or failing last time), and check their sharing.
 * One plan's or one provider's failure never stops the others.
 */
export async function runPollCycle(deps: CycleServices, options: CycleOptions): Promise<CycleResult> {
  const result: CycleResult = { polled: 0, changed: 0, errors: 0, resumed: 0 };
  result.resumed = await resumeUnfinishedPlans(deps);
  // Closed plans keep their document, and it stays among the four: their sharing is still checked.
  const plans = (await deps.store.listPlans({ all: true })).filter((p) => (p.state === 'ready' || p.state === 'closed') && p.docId);
  const byProvider = new Map<string, PlanRecord[]>();
  for (const plan of plans) {
    const group = byProvider.get(plan.provider);
    if (group) group.push(plan);
    else byProvider.set(plan.provider, [plan]);
  }

  for (const [name, providerPlans] of byProvider) {
    const provider = providerFor(deps.providers, name);
    if (!provider) continue;
    const cycleCursor = await deps.store.getCursor(name);
    let changed: Set<string> | 'all';
    let nextCursor: string | null = null;
    try {
      const changes = await provider.detectChanges(cycleCursor, providerPlans.map((p) => ({ planId: p.id, docId: p.docId as string })));
      changed = changes.changed === 'all' ? 'all' : new Set(changes.changed);
      nextCursor = changes.cursor;
    } catch (error) {
      deps.log(`[poller] ${name}: change detection failed, reading every document: ${errorMessage(error)}`);
      changed = 'all';
      result.errors++;
    }
    for (const plan of providerPlans) {
      const docChanged = changed === 'all' || changed.has(plan.docId as string);
      // A closed plan's record stays as it was agreed: not read again, only its sharing checked.
      const read = plan.state === 'ready' && (docChanged || plan.parsed === null || plan.pollError !== null);
      if (!read && !docChanged && !options.sweepSharing) continue;
      const outcome = await pollPlan(deps, plan, { read, checkSharing: true });
      result.polled++;
      if (outcome.changed) result.changed++;
      if (outcome.failed) result.errors++;
    }
    // Only after every changed document was read (or its failure recorded) may the cursor move on.
    if (nextCursor) await deps.store.setCursor(name, nextCursor);
  }
  return result;
}

/**
 * Runs cycles on a timer without overlap: a cycle still running when the next is due makes that
 * one wait for it instead of starting a second. `runNow` shares a running cycle.
 */
export function createPoller(deps: CycleServices, intervalMs: number, sweepEveryMs: number) {
  let running: Promise<CycleResult> | null = null;
  let lastSweep = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function runNow(): Promise<CycleResult> {
    if (running) return running;
    const sweepSharing = deps.clock.now().getTime() - lastSweep >= sweepEveryMs;
    running = runPollCycle(deps, { sweepSharing })
      .then((result) => {
        if (sweepSharing) lastSweep = deps.clock.now().getTime();
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  function schedule() {
    timer = setTimeout(() => {
      runNow()
        .catch((error: unknown) => deps.log(`[poller] cycle failed: ${errorMessage(error)}`))
        .finally(() => {
          if (timer) schedule();
        });
    }, intervalMs);
  }

  return {
    runNow,
    start() {
      schedule();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
export type Poller = ReturnType<typeof createPoller>;
