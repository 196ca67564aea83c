-- The handbook's order (issue 21): close and extend write into the plan's document as resumable
-- steps, like a create. One row per close or extend, written with the plan's own change in one
-- batch (the intent), then each step recorded as it finishes; a step that failed is tried again by
-- the next poll cycle. A retry after a crash finds the closing section already in the document
-- (the provider looks before it writes), so it is never written twice.
CREATE TABLE document_edits (
  id          TEXT PRIMARY KEY NOT NULL,
  plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  -- 'close' | 'extend'
  kind        TEXT NOT NULL,
  -- What to write: the closing notice, or the end date change.
  intent_json TEXT NOT NULL,
  -- The steps finished so far, in order (JSON array of step names).
  done_json   TEXT NOT NULL DEFAULT '[]',
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX document_edits_unfinished ON document_edits (finished_at, created_at);
CREATE INDEX document_edits_plan ON document_edits (plan_id, created_at);
