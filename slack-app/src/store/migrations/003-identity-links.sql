-- DESIGN flow 3: a Slack user bound to an Atlassian accountId through a single-use, short-lived token. Only the
-- token's SHA-256 is stored, so a database read does not yield usable tokens.
CREATE TABLE identity_links (
  team_id text NOT NULL REFERENCES installations (team_id) ON DELETE CASCADE,
  slack_user_id text NOT NULL,
  account_id text NOT NULL,
  tenant text NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, slack_user_id)
);

CREATE TABLE link_tokens (
  token_hash bytea PRIMARY KEY,
  team_id text NOT NULL REFERENCES installations (team_id) ON DELETE CASCADE,
  slack_user_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX link_tokens_expires_at ON link_tokens (expires_at);
