import { describe, expect, it } from 'vitest';
import { notionProvider } from '../../../service/src/providers/notion/index.js';
import { startNotionFakeServer } from './http-server.js';
import { FAKE_TOKEN } from './server.js';
import { seedWorkspace } from './workspace.js';

describe('the Notion fake over plain HTTP', () => {
  it('serves the same state machine to the real provider through a socket', async () => {
    const { fake, origin, close } = await startNotionFakeServer();
    try {
      const { dataSourceId } = seedWorkspace(fake.state);
      const provider = notionProvider({ token: FAKE_TOKEN, dataSourceId, baseUrl: origin });
      expect(await provider.checkSetup!()).toEqual({ ok: true, problems: [] });
      expect((await fetch(`${origin}/v1/nonsense`, { headers: { authorization: `Bearer ${FAKE_TOKEN}`, 'notion-version': '2025-09-03' } })).status).toBe(400);
    } finally {
      await close();
    }
  });
});
