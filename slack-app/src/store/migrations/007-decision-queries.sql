-- `/switchboard KEY`: a question put to every Jira site paired with the workspace, answered through the
-- command's response_url (5 uses, 30 minutes: DESIGN §5), which is sealed like the bot token. Rows are useless
-- after those 30 minutes and are deleted then.
CREATE TABLE decision_queries (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES installations (team_id) ON DELETE CASCADE,
  user_id text NOT NULL,
  channel_id text NOT NULL,
  -- What was asked: an answer about another issue is not this query's.
  issue_key text NOT NULL,
  response_url_enc bytea NOT NULL,
  response_url_iv bytea NOT NULL,
  created_at timestamptz NOT NULL,
  -- Set once, by whichever answer is shown: the first "found", or the last of the "not found"s.
  answered_at timestamptz
);

CREATE INDEX decision_queries_created_at ON decision_queries (created_at);

-- One row per site asked; `answer` stays NULL until that site has answered.
CREATE TABLE decision_query_sites (
  query_id text NOT NULL REFERENCES decision_queries (id) ON DELETE CASCADE,
  tenant text NOT NULL,
  answer text CHECK (answer IN ('found', 'not_found')),
  PRIMARY KEY (query_id, tenant)
);
