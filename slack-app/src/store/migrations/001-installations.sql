-- One row per Slack workspace the app is installed in. The bot token is sealed with AES-256-GCM (crypto.ts);
-- the database never sees it in the clear.
CREATE TABLE installations (
  team_id text PRIMARY KEY,
  enterprise_id text,
  bot_user_id text NOT NULL,
  bot_token_enc bytea NOT NULL,
  bot_token_iv bytea NOT NULL,
  installed_at timestamptz NOT NULL,
  installed_by text NOT NULL
);
