-- Push notification channels (issue 23): Drive's changes.watch delivers to PUBLIC_URL/webhooks/google.
-- The channel's token is never stored as it is: a delivery is accepted when the SHA-256 of its
-- X-Goog-Channel-Token matches. resource_id is what channels.stop needs to close the channel.
CREATE TABLE watch_channels (
  id          TEXT PRIMARY KEY NOT NULL,
  provider    TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  token_hash  TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX watch_channels_provider ON watch_channels (provider, expires_at);
