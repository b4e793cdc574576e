-- An intake Forge has not answered within INTAKE_ANSWER_WAIT_MS (intake/unanswered.ts), or whose site was
-- unpaired before it answered, is 'unanswered'; a later answer still moves it on to created or failed.
-- The inline CHECK of 008 got PostgreSQL's default name, <table>_<column>_check.
ALTER TABLE intake_requests DROP CONSTRAINT intake_requests_status_check;
ALTER TABLE intake_requests ADD CONSTRAINT intake_requests_status_check
  CHECK (status IN ('pending', 'created', 'failed', 'unanswered'));
-- When the requester was told Jira had not confirmed the request yet; apart from notified_at, so that telling
-- the delay does not stop the outcome from being told when it comes.
ALTER TABLE intake_requests ADD COLUMN delay_notified_at timestamptz;
