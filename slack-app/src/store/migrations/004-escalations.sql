-- Escalations waiting for (or given) a decision in Slack. No foreign key to pairings: the history of decisions
-- outlives a site being unpaired.
CREATE TABLE escalations (
  id text PRIMARY KEY,
  tenant text NOT NULL,
  issue_key text NOT NULL,
  requester_account_id text NOT NULL,
  approvers jsonb NOT NULL CHECK (jsonb_typeof(approvers) = 'array'),
  channel_id text,
  message_ts text,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'declined', 'expired', 'snoozed')),
  decided_by text,
  decided_at timestamptz,
  reason text,
  created_at timestamptz NOT NULL,
  remind_at timestamptz,
  expires_at timestamptz NOT NULL,
  fallback_sent boolean NOT NULL DEFAULT false,
  CHECK (status NOT IN ('approved', 'declined') OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
);

CREATE INDEX escalations_open_expires_at ON escalations (expires_at) WHERE status IN ('pending', 'snoozed');
