/**
 * The same fake over plain HTTP, for out-of-process runs (`wrangler dev`, the Node service started
 * by browser tests): point NOTION_BASE_URL at `origin`. Time is real here, so the fake's rate
 * limiter refills as Notion's does.
 */
import { serve } from '@hono/node-server';
import { systemClock } from '../../../service/src/providers/notion/api/rate-limit.js';
import { NotionFake, type NotionFakeOptions } from './server.js';

export async function startNotionFakeServer(options: NotionFakeOptions = {}) {
  const fake = new NotionFake({ clock: systemClock, ...options });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: (request) => fake.fetch(request), port: 0, hostname: '127.0.0.1' }, (info) => resolve({ server, port: info.port }));
  });
  return {
    fake,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
