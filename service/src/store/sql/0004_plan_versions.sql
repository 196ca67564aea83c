-- Scale (issue 15): a version per plan, raised by every write to the plan's row, so readers can keep
-- what they computed from a plan (its status, its dashboard row) until the plan changes, and ask
-- "which plans changed?" with one index-only query instead of reading every row.
ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
-- Newest first, with the version, straight from the index (HR's dashboard lists every plan this way).
CREATE INDEX plans_newest_version ON plans (created_at DESC, id, version);
-- The poll cycle lists the plans that have a document, by state.
CREATE INDEX plans_state_doc ON plans (state, doc_id);
