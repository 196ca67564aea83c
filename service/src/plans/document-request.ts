import { type PlanInput, partiesOf } from '../domain/plan-schema.js';
import type { CreateDocumentInput } from '../providers/types.js';
import { type PlanTemplate, renderPlan } from '../templates/template.js';

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
