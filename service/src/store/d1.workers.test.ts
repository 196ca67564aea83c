import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { d1Driver, openD1Store } from './d1.js';
import { createSqlStore } from './sql-store.js';
import { describeSqlStore } from '../../../test/contracts/sql-driver.js';
import { describePlanLifecycle } from '../../../test/contracts/plan-lifecycle.js';
import { describeReminderLedger } from '../../../test/contracts/reminder-ledger.js';
import { describeStore } from '../../../test/contracts/store.js';
import { sqlBlobs } from './sql-blobs.js';
import { describeTextBlobs } from '../../../test/contracts/text-blobs.js';

/** The test worker's bindings (vitest.workers.config.ts). */
const bindings = env as unknown as { DB: D1Database; MIGRATIONS: D1Migration[] };

/** Every table the migrations made, emptied: each case starts from a fresh, migrated database. */
async function freshDatabase(): Promise<D1Database> {
  await applyD1Migrations(bindings.DB, bindings.MIGRATIONS);
  const { results } = await bindings.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  // Children before parents, so no foreign key refuses a delete.
  const order = (name: string) => (name === 'plans' ? 1 : 0);
  const tables = results.map((row) => row.name).sort((a, b) => order(a) - order(b));
  await bindings.DB.batch(tables.map((name) => bindings.DB.prepare(`DELETE FROM ${name}`)));
  return bindings.DB;
}

describeStore('D1 (workerd)', async () => openD1Store(await freshDatabase()));
describeReminderLedger('D1 (workerd)', async () => openD1Store(await freshDatabase()));
describePlanLifecycle('D1 (workerd)', async () => openD1Store(await freshDatabase()));

describeSqlStore('D1 (workerd)', async () => {
  const driver = d1Driver(await freshDatabase());
  return { driver, store: createSqlStore(driver) };
});

describeTextBlobs('D1 (workerd)', async () => sqlBlobs(d1Driver(await freshDatabase())));
