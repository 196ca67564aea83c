/**
 * A fresh service on a fresh provider fake for every test of a file, with msw listening for the
 * file: the same hooks the Google and Notion stage, share and race tests each wrote out. Read
 * `live.service` and `live.world` inside a test (they change from one test to the next).
 */
import type { SetupServer } from 'msw/node';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TestService } from './app.js';

export interface Live<World> {
  readonly server: SetupServer;
  readonly service: TestService;
  readonly world: World;
}

/** `start` builds the fake (its handlers on `server`) and the service on it. */
export function serviceEachTest<World>(start: (server: SetupServer) => Promise<{ world: World; service: TestService }>): Live<World> {
  const server = setupServer();
  let current: { world: World; service: TestService } | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(async () => {
    current = await start(server);
  });
  afterEach(async () => {
    await current?.service.close();
    current = undefined;
    server.resetHandlers();
  });
  afterAll(() => server.close());
  const started = () => {
    if (!current) throw new Error('The service runs inside a test only (beforeEach starts it).');
    return current;
  };
  return {
    server,
    get service() {
      return started().service;
    },
    get world() {
      return started().world;
    },
  };
}
