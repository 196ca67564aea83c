-- Private calendar feeds (issue 12): one feed address per person, revocable. The token in the address
-- is never stored as it is: its SHA-256 finds the owner when a calendar app fetches the feed, and a
-- copy sealed under SESSION_SECRET (AES-GCM) lets the dashboard show the address again.
CREATE TABLE calendar_tokens (
  email      TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
  token_hash TEXT NOT NULL UNIQUE,
  sealed     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
