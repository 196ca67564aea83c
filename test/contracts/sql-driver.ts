import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../service/src/store/sql-driver.js';
import { newPlan, parsedPlan, planStatus } from './store-fixtures.js';
import type { Store } from '../../service/src/store/types.js';

/**
 * What the SQL store relies on from a driver, and what it writes that the Store interface does not
 * read back (progress snapshots). Run against every SqlDriver:
 * better-sqlite3 (sqlite.test.ts) and D1 inside workerd (d1.workers.test.ts).
 */
export function describeSqlStore(name: string, open: () => Promise<{ store: Store; driver: SqlDriver }>): void {
  describe(`SQL store: ${name}`, () => {
    let store: Store;
    let driver: SqlDriver;
    beforeEach(async () => {
      ({ store, driver } = await open());
    });
    afterEach(async () => {
      await store.close();
    });

    const countRows = async (table: string) => (await driver.first<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, []))?.n;

    it('keeps nothing of a batch in which one statement fails', async () => {
      const insertCursor = (provider: string) => ({ sql: 'INSERT INTO poll_cursors (provider, cursor, updated_at) VALUES (?, ?, ?)', params: [provider, 'c', 'now'] });
      await expect(driver.batch([insertCursor('a'), insertCursor('b'), insertCursor('a')])).rejects.toThrow(/UNIQUE|constraint/i);
      await expect(driver.batch([insertCursor('c'), { sql: 'INSERT INTO no_such_table VALUES (1)', params: [] }])).rejects.toThrow();
      await expect(
        driver.batch([insertCursor('d'), { sql: 'INSERT INTO plan_parties (plan_id, role, email, name) VALUES (?, ?, ?, ?)', params: ['no-plan', 'hr', 'a@b.c', 'A'] }]),
      ).rejects.toThrow(/FOREIGN KEY/i);
      expect(await countRows('poll_cursors')).toBe(0);
    });

    it('keeps watch channels per provider, soonest to end first, with their expiry as a number (migration 0011)', async () => {
      const channel = (id: string, expiresAt: number) => ({
        id,
        provider: 'google',
        resourceId: `res-${id}`,
        tokenHash: `hash-${id}`,
        expiresAt,
        createdAt: '2026-12-07T09:00:00.000Z',
      });
      await store.addWatchChannel(channel('b', 1_765_200_000_000));
      await store.addWatchChannel(channel('a', 1_765_100_000_000));
      expect((await store.listWatchChannels('google')).map((c) => c.id)).toEqual(['a', 'b']);
      expect(await store.listWatchChannels('notion')).toEqual([]);
      expect(await store.getWatchChannel('b')).toEqual(channel('b', 1_765_200_000_000));
      await store.deleteWatchChannel('a');
      expect(await store.getWatchChannel('a')).toBeNull();
      await expect(store.addWatchChannel(channel('b', 1))).rejects.toThrow(/UNIQUE|constraint/i);
    });

    it('reads rows back with their types', async () => {
      await store.insertPlan(newPlan(1), null);
      expect(await driver.first('SELECT update_cadence_days, doc_id FROM plans WHERE id = ?', ['plan-1'])).toEqual({ update_cadence_days: 7, doc_id: null });
      expect(await driver.first('SELECT id FROM plans WHERE id = ?', ['missing'])).toBeNull();
      expect(await driver.all('SELECT role FROM plan_parties WHERE plan_id = ? ORDER BY role', ['plan-1'])).toEqual([
        { role: 'hr' },
        { role: 'manager' },
        { role: 'managersManager' },
        { role: 'teamMember' },
      ]);
    });

    it('snapshots a poll only when what was read or computed changed, and keeps the latest on the plan', async () => {
      await store.insertPlan(newPlan(1), null);
      const poll = (at: string, extra: object) => store.recordPoll({ planId: 'plan-1', at, pollError: null, audit: [], ...extra });
      await poll('2026-12-05T08:00:00.000Z', { parsed: parsedPlan, status: planStatus });
      await poll('2026-12-05T09:00:00.000Z', { parsed: parsedPlan, status: planStatus });
      await poll('2026-12-05T10:00:00.000Z', { pollError: 'timeout' });
      const nextDay = { ...planStatus, day: 6 };
      await poll('2026-12-06T08:00:00.000Z', { status: nextDay });
      const snapshots = await driver.all<{ polled_at: string; parsed_json: string; status_json: string }>(
        'SELECT polled_at, parsed_json, status_json FROM progress_snapshots WHERE plan_id = ? ORDER BY id',
        ['plan-1'],
      );
      expect(snapshots.map((row) => [row.polled_at, JSON.parse(row.parsed_json), JSON.parse(row.status_json)])).toEqual([
        ['2026-12-05T08:00:00.000Z', parsedPlan, planStatus],
        ['2026-12-06T08:00:00.000Z', parsedPlan, nextDay],
      ]);
      const row = await driver.first<{ status_json: string }>('SELECT status_json FROM plans WHERE id = ?', ['plan-1']);
      expect(JSON.parse(row?.status_json ?? 'null')).toEqual(nextDay);
    });

    it('writes a poll all or nothing', async () => {
      await store.insertPlan(newPlan(1), null);
      // The audit insert is the last statement; a NULL message fails it after the plan update and snapshot ran.
      await expect(
        store.recordPoll({
          planId: 'plan-1',
          at: '2026-12-05T08:00:00.000Z',
          parsed: parsedPlan,
          status: planStatus,
          pollError: null,
          audit: [{ kind: 'poll.failed', actor: 'service', message: null as unknown as string }],
        }),
      ).rejects.toThrow(/NOT NULL/i);
      expect(await store.getPlan('plan-1')).toMatchObject({ parsed: null, lastPolledAt: null });
      expect(await countRows('progress_snapshots')).toBe(0);
    });
  });
}
