/** Public surface of the Jira Cloud contract emulator (see README.md). */
export { ALL_PERMISSIONS, type Permission } from './catalog';
export { type EmulatorOptions, JiraEmulator } from './emulator';
export type { Fault, FaultInjector, FaultRule, RateLimitReason } from './faults';
export { type AdfDoc, type AdfNode, adf, adfToText } from './format';
export type { Exchange } from './server';
export { JiraSite, type NewIssue, type NewUser, type SiteUser } from './site';
export type { IssueFields, StoredApproval, StoredComment, StoredIssue, StoredSla } from './state';
