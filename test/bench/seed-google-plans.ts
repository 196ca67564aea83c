/**
 * Benchmarks over many Google plans start from the same state: `count` ready plans, each with its
 * document in the fake's plans folder, shared exactly as the service would have shared it.
 */
import { desiredGrants } from '../../service/src/providers/google/sharing/enforce.js';
import { newPlan } from '../contracts/store-fixtures.js';
import type { Store } from '../../service/src/store/types.js';
import { markdownToNodes } from '../fakes/google/docs-model.js';
import { OWNER, PARTIES, type World } from '../google/world.js';

/** Seeds `count` ready Google plans (ids `plan-0`...) and returns their document ids, in order. */
export async function seedGooglePlans(world: World, store: Store, count: number): Promise<string[]> {
  const nodes = markdownToNodes(world.input().markdown);
  const docIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = world.fake.addDocument(`Coaching plan: Person ${i}, Dec 2026`, OWNER, structuredClone(nodes), [world.folderId]);
    for (const grant of desiredGrants({ ...PARTIES, stage: 'shared' }, world.options)) world.fake.share(file.id, { type: grant.type, role: grant.role, emailAddress: grant.email });
    Object.assign(file, { writersCanShare: false, copyRequiresWriterPermission: true });
    await store.insertPlan(newPlan(i, { provider: 'google', ...PARTIES, createdBy: PARTIES.manager.email }), null);
    await store.markReady(
      `plan-${i}`,
      { docId: file.id, docUrl: `https://docs.google.com/document/d/${file.id}/edit`, sharing: { state: 'ok', issues: [], checkedAt: new Date().toISOString() } },
      [],
    );
    docIds.push(file.id);
  }
  return docIds;
}
