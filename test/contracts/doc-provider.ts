/**
 * One contract suite for the DocProvider interface, run against every implementation with its fake
 * (local on a temp folder, Google and Notion on their stateful API fakes). What a provider must do
 * for the poller and the plans use cases to work, whatever stands behind it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../service/src/domain/audit.js';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import type { PlanInput } from '../../service/src/domain/plan-schema.js';
import { type CreateDocumentInput, type DocProvider, DocumentMissingError } from '../../service/src/providers/types.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { documentRequest } from '../../service/src/plans/create-plan.js';
import { samplePlan } from '../support/sample-plan.js';
import { type ClosingNotice, type DatesChange, closingSection } from '../../service/src/domain/document-edits.js';
import { occurrences } from '../support/text.js';

const NOTICE: ClosingNotice = {
  outcome: 'partially_achieved',
  note: 'Two of three activities done; the template waits for Q1.',
  closedOn: '2026-12-31',
  closedBy: 'Ben (manager)',
};
const EXTENSION: DatesChange = {
  from: '2026-12-31',
  to: '2027-01-15',
  // The list grows: the new one starts with the old one.
  checkIns: { from: '8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026', to: '8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026, 5 Jan 2027, 12 Jan 2027' },
  changedOn: '2026-12-20',
  changedBy: 'Ben (manager)',
};

/** What a test needs besides the provider: ways to act like a person on the remote side. */
export interface ProviderHarness {
  provider: DocProvider;
  /** A person adds a row to the Progress log table. */
  addProgressRow(docId: string, row: { date: string; text: string; by: string }): Promise<void>;
  /** A person deletes (or trashes) the document. */
  deleteDocument(docId: string): Promise<void>;
  /** The document's text as the remote side holds it (the fake's state, not the provider's reading), a line a block. */
  storedText(docId: string): Promise<string>;
  close(): Promise<void>;
}

export const CONTRACT_PLAN: PlanInput = samplePlan({ provider: 'contract' });

export function contractCreateInput(planId: string, checkpoint: { current: Record<string, unknown> }, audit: AuditInput[]): CreateDocumentInput {
  const template = loadTemplate('default', readFileSync(resolve(import.meta.dirname, '../../templates/coaching-plan.md'), 'utf8'));
  return {
    ...documentRequest(template, CONTRACT_PLAN, planId),
    checkpoint: checkpoint.current,
    saveCheckpoint: async (next) => {
      checkpoint.current = next;
    },
    audit: async (event) => {
      audit.push(event);
    },
  };
}

const parse = (doc: Parameters<typeof parsePlanDocument>[0]) => parsePlanDocument(doc, { dateOrder: 'DMY', planStartDate: CONTRACT_PLAN.startDate });

