-- A Jira site (its Forge pairing tenant id) paired with one workspace. The shared HMAC secret is sealed like
-- the bot token. Uninstalling from the workspace revokes its token, so its pairings go with it.
CREATE TABLE pairings (
  tenant text PRIMARY KEY,
  forge_webtrigger_url text NOT NULL,
  secret_enc bytea NOT NULL,
  secret_iv bytea NOT NULL,
  team_id text NOT NULL REFERENCES installations (team_id) ON DELETE CASCADE,
  channel_id text,
  created_at timestamptz NOT NULL
);

CREATE INDEX pairings_team_id ON pairings (team_id);
