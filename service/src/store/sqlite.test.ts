import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqlStore } from './sql-store.js';
import { describeSqlStore } from '../../../test/contracts/sql-driver.js';
import { MIGRATIONS_DIR, openSqliteDatabase, openSqliteStore, runMigrations, sqliteDriver } from './sqlite.js';
import { describePlanLifecycle } from '../../../test/contracts/plan-lifecycle.js';
import { describeReminderLedger } from '../../../test/contracts/reminder-ledger.js';
import { describeStore } from '../../../test/contracts/store.js';
import { newPlan } from '../../../test/contracts/store-fixtures.js';

describeStore('sqlite (:memory:)', () => openSqliteStore({ file: ':memory:' }));
describeReminderLedger('sqlite (:memory:)', () => openSqliteStore({ file: ':memory:' }));
describePlanLifecycle('sqlite (:memory:)', () => openSqliteStore({ file: ':memory:' }));

describeSqlStore('sqlite (:memory:)', async () => {
  const db = openSqliteDatabase(':memory:');
  const driver = sqliteDriver(db);
  return { driver, store: createSqlStore(driver, { onClose: () => void db.close() }) };
});

describe('sqlite file', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-store-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates its folder, keeps data across reopening, and migrates only once', async () => {
    const file = join(tempDir(), 'nested', 'data', 'plans.db');
    const first = await openSqliteStore({ file });
    await first.insertPlan(newPlan(1), { actor: 'manager1@example.com', key: 'k', requestHash: 'h' });
    await first.setCursor('local', 'c-1');
    await first.close();

    const db = openSqliteDatabase(file);
    const migrations = db.prepare('SELECT name, applied_at FROM schema_migrations').all();
    // Every migration file, in name order (helpers land them out of number order).
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(files[0]).toBe('0001_init.sql');
    expect(migrations).toEqual(files.map((name) => ({ name, applied_at: expect.any(String) })));
    expect(runMigrations(db)).toEqual([]);
    expect(db.prepare('SELECT name, applied_at FROM schema_migrations ORDER BY name').all()).toEqual(migrations);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();

    const again = await openSqliteStore({ file });
    expect((await again.getPlan('plan-1'))?.teamMember).toEqual(newPlan(1).teamMember);
    expect(await again.findIdempotency('manager1@example.com', 'k')).toMatchObject({ planId: 'plan-1' });
    expect(await again.getCursor('local')).toBe('c-1');
    await again.close();
  });

  it('keeps the data folder to its owner: folder 0700, database files 0600, also when they existed before', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir, { mode: 0o755 });
    const file = join(dir, 'plans.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const store = await openSqliteStore({ file });
    await store.insertPlan(newPlan(1), null);
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    for (const name of readdirSync(dir)) expect([name, mode(join(dir, name))]).toEqual([name, 0o600]);
    await store.close();
  });

  it('applies migrations in order, and a failing one leaves no trace of itself', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sql'));
    writeFileSync(join(dir, 'sql', '0002_bad.sql'), 'CREATE TABLE second (id INTEGER);\nINSERT INTO first VALUES (1);\nTHIS IS NOT SQL;');
    writeFileSync(join(dir, 'sql', '0001_first.sql'), 'CREATE TABLE first (id INTEGER);');
    writeFileSync(join(dir, 'sql', 'notes.txt'), 'not a migration');
    const db = openSqliteDatabase(':memory:');
    expect(() => runMigrations(db, join(dir, 'sql'))).toThrow(/syntax error/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('first', 'second')").pluck().all();
    expect(tables).toEqual(['first']);
    expect(db.prepare('SELECT COUNT(*) FROM first').pluck().get()).toBe(0);
    const service = new Set(readdirSync(MIGRATIONS_DIR));
    expect(
      db
        .prepare('SELECT name FROM schema_migrations')
        .pluck()
        .all()
        .filter((name) => !service.has(String(name))),
    ).toEqual(['0001_first.sql']);
    db.close();
  });

  it('finds the plans of an email through the email index', () => {
    const db = openSqliteDatabase(':memory:');
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT plan_id FROM plan_parties WHERE email = ?').all('A@B.C') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('USING COVERING INDEX plan_parties_email');
    db.close();
  });
});

describe("the store's clock", () => {
  it('stamps the times a caller does not give with the clock it was opened with, as it moves', async () => {
    let clock = Date.parse('2030-01-02T03:04:05.000Z');
    const store = await openSqliteStore({ file: ':memory:', now: () => clock });
    await store.insertPlan(newPlan(1), null);
    await store.saveCheckpoint('plan-1', { step: 'document' });
    expect((await store.getPlan('plan-1'))?.updatedAt).toBe('2030-01-02T03:04:05.000Z');

    clock += 60_000;
    await store.appendAudit('plan-1', [{ kind: 'plan.viewed', actor: 'hr@example.com', message: 'Viewed by HR' }]);
    await store.extendPlan('plan-1', '2027-01-31', [], undefined);
    expect((await store.listAudit('plan-1')).at(-1)?.at).toBe('2030-01-02T03:05:05.000Z');
    expect((await store.getPlan('plan-1'))?.updatedAt).toBe('2030-01-02T03:05:05.000Z');
    await store.close();
  });
});
