-- Scale (issue 15): a poll that only moves the times of the last read and sharing check (an hourly
-- sweep touches every plan this way) must not look like a change to what the dashboard shows.
-- `version` is now raised only by writes that change what a plan's views show; `touched` by every
-- write, from one sequence over all plans (the highest touched + 1), so `MAX(touched)` tells a
-- reader in one index lookup whether any plan was written since it last looked.
ALTER TABLE plans ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;
DROP INDEX plans_newest_version;
-- Newest first with both counters, straight from the index (HR's dashboard lists every plan this way).
CREATE INDEX plans_newest_touched ON plans (created_at DESC, id, version, touched);
CREATE INDEX plans_touched ON plans (touched);