export function describeProvider(name: string, makeHarness: () => Promise<ProviderHarness>) {
  describe(`DocProvider contract: ${name}`, () => {
    let harness: ProviderHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => harness.close());

    async function create(planId = crypto.randomUUID()) {
      const checkpoint = { current: {} as Record<string, unknown> };
      const audit: AuditInput[] = [];
      const created = await harness.provider.createDocument(contractCreateInput(planId, checkpoint, audit));
      return { planId, created, checkpoint, audit, ref: { planId, docId: created.docId } };
    }

    it('creates a document shared as it should be, with a link people can open', async () => {
      const { created, audit } = await create();
      expect(created.docId).toBeTruthy();
      expect(created.docUrl).toMatch(/^https?:\/\//);
      expect(created.sharing.state).toBe('ok');
      expect(audit.length).toBeGreaterThan(0);
    });

    it('reads back the plan it wrote: the activities and an empty progress log', async () => {
      const { ref } = await create();
      const parsed = parse(await harness.provider.readDocument(ref));
      expect(parsed.activities.map((a) => a.title)).toEqual(['Shadow two customer calls', 'Draft an update template']);
      expect(parsed.activities.every((a) => a.status === 'not_started')).toBe(true);
      expect(parsed.progressEntries).toEqual([]);
    });

    it('calling create again with the saved checkpoint makes no second document', async () => {
      const first = await create();
      const again = await harness.provider.createDocument(contractCreateInput(first.planId, first.checkpoint, []));
      expect(again.docId).toBe(first.created.docId);
    });

    it('sees a progress row a person adds, and reports that document as changed', async () => {
      const { ref } = await create();
      const first = await harness.provider.detectChanges(null, [ref]);
      expect(first.changed).toBe('all');
      await harness.addProgressRow(ref.docId, { date: '2026-12-04', text: 'Shadowed the first call', by: 'Ana' });
      const next = await harness.provider.detectChanges(first.cursor, [ref]);
      // With a cursor, every provider can say which documents changed: 'all' would make each cycle
      // read every document and pass this test while costing what the change feed exists to save.
      expect(next.changed).not.toBe('all');
      expect(next.changed).toContain(ref.docId);
      const parsed = parse(await harness.provider.readDocument(ref));
      expect(parsed.progressEntries).toEqual([{ date: '2026-12-04', text: 'Shadowed the first call', by: 'Ana' }]);
    });

    it('finds nothing to repair on a document it just shared', async () => {
      const { ref } = await create();
      const report = await harness.provider.enforceSharing(ref, CONTRACT_PLAN, async () => {});
      expect(report).toEqual({ state: 'ok', issues: [] });
    });

    it('close writes the closing section at the end of the document, once however often it is asked', async () => {
      const { ref } = await create();
      await harness.addProgressRow(ref.docId, { date: '2026-12-04', text: 'Shadowed the first call', by: 'Ana' });
      expect(await harness.provider.appendSection!(ref, closingSection(NOTICE))).toBe('written');
      const first = await harness.storedText(ref.docId);
      expect(first).toContain('Closed on 31 Dec 2026 by Ben (manager). Outcome: Partially achieved.');
      expect(first).toContain('Note: Two of three activities done; the template waits for Q1.');
      expect(first.indexOf('Outcome')).toBeGreaterThan(first.indexOf('Shadowed the first call'));
      // A retry after a crash between the write and its record finds it there.
      expect(await harness.provider.appendSection!(ref, closingSection(NOTICE))).toBe('present');
      expect(await harness.storedText(ref.docId)).toBe(first);
      expect(occurrences(first, 'Closed on 31 Dec 2026')).toBe(1);
      // The section is a heading of its own, and the plan still reads as before.
      const model = await harness.provider.readDocument(ref);
      expect(model.blocks).toContainEqual({ type: 'heading', level: 2, text: 'Outcome' });
      const parsed = parse(model);
      expect(parsed.progressEntries).toEqual([{ date: '2026-12-04', text: 'Shadowed the first call', by: 'Ana' }]);
      expect(parsed.activities).toHaveLength(2);
    });

    it('extend rewrites the end date in the opening and the Timeline, and the check-in list, and a retry changes nothing', async () => {
      const { ref } = await create();
      expect(await harness.storedText(ref.docId)).toContain('From 1 Dec 2026 to 31 Dec 2026.');
      expect(await harness.provider.writeDates!(ref, EXTENSION)).toEqual({ result: 'written', checkInList: 'written' });
      const first = await harness.storedText(ref.docId);
      expect(first).toContain('From 1 Dec 2026 to 15 Jan 2027.');
      expect(occurrences(first, `Check-ins are due on: ${EXTENSION.checkIns!.to}.`)).toBe(1);
      expect(first).not.toContain('31 Dec 2026');
      await harness.provider.writeDates!(ref, EXTENSION);
      expect(await harness.storedText(ref.docId)).toBe(first);
      expect(parse(await harness.provider.readDocument(ref)).activities).toHaveLength(2);
    });

    it('says a deleted document is missing, with DocumentMissingError', async () => {
      const { ref } = await create();
      await harness.deleteDocument(ref.docId);
      await expect(harness.provider.readDocument(ref)).rejects.toBeInstanceOf(DocumentMissingError);
    });
  });
}
