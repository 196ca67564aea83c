-- Browser sessions and failed sign-ins (issue 11).
-- A session cookie is signed, but a signature cannot be taken back: the row is what signing out ends.
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY NOT NULL,
  email      TEXT NOT NULL COLLATE NOCASE,
  via        TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at   TEXT
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- OIDC sign-ins under way: the callback takes the row away, so the same callback cannot be replayed.
CREATE TABLE sign_in_states (
  state      TEXT PRIMARY KEY NOT NULL,
  expires_at TEXT NOT NULL
);

-- One row per failed sign-in and key (`address:...`, `email:...`); counted over a recent window.
CREATE TABLE sign_in_failures (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
