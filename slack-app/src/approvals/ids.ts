/**
 * Forge names an escalation `esc-<issue id>`, and issue ids are only unique within one Jira site, so two paired
 * sites can send the same id. Our row id puts the site's tenant in front; Forge gets its own id back.
 */
export const rowId = (tenant: string, forgeEscalationId: string): string => `${tenant}/${forgeEscalationId}`;

export const forgeEscalationId = (tenant: string, id: string): string =>
  id.startsWith(`${tenant}/`) ? id.slice(tenant.length + 1) : id;
