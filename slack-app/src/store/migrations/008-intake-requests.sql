-- DESIGN flow 7: a request raised from a Slack message ("Create request"), on its way to Jira through Forge.
-- The id is ours and goes to Forge as `requestId`, so a double submit or a redelivery creates one request. What
-- the requester wrote is not kept here: it goes to Jira, and the thread reply needs only the key.
CREATE TABLE intake_requests (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES installations (team_id) ON DELETE CASCADE,
  tenant text NOT NULL,
  slack_user_id text NOT NULL,
  channel_id text NOT NULL,
  message_ts text NOT NULL,
  -- The thread to answer in: the message's own ts, or its parent's when the message is a reply.
  thread_ts text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'created', 'failed')),
  issue_key text,
  reason text,
  -- When the outcome was told in Slack; a redelivered answer does not tell it twice.
  notified_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'created' OR issue_key IS NOT NULL)
);
