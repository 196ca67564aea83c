import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { describeProvider } from '../contracts/doc-provider.js';
import { googleWorld } from './world.js';
import { documentText } from '../fakes/google/docs-model.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describeProvider('google', async () => {
  const world = await googleWorld(server);
  return {
    provider: world.provider,
    async addProgressRow(docId, row) {
      world.fake.editDocument(docId, (nodes) => {
        const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
        if (log?.kind !== 'table') throw new Error('no progress log table');
        log.rows.push([row.date, row.text, row.by]);
      });
    },
    async deleteDocument(docId) {
      world.fake.state.get(docId).trashed = true;
      world.fake.state.touch(world.fake.state.get(docId));
    },
    async storedText(docId) {
      const doc = world.fake.state.documents.get(docId);
      if (!doc) throw new Error(`no document ${docId}`);
      return documentText(doc);
    },
    async close() {
      server.resetHandlers();
    },
  };
});
