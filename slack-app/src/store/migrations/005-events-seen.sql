-- Delivery dedupe: Slack event_id (Events API retries) and Forge event ids (at-least-once delivery).
CREATE TABLE events_seen (
  key text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);

CREATE INDEX events_seen_seen_at ON events_seen (seen_at);
