import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { notionHandlers, ui } from '../fakes/notion/index.js';
import { describeProvider } from '../contracts/doc-provider.js';
import { notionEnv, pageText } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describeProvider('notion', async () => {
  const env = notionEnv();
  server.use(...notionHandlers(env.fake));
  return {
    provider: env.provider,
    async addProgressRow(docId, row) {
      env.clock.advance(30_000);
      ui.addTableRow(env.fake.state, docId, 'Date', [row.date, row.text, row.by]);
    },
    async deleteDocument(docId) {
      ui.trash(env.fake.state, docId);
    },
    async storedText(docId) {
      return pageText(env.fake.state, docId);
    },
    async close() {
      server.resetHandlers();
    },
  };
});
