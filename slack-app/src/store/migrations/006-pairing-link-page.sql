-- The Jira site's "Link Slack account" page, from its pairing code (optional: older codes carry none, and
-- `/switchboard link` then falls back to SWITCHBOARD_LINK_PAGE_URL).
ALTER TABLE pairings ADD COLUMN link_page_url text;
