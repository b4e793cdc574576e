/**
 * What the UI Kit frontends and the resolvers exchange: one named call each, payload in, result out.
 * The frontends import only types from here; the resolvers implement every call.
 */

export type CorrectableField = 'category' | 'priority' | 'team';

export interface DecisionView {
  /** Applied to the issue (confident enough) or only suggested in this panel. */
  applied: boolean;
  decidedAt: string;
  category: { label: string | null; confidence: number; source: 'model' | 'rule' | 'none' };
  priority: { level: string; impact: string; urgency: string };
  team: { name: string; isDefault: boolean; reason: string };
  assignee: { name: string | null; reason: string };
  sla: { metric: string; target: string; dueAt: string | null; atRisk: boolean; breached: boolean; paused: boolean }[];
  duplicates: { key: string; score: number }[];
  needsApproval: { required: boolean; reasons: string[] };
  explanation: string[];
}

export interface CorrectionView {
  field: CorrectableField;
  from: string | null;
  to: string;
  by: string;
  at: string;
}

export interface PanelView {
  issueKey: string;
  decision: DecisionView | null;
  corrections: CorrectionView[];
  options: { categories: string[]; priorities: string[]; teams: string[] };
}

export interface InputProblem {
  path: string;
  message: string;
}

export type SaveConfigResult =
  | { ok: true; version: string }
  | { ok: false; errors: InputProblem[]; failedExamples: { name: string; problems: string[] }[] };

export interface BacktestView {
  state: 'idle' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  startedAt?: string;
  error?: string;
  result?: {
    train: number;
    test: number;
    /** Per field: accuracy of Switchboard's answer against what people set, and of the majority class. */
    fields: { field: string; accuracy: number; majority: number; macroF1: number }[];
    coverageAtThreshold: { threshold: number; coverage: number; precision: number };
    teamLoad: { team: string; tickets: number }[];
    sla: { met: number; atRisk: number; breached: number };
  };
}

export interface ModelView {
  trained: boolean;
  trainedAt?: string;
  examples?: number;
  labels?: string[];
  /** From agents' corrections of applied decisions: applied, corrected, accuracy = 1 - corrected/applied. */
  accuracy: { field: CorrectableField; applied: number; corrected: number; accuracy: number | null }[];
  retrain: { state: 'idle' | 'running' | 'done' | 'failed'; progress: { done: number; total: number }; error?: string };
}

export interface PairingView {
  paired: boolean;
  serviceUrl?: string;
  pairedAt?: string;
}

/** The identity link page's answer: linked, or why not (unknown, used and expired tokens read the same). */
export type LinkRedeemResult =
  | { linked: true; slackUserName?: string }
  | { linked: false; reason: 'expired' | 'not-paired' | 'unreachable'; message: string };

export interface ProjectOverrides {
  enabled: boolean;
  autoApplyAt?: number;
  defaultTeam?: string;
}

/** The site settings the admin edits (store/settings.ts SettingsSchema, as plain data for the UI). */
export interface SettingsValues {
  priorityNames: Record<string, string>;
  teamField?: string;
  triagedLabel: string;
  scopeJql: string;
  intakeServiceDeskId?: string;
  intakeRequestTypeId?: string;
  intakeRequestTypes: Record<string, string>;
}

/** The current settings and what this Jira site offers to choose from, read as the app. */
export interface SettingsView {
  settings: SettingsValues;
  source: 'default' | 'saved';
  choices: {
    /** The site's priority names, highest first. */
    priorities: string[];
    /** Names of the site's custom fields (candidates for the team field). */
    customFields: string[];
    serviceDesks: { id: string; name: string; requestTypes: { id: string; name: string }[] }[];
  };
}

/** Every resolver call: its payload and its result. */
export interface ResolverApi {
  'panel.get': { payload: { issueKey: string }; result: PanelView };
  'panel.correct': { payload: { issueKey: string; field: CorrectableField; value: string }; result: { ok: true } };
  'admin.getConfig': {
    payload: Record<string, never>;
    result: { yaml: string; version: string; source: 'default' | 'saved' };
  };
  'admin.saveConfig': { payload: { yaml: string }; result: SaveConfigResult };
  'admin.startBacktest': { payload: { jql?: string; trainFraction?: number }; result: { started: boolean } };
  'admin.backtestStatus': { payload: Record<string, never>; result: BacktestView };
  'admin.modelStatus': { payload: Record<string, never>; result: ModelView };
  'admin.retrainNow': { payload: Record<string, never>; result: { queued: boolean } };
  'admin.settings': { payload: Record<string, never>; result: SettingsView };
  /** Checked against the site (priorities, fields, desks, JQL) before it is stored; refused = old ones kept. */
  'admin.saveSettings': {
    payload: { settings: SettingsValues };
    result: { ok: true } | { ok: false; errors: InputProblem[] };
  };
  'admin.pairing': { payload: Record<string, never>; result: PairingView };
  /**
   * Returns the pairing code ONCE (tenant, shared secret and this site's web trigger URL), to paste into Slack
   * with `/switchboard pair`; the secret itself stays only in KVS secrets.
   */
  'admin.createPairing': { payload: { serviceUrl: string }; result: { pairingCode: string; tenant: string } };
  /** Tells the Slack service (best effort), then forgets the pairing and its secret. */
  'admin.unpair': { payload: Record<string, never>; result: { unpaired: boolean; slackTold: boolean } };
  /** The global page "Link Slack account": binds the token's Slack user to the logged-in Atlassian account. */
  'link.redeem': { payload: { token: string }; result: LinkRedeemResult };
  'project.get': { payload: { projectKey: string }; result: ProjectOverrides };
  'project.save': {
    payload: { projectKey: string; overrides: ProjectOverrides };
    result: { ok: true } | { ok: false; errors: InputProblem[] };
  };
}

export type ResolverName = keyof ResolverApi;
