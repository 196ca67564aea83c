-- Sessions follow what opened them (issue 19.6). The row already holds the email and the method; it
-- now holds the group that made the person HR at sign-in (OIDC_HR_GROUP), so each request compares the
-- cookie with the row and re-checks HR against the current setting. NULL: not HR by group.
ALTER TABLE sessions ADD COLUMN hr_group TEXT;
