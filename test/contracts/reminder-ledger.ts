import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPlan, parsedPlan } from './store-fixtures.js';
import type { ReminderDeliveryKey, Store } from '../../service/src/store/types.js';

/** The sent-once ledger every Store must keep, run on SQLite and on D1. `open` gives a fresh, migrated store. */
export function describeReminderLedger(name: string, open: () => Promise<Store>): void {
  describe(`Reminder ledger: ${name}`, () => {
    let store: Store;
    const key: ReminderDeliveryKey = { planId: 'plan-1', kind: 'check_in_due', date: '2026-12-08', recipient: 'member1@example.com', channel: 'webhook' };
    const ready = async (n: number) => {
      await store.insertPlan(newPlan(n), null);
      await store.markReady(`plan-${n}`, { docId: `doc-${n}`, docUrl: `https://docs.test/${n}`, sharing: { state: 'ok', checkedAt: null, issues: [] } }, []);
      await store.recordPoll({ planId: `plan-${n}`, at: '2026-12-02T08:00:00.000Z', parsed: parsedPlan, pollError: null, audit: [] });
    };
    beforeEach(async () => {
      store = await open();
      await ready(1);
    });
    afterEach(async () => {
      await store.close();
    });

    it('lets one claim win; a sent delivery is never claimed again', async () => {
      expect(await store.claimReminderDelivery(key, '2026-12-07T08:00:00.000Z')).toBe(true);
      expect(await store.claimReminderDelivery(key, '2026-12-07T08:00:01.000Z')).toBe(false);
      await store.settleReminderDelivery(key, { state: 'sent', at: '2026-12-07T08:00:02.000Z' }, [{ kind: 'reminder.sent', actor: 'service', message: 'sent' }]);
      expect(await store.claimReminderDelivery(key, '2026-12-07T09:00:00.000Z')).toBe(false);
      expect(await store.listReminderDeliveries(['plan-1', 'plan-2'])).toEqual([
        { ...key, state: 'sent', attempts: 1, claimedAt: '2026-12-07T08:00:00.000Z', settledAt: '2026-12-07T08:00:02.000Z', lastError: null },
      ]);
      expect((await store.listAudit('plan-1')).at(-1)).toMatchObject({ kind: 'reminder.sent', at: '2026-12-07T08:00:02.000Z' });
    });

    it('claims a failed delivery again, counting attempts; other keys are separate deliveries', async () => {
      await store.claimReminderDelivery(key, '2026-12-07T08:00:00.000Z');
      await store.settleReminderDelivery(key, { state: 'failed', at: '2026-12-07T08:00:01.000Z', error: 'webhook answered 500' }, []);
      expect(await store.claimReminderDelivery({ ...key, channel: 'gmail' }, '2026-12-07T08:00:02.000Z')).toBe(true);
      expect(await store.claimReminderDelivery({ ...key, recipient: 'manager1@example.com' }, '2026-12-07T08:00:02.000Z')).toBe(true);
      expect(await store.claimReminderDelivery(key, '2026-12-07T08:05:00.000Z')).toBe(true);
      const [again] = (await store.listReminderDeliveries(['plan-1'])).filter((d) => d.channel === 'webhook' && d.recipient === key.recipient);
      expect(again).toMatchObject({ state: 'claimed', attempts: 2, claimedAt: '2026-12-07T08:05:00.000Z', settledAt: null, lastError: 'webhook answered 500' });
    });

    it('lists claims never settled before a time, and settles only claimed deliveries', async () => {
      await store.claimReminderDelivery(key, '2026-12-07T08:00:00.000Z');
      await store.claimReminderDelivery({ ...key, channel: 'gmail' }, '2026-12-07T09:00:00.000Z');
      expect((await store.listStaleReminderClaims('2026-12-07T08:30:00.000Z')).map((d) => d.channel)).toEqual(['webhook']);
      await store.settleReminderDelivery(key, { state: 'unconfirmed', at: '2026-12-07T10:00:00.000Z' }, []);
      await store.settleReminderDelivery(key, { state: 'sent', at: '2026-12-07T10:00:01.000Z' }, []);
      expect((await store.listReminderDeliveries(['plan-1'])).find((d) => d.channel === 'webhook')?.state).toBe('unconfirmed');
      expect(await store.claimReminderDelivery(key, '2026-12-07T11:00:00.000Z')).toBe(false);
      expect(await store.listStaleReminderClaims('2026-12-07T08:30:00.000Z')).toEqual([]);
    });

    it('lists the deliveries of more plans than one statement may bind', async () => {
      for (let i = 1; i <= 120; i++) {
        if (i > 1) await store.insertPlan(newPlan(i), null);
        await store.claimReminderDelivery({ ...key, planId: `plan-${i}` }, '2026-12-07T08:00:00.000Z');
      }
      const planIds = Array.from({ length: 120 }, (_, i) => `plan-${i + 1}`);
      expect((await store.listReminderDeliveries([...planIds, 'no-such-plan'])).map((d) => d.planId).sort()).toEqual([...planIds].sort());
    });

    it('judges reminders only on ready plans that were read, without error or a read pending', async () => {
      await ready(2);
      await ready(3);
      await ready(4);
      await store.insertPlan(newPlan(5), null);
      await store.markPollDue(
        [
          { planId: 'plan-2', due: 'read' },
          { planId: 'plan-4', due: 'sharing' },
        ],
        {},
      );
      await store.recordPoll({ planId: 'plan-3', at: '2026-12-03T08:00:00.000Z', pollError: 'docs.get failed', audit: [] });
      await store.markClosed('plan-1', { at: '2026-12-03T08:00:00.000Z', outcome: 'achieved', note: null }, []);
      expect((await store.listReminderPlans()).map((plan) => plan.id)).toEqual(['plan-4']);
    });
  });
}
