import type { Identity } from '../auth/access.js';
import type { AuditInput } from '../domain/audit.js';
import { type PlanInput, type PlanRequest, partiesOf } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { AppError, errorMessage } from '../errors.js';
import { providerFor } from '../providers/registry.js';
import { type CreateDocumentInput, ProviderError } from '../providers/types.js';
import type { AuditLog, NewPlan, PlanRows } from '../store/types.js';
import { type PlanTemplate, renderPlan } from '../templates/template.js';
import { hrDefault, resolvePlanInput } from './plan-input.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { type PlanDetail, type ReadServices, readPlanDetail } from './plan-view.js';
import type { PlanServices } from './services.js';

export type CreateServices = Pick<PlanServices, 'providers' | 'template' | 'clock' | 'planRules' | 'log' | 'inFlight'> & { store: PlanRows & AuditLog };

export interface CreateResult {
  plan: PlanRecord;
  /** True when an earlier request with the same Idempotency-Key made this plan. */
  replayed: boolean;
}

/** A stable hash of the request: same key and same request means the same plan. */
async function hashBody(body: PlanRequest): Promise<string> {
  const canonical = JSON.stringify(body, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function replay(deps: CreateServices, actor: string, key: string, requestHash: string): Promise<CreateResult | null> {
  const earlier = await deps.store.findIdempotency(actor, key);
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request body.');
  }
  const plan = await deps.store.getPlan(earlier.planId);
  if (!plan) return null;
  // A retry of a create that was interrupted carries on from where it stopped.
  return { plan: plan.state === 'creating' ? await runCreateSteps(deps, plan) : plan, replayed: true };
}

/**
 * POST /api/plans: create the plan, read its new document once (so the first answer already shows
 * its activities), and load the plan once for the answer. A create that failed or is still under
 * way is an error that carries the plan, so the caller sees how far it got.
 */
export async function createAndReadPlan(
  deps: CreateServices & PollServices & ReadServices,
  caller: Identity,
  request: PlanRequest,
  idempotencyKey: string | undefined,
): Promise<PlanDetail> {
  const { plan } = await createPlan(deps, caller, request, idempotencyKey);
  if (plan.state === 'ready' && plan.parsed === null) await pollPlan(deps, plan, { read: true, checkSharing: false });
  const detail = await readPlanDetail(deps, caller, plan.id);
  if (plan.state === 'failed') throw new AppError('provider_failed', plan.failure ?? 'The document could not be created.', [], { plan: detail });
  if (plan.state === 'creating') throw new AppError('provider_unavailable', detail.failure ?? 'The document is still being created.', [], { plan: detail });
  return detail;
}

/**
 * Start a plan from a request the HTTP edge validated (planRequestSchema): apply the defaults and
 * the rules that span fields, check the caller may, record the intent (plan, parties, idempotency key,
 * audit) in one write, then create and share the document. Every remote step is resumable.
 */
export async function createPlan(deps: CreateServices, caller: Identity, request: PlanRequest, idempotencyKey: string | undefined): Promise<CreateResult> {
  const requestHash = await hashBody(request);
  if (idempotencyKey) {
    const earlier = await replay(deps, caller.email, idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  const input = resolvePlanInput(request, {
    today: deps.clock.today(),
    defaultProvider: deps.planRules.defaultProvider,
    hrDefault: hrDefault(deps.planRules),
    hrEmails: deps.planRules.hrEmails,
    enabledProviders: Object.keys(deps.providers),
  });
  const mayCreate = caller.isHr || [input.manager.email, input.managersManager.email, input.hr.email].includes(caller.email);
  if (!mayCreate) {
    throw new AppError('invalid_input', "Only the plan's manager, the manager's manager or HR can start it.", [
      { path: 'manager.email', message: `you (${caller.email}) must be the manager, the manager's manager or HR` },
    ]);
  }

  const plan = newPlanRecord(input, caller, deps.clock.now().toISOString());
  try {
    await deps.store.insertPlan(plan, idempotencyKey ? { key: idempotencyKey, actor: caller.email, requestHash } : null);
  } catch (error) {
    // Two concurrent requests with one key: the loser answers as a retry would.
    const earlier = idempotencyKey ? await replay(deps, caller.email, idempotencyKey, requestHash) : null;
    if (earlier) return earlier;
    throw error;
  }
  return { plan: await runCreateSteps(deps, pendingRecord(plan)), replayed: false };
}

function newPlanRecord(input: PlanInput, caller: Identity, at: string): NewPlan {
  return {
    id: crypto.randomUUID(),
    provider: input.provider,
    kind: input.kind,
    stage: input.stage,
    teamMember: input.teamMember,
    manager: input.manager,
    managersManager: input.managersManager,
    hr: input.hr,
    developmentArea: input.developmentArea,
    currentState: input.currentState,
    goalState: input.goalState,
    activities: input.activities,
    supportAssets: input.supportAssets,
    updateCadenceDays: input.updateCadenceDays,
    startDate: input.startDate,
    endDate: input.endDate,
    createdBy: caller.email,
    createdAt: at,
  };
}

/** The record the store holds right after `insertPlan`, without reading it back. */
function pendingRecord(plan: NewPlan): PlanRecord {
  return {
    ...plan,
    alignment: null,
    agreement: { teamMember: null, manager: null },
    sharePending: false,
    docId: null,
    docUrl: null,
    state: 'creating',
    failure: null,
    createCheckpoint: {},
    updatedAt: plan.createdAt,
    closedAt: null,
    outcome: null,
    closeNote: null,
    parsed: null,
    sharing: { state: 'pending', checkedAt: null, issues: [] },
    lastPolledAt: null,
    pollError: null,
  };
}

/**
 * The remote part of creating: render, create, share, verify (inside the provider), then mark the
 * plan ready. A provider that fails closed marks the plan failed (the document was removed); a
 * failure that may pass leaves it `creating` with the reason, to be resumed by the next poll cycle.
 * Returns the plan as it now stands in the store (known from what was written, not read back).
 */
export function runCreateSteps(deps: CreateServices, plan: PlanRecord): Promise<PlanRecord> {
  // A resume never runs the steps of a plan twice at once: it joins the create in flight.
  return deps.inFlight.creates.run(plan.id, () => createSteps(deps, plan));
}

async function createSteps(deps: CreateServices, plan: PlanRecord): Promise<PlanRecord> {
  const provider = providerFor(deps.providers, plan.provider);
  const events: AuditInput[] = [];
  let checkpoint = { ...plan.createCheckpoint };
  try {
    if (!provider) throw new ProviderError(`[plans] provider "${plan.provider}" is not configured any more`, { retryable: true });
    const created = await provider.createDocument({
      ...documentRequest(deps.template, plan, plan.id),
      checkpoint,
      saveCheckpoint: async (next) => {
        checkpoint = { ...next };
        await deps.store.saveCheckpoint(plan.id, checkpoint);
      },
      audit: async (event) => {
        events.push(event);
      },
    });
    const at = deps.clock.now().toISOString();
    const doc = { docId: created.docId, docUrl: created.docUrl, sharing: { ...created.sharing, checkedAt: at } };
    const withWhom = plan.stage === 'draft' ? "the manager, the manager's manager and HR (a draft: not the team member yet)" : 'the four parties';
    events.push({ kind: 'document.created', actor: 'service', message: `Document created and shared with ${withWhom} (${plan.provider}).`, data: { docUrl: created.docUrl } });
    await deps.store.markReady(plan.id, doc, events);
    return { ...plan, ...doc, state: 'ready', failure: null, createCheckpoint: checkpoint };
  } catch (error) {
    const message = errorMessage(error);
    const retryable = !(error instanceof ProviderError) || error.retryable;
    deps.log(`[plans] create of ${plan.id} ${retryable ? 'interrupted' : 'failed'}: ${message}`);
    if (retryable) {
      const interrupted = { ...checkpoint, lastError: `${message} (will retry)` };
      await deps.store.saveCheckpoint(plan.id, interrupted);
      await deps.store.appendAudit(plan.id, events);
      return { ...plan, createCheckpoint: interrupted };
    }
    events.push({ kind: 'plan.create_failed', actor: 'service', message });
    await deps.store.markFailed(plan.id, message, events);
    return { ...plan, state: 'failed', failure: message, createCheckpoint: checkpoint };
  }
}

/** What a provider is asked to create for a plan, before the checkpoint and audit hooks are added. */
export type DocumentRequest = Omit<CreateDocumentInput, 'checkpoint' | 'saveCheckpoint' | 'audit'>;

/** Render the plan from the template and gather what every provider needs to create its document. */
export function documentRequest(template: PlanTemplate, plan: PlanInput, planId: string): DocumentRequest {
  const rendered = renderPlan(template, plan);
  return {
    planId,
    title: rendered.title,
    parties: { ...partiesOf(plan), stage: plan.stage },
    startDate: plan.startDate,
    endDate: plan.endDate,
    document: rendered.document,
    markdown: rendered.markdown,
    placeholders: rendered.placeholders,
  };
}
