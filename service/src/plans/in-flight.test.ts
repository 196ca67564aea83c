import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../../../test/support/app.js';
import type { DocProvider } from '../providers/types.js';
import { keyedOnce } from './in-flight.js';

describe('work in flight', () => {
  it('a start while the same key runs joins it; another key, or a later start, runs on its own', async () => {
    const once = keyedOnce<number>();
    let starts = 0;
    let finish: (value: number) => void = () => {};
    const held = () => {
      starts++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = once.run('plan-1', held);
    const joined = once.run('plan-1', held);
    const other = once.run('plan-2', async () => 2);
    expect(starts).toBe(1);
    expect(await other).toBe(2);
    finish(1);
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    expect(await once.run('plan-1', async () => 3)).toBe(3);
  });

  describe('belongs to one composition', () => {
    let dataDir: string;
    const services: TestService[] = [];
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'in-flight-'));
    });
    afterEach(async () => {
      for (const service of services.splice(0)) await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a restart in the same process resumes a create the stopped service left hanging, instead of waiting for it', async () => {
      const stopped = await makeTestService({}, undefined, { dataDir });
      services.push(stopped);
      const local = stopped.deps.providers.local as DocProvider;
      let release: () => void = () => {};
      // The first service's provider never answers: as if its process had stopped mid-create.
      stopped.deps.providers.local = {
        ...local,
        createDocument: () => new Promise((_, reject) => (release = () => reject(new Error('[local] stopped')))),
      };
      const hanging = stopped.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) });
      let planId: string | undefined;
      for (let i = 0; i < 100 && !planId; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        planId = (await stopped.store.listUnfinishedPlans())[0]?.id;
      }
      expect(planId).toBeTruthy();

      const restarted = await makeTestService({}, undefined, { dataDir });
      services.push(restarted);
      // Its cycle finishes the create with its own provider; a Map shared by the process would make it wait forever.
      expect((await restarted.deps.scheduledCycle()).resumed).toBe(1);
      expect((await restarted.store.getPlans([planId as string]))[0]?.state).toBe('ready');
      release();
      await hanging;
    });
  });
});
