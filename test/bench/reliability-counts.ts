/**
 * What a reliability run left behind, counted on the fakes' own state (not on what the service
 * says): plans ready, documents, documents no plan points to (created twice, or left half-made),
 * documents anyone beyond the owner and the four can read, and plans not ready that do not say why.
 */
import type { PlanRecord } from '../../service/src/domain/plan.js';
import { idKey } from '../../service/src/providers/same-id.js';
import { GOOGLE_DOC } from '../fakes/google/drive-state.js';
import type { GoogleFake } from '../fakes/google/fake.js';
import type { NotionFake } from '../fakes/notion/index.js';

export interface Outcome {
  plans: number;
  ready: number;
  failed: number;
  creating: number;
  documents: number;
  /** Documents no plan points to: a second copy, or a half-made one left behind. */
  duplicates: number;
  /** Readable by someone beyond the owner and the four parties (or on the web). */
  exposed: number;
  /** Plans not ready whose status gives no reason. */
  unexplained: number;
}

const PARTY_EMAILS = ['ana@acme.test', 'ben@acme.test', 'cy@acme.test', 'hr@acme.test'];

function planCounts(plans: PlanRecord[]): Pick<Outcome, 'plans' | 'ready' | 'failed' | 'creating' | 'unexplained'> {
  const said = (plan: PlanRecord) => Boolean(plan.failure) || typeof plan.createCheckpoint['lastError'] === 'string';
  return {
    plans: plans.length,
    ready: plans.filter((p) => p.state === 'ready').length,
    failed: plans.filter((p) => p.state === 'failed').length,
    creating: plans.filter((p) => p.state === 'creating').length,
    unexplained: plans.filter((p) => p.state !== 'ready' && !said(p)).length,
  };
}

/** Google: every Doc in the fake but `except` (a template), wherever it is. */
export function googleOutcome(fake: GoogleFake, plans: PlanRecord[], owner: string, except: string[] = []): Outcome {
  const docs = [...fake.state.files.values()].filter((f) => f.mimeType === GOOGLE_DOC && !except.includes(f.id));
  const referenced = new Set(plans.map((p) => p.docId).filter((id): id is string => id !== null));
  const allowed = new Set([owner, ...PARTY_EMAILS]);
  const exposed = docs.filter((doc) => doc.publishedToWeb === true || fake.state.effectivePermissions(doc).some((p) => p.type !== 'user' || !allowed.has(p.emailAddress ?? '')));
  return { ...planCounts(plans), documents: docs.length, duplicates: docs.filter((d) => !referenced.has(d.id)).length, exposed: exposed.length };
}

/** Notion: every page not in the trash; a page is exposed on the web, or when its Person properties name someone else. */
export function notionOutcome(fake: NotionFake, plans: PlanRecord[]): Outcome {
  const live = [...fake.state.pages.values()].filter((p) => !p.inTrash);
  const referenced = new Set(plans.map((p) => (p.docId ? idKey(p.docId) : '')));
  const partyIds = new Set([...fake.state.users.values()].filter((u) => PARTY_EMAILS.includes(u.email ?? '')).map((u) => u.id));
  const exposed = live.filter((page) => {
    const response = fake.state.pageResponse(page);
    const people = Object.values(page.properties).flatMap((v) => (v.type === 'people' ? (v.people as { id: string }[]) : []));
    return response.public_url !== null || people.some((person) => !partyIds.has(person.id));
  });
  return { ...planCounts(plans), documents: live.length, duplicates: live.filter((p) => !referenced.has(idKey(p.id))).length, exposed: exposed.length };
}

export const OUTCOME_HEADER =
  '| run | plans | ready | failed (says why) | still creating | documents | duplicates | exposed | not ready, not said |\n|---|---|---|---|---|---|---|---|---|';

export function outcomeRow(label: string, o: Outcome): string {
  return `| ${label} | ${o.plans} | ${o.ready} | ${o.failed} | ${o.creating} | ${o.documents} | ${o.duplicates} | ${o.exposed} | ${o.unexplained} |`;
}

/** mulberry32: a small seeded generator, so a run's faults can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
