-- Fallback approvers (the site's `escalation.fallbackApprovers`) wait here until `fallback_at`, when one
-- conditional UPDATE adds them to `approvers` and sets `fallback_sent`. NULL `fallback_at`: nobody to fall back to.
ALTER TABLE escalations
  ADD COLUMN fallback_approvers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fallback_approvers) = 'array'),
  ADD COLUMN fallback_at timestamptz;
