-- Reminders (issue 12): one row per delivery, i.e. per plan, reminder kind, the date it is about,
-- recipient and channel. A row is claimed ('claimed') before the message leaves and settled after
-- ('sent', or 'failed' to be tried again in a later cycle). A crash between the two leaves it
-- 'claimed': never sent twice; a later cycle marks it 'unconfirmed' and says so in the plan's audit.
CREATE TABLE reminder_deliveries (
  plan_id    TEXT NOT NULL REFERENCES plans (id),
  kind       TEXT NOT NULL,
  due_date   TEXT NOT NULL,
  -- An email address, or '*' for a channel that reaches a room rather than a person (the webhook).
  recipient  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  state      TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 1,
  claimed_at TEXT NOT NULL,
  settled_at TEXT,
  last_error TEXT,
  PRIMARY KEY (plan_id, kind, due_date, recipient, channel)
);
-- Stale claims are looked up by state and age.
CREATE INDEX reminder_deliveries_state ON reminder_deliveries (state, claimed_at);
