-- The handbook's order (issue 21): draft -> aligned -> shared -> agreed (domain/plan-stage.ts).
-- A plan's kind: growth or performance.
ALTER TABLE plans ADD COLUMN kind TEXT NOT NULL DEFAULT 'growth';
-- Plans made before drafts existed were shared with the four at once: they are `shared`.
ALTER TABLE plans ADD COLUMN stage TEXT NOT NULL DEFAULT 'shared';
-- The manager's manager (or HR) aligned on the draft: who, when, and their note ('' for none).
ALTER TABLE plans ADD COLUMN aligned_by TEXT;
ALTER TABLE plans ADD COLUMN aligned_at TEXT;
ALTER TABLE plans ADD COLUMN alignment_note TEXT;
-- When the team member and the manager each agreed with the plan as it stood.
ALTER TABLE plans ADD COLUMN agreed_team_member_at TEXT;
ALTER TABLE plans ADD COLUMN agreed_manager_at TEXT;
-- 1 while a share was asked for but the team member's access is not yet given and verified:
-- a retry, or the next poll cycle, finishes it (the share is resumable like a create).
ALTER TABLE plans ADD COLUMN share_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX plans_share_pending ON plans (share_pending) WHERE share_pending = 1;
