-- Workers: a poll cycle may span several invocations, and there is no file system.
-- poll_due: what a cycle still owes this plan ('read' the document and check sharing, or 'sharing'
-- only). Change detection marks plans and moves the provider's cursor in one batch, so what was
-- detected survives the end of an invocation; recording a plan's poll clears its mark.
ALTER TABLE plans ADD COLUMN poll_due TEXT;
CREATE INDEX plans_poll_due ON plans (poll_due) WHERE poll_due IS NOT NULL;

-- The local provider's documents where there are no files (Workers; Node keeps files in DATA_DIR).
-- modified_at is milliseconds since the epoch, like a file's mtime.
CREATE TABLE local_documents (
  id          TEXT PRIMARY KEY NOT NULL,
  markdown    TEXT NOT NULL,
  modified_at INTEGER NOT NULL
);

-- Versions people opened or saved: bases for three-way merges (the newest 50 per document).
CREATE TABLE local_document_versions (
  id       TEXT NOT NULL,
  version  TEXT NOT NULL,
  markdown TEXT NOT NULL,
  kept_at  INTEGER NOT NULL,
  PRIMARY KEY (id, version)
);
