-- Coaching Plans: initial schema.
-- Plain SQLite SQL: the Node runner (store/sqlite.ts) and `wrangler d1 migrations apply` run this file
-- unchanged. No BEGIN/COMMIT (each runner wraps a file itself) and no PRAGMA (set per connection).
-- Timestamps are ISO 8601 text; plan dates are YYYY-MM-DD text; *_json columns hold JSON text.

CREATE TABLE plans (
  id                  TEXT PRIMARY KEY NOT NULL,
  provider            TEXT NOT NULL,
  doc_id              TEXT,
  doc_url             TEXT,
  development_area    TEXT NOT NULL,
  current_state       TEXT NOT NULL,
  goal_state          TEXT NOT NULL,
  activities_json     TEXT NOT NULL,
  support_assets      TEXT NOT NULL,
  update_cadence_days INTEGER NOT NULL,
  start_date          TEXT NOT NULL,
  end_date            TEXT NOT NULL,
  state               TEXT NOT NULL DEFAULT 'creating',
  failure             TEXT,
  create_checkpoint_json TEXT NOT NULL DEFAULT '{}',
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  closed_at           TEXT,
  outcome             TEXT,
  close_note          TEXT,
  -- The latest reading of the document and the status computed from it (progress_snapshots keeps history).
  parsed_json         TEXT,
  status_json         TEXT,
  sharing_state       TEXT NOT NULL DEFAULT 'pending',
  sharing_checked_at  TEXT,
  sharing_issues_json TEXT NOT NULL DEFAULT '[]',
  last_polled_at      TEXT,
  poll_error          TEXT
);
CREATE INDEX plans_state ON plans (state);
CREATE INDEX plans_created_at ON plans (created_at);

-- The four people who may see a plan. NOCASE so a lookup by email ignores case and still uses the index.
CREATE TABLE plan_parties (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  email   TEXT NOT NULL COLLATE NOCASE,
  name    TEXT NOT NULL,
  PRIMARY KEY (plan_id, role)
);
CREATE INDEX plan_parties_email ON plan_parties (email, plan_id);

-- One row per poll that changed what was read or computed.
CREATE TABLE progress_snapshots (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  polled_at   TEXT NOT NULL,
  parsed_json TEXT,
  status_json TEXT
);
CREATE INDEX progress_snapshots_plan ON progress_snapshots (plan_id, polled_at);

CREATE TABLE idempotency_keys (
  actor        TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  plan_id      TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (actor, key)
);

CREATE TABLE poll_cursors (
  provider   TEXT PRIMARY KEY NOT NULL,
  cursor     TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE audit_events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id   TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  message   TEXT NOT NULL,
  data_json TEXT
);
CREATE INDEX audit_events_plan ON audit_events (plan_id, id);
