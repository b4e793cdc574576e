-- App Home's "at risk" list and the daily digest's SLA counts: the latest `sla.at_risk` event per request and
-- SLA metric of a Jira site. A newer alert for the same metric replaces the row (breached, due time, when seen).
-- No foreign key to pairings, like escalations: rows of an unpaired site simply stop being shown and age out.
CREATE TABLE sla_at_risk (
  tenant text NOT NULL,
  issue_key text NOT NULL,
  metric text NOT NULL,
  due_at timestamptz,
  breached boolean NOT NULL,
  priority text NOT NULL,
  team text NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (tenant, issue_key, metric)
);

CREATE INDEX sla_at_risk_seen_at ON sla_at_risk (seen_at);
