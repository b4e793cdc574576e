import type { TriageConfigInput } from '../model/config';

/**
 * The built-in configuration: what `switchboard triage` uses without `--config`, and the starting point an
 * admin edits. Categories come from multilingual keyword rules until a model is trained. The people under
 * `teams` are placeholders that show how rosters work; a site replaces them with its own accountIds.
 *
 * RE2 note: `\b` is ASCII-only in RE2, so words in other scripts are matched without it.
 */
export const DEFAULT_CONFIG: TriageConfigInput = {
  version: 1,
  classify: { field: 'requestType', autoApplyAt: 0.85 },
  rules: [
    {
      name: 'security keywords',
      when: {
        text: '\\b(phishing|malware|virus|ransomware|suspicious (email|link|login)|hacked|data leak)\\b|złośliw|wirus|вирус|фишинг|钓鱼|病毒|勒索',
      },
      then: { category: 'security', labels: ['security'] },
      stop: true,
    },
    {
      name: 'network keywords',
      when: {
        text: '\\b(vpn|wi-?fi|wlan|network|internet|ethernet|dns|firewall|proxy|sieci?|netzwerk|réseau|red)\\b|сеть|сети|интернет|网络|无线|ネットワーク',
      },
      then: { category: 'network' },
      stop: true,
    },
    {
      name: 'access keywords',
      when: {
        text: '\\b(password|log ?in|sign ?in|account|locked out|mfa|2fa|sso|permission|access|hasło|hasła|konto|dostęp|passwort|zugang|contraseña|mot de passe)\\b|пароль|доступ|учётн|учетн|密码|登录|账号|権限|パスワード',
      },
      then: { category: 'access' },
      stop: true,
    },
    {
      name: 'hardware keywords',
      when: {
        text: '\\b(laptop|printer|monitor|keyboard|mouse|docking|headset|drukark[a-z]*|drucker|impresora|imprimante)\\b|принтер|ноутбук|монитор|打印机|电脑|显示器|プリンタ',
      },
      then: { category: 'hardware' },
      stop: true,
    },
    {
      name: 'software keywords',
      when: {
        text: '\\b(install|licen[cs]e|excel|outlook|word|teams|crash(es|ed)?|update|upgrade|software|application|app|oprogramowanie|programm)\\b|программ|установ|软件|安装|ソフト',
      },
      then: { category: 'software' },
      stop: true,
    },
  ],
  priority: {
    matrix: { impact: ['low', 'medium', 'high'], urgency: ['low', 'medium', 'high'] },
    defaultImpact: 'medium',
    defaultUrgency: 'medium',
    builtinCues: true,
    signals: [
      { when: { reporterGroup: 'vip' }, impact: 'high', reason: 'impact high: reporter is in the vip group' },
      { when: { category: 'security' }, urgency: 'high', reason: 'urgency high: security requests are urgent' },
    ],
    tiers: { platinum: 'high', gold: 'medium', standard: 'low' },
  },
  teams: {
    network: {
      members: [
        { id: 'example-ola', name: 'Ola (example)', skills: ['network', 'pl', 'en'], capacity: 8 },
        { id: 'example-piotr', name: 'Piotr (example)', skills: ['network', 'pl'], capacity: 8 },
        { id: 'example-anna', name: 'Anna (example)', skills: ['network', 'en', 'de'], capacity: 6 },
      ],
    },
    'service-desk': {
      members: [
        { id: 'example-sam', name: 'Sam (example)', skills: ['en'] },
        { id: 'example-li', name: 'Li (example)', skills: ['zh', 'en'] },
        { id: 'example-ivan', name: 'Ivan (example)', skills: ['ru', 'uk', 'en'] },
      ],
    },
  },
  routing: [
    {
      team: 'security',
      when: { category: 'security' },
      assign: { strategy: 'none' },
    },
    {
      team: 'network',
      when: { category: ['network'] },
      assign: { strategy: 'least-loaded', capacity: 8, calendar: 'warsaw-office', skills: true },
    },
    {
      team: 'identity',
      when: { category: 'access' },
      assign: { strategy: 'none' },
    },
    {
      team: 'service-desk',
      default: true,
      assign: { strategy: 'round-robin', calendar: 'support-hours', skills: true },
    },
  ],
  sla: {
    calendars: {
      'warsaw-office': {
        tz: 'Europe/Warsaw',
        days: 'Mon-Fri',
        hours: '08:00-17:00',
        holidays: ['2026-12-24', '2026-12-25', '2026-12-26'],
      },
      'support-hours': { tz: 'UTC', days: 'Mon-Fri', hours: '06:00-20:00', holidays: [] },
    },
    calendar: 'warsaw-office',
    targets: {
      P1: { firstResponse: '30m', resolution: '4h' },
      P2: { firstResponse: '2h', resolution: '1d' },
      P3: { firstResponse: '8h', resolution: '5d' },
      P4: { firstResponse: '2d', resolution: '10d' },
    },
    pauseIn: ['Waiting for customer', 'Pending'],
    atRiskAt: 0.75,
  },
  duplicates: { minScore: 0.25, maxCandidates: 5, windowDays: 90 },
  escalation: {
    needApproval: [{ priority: 'P1' }, { action: 'engineering' }],
    approvers: { jiraGroup: 'major-incident-managers', accountIds: [] },
    fallbackApprovers: { accountIds: [] },
    remindAfter: '15m',
    fallbackAfter: '30m',
    expireAfter: '24h',
  },
  examples: [
    {
      name: 'office-wide VPN outage',
      ticket: { summary: 'VPN down for the whole Warsaw office', description: 'nobody can connect since 9:00' },
      expect: { category: 'network', team: 'network', priority: 'P1', needsApproval: true },
    },
    {
      name: 'password reset',
      ticket: { summary: 'Please reset my password', description: 'I forgot it after the holidays, no rush.' },
      expect: { category: 'access', team: 'identity', priority: 'P4', needsApproval: false },
    },
    {
      name: 'Polish printer fault',
      ticket: { summary: 'Awaria drukarki na 3 piętrze', description: 'Drukarka nie działa od rana.' },
      expect: { category: 'hardware', team: 'service-desk', priority: 'P2' },
    },
    {
      name: 'Russian login problem',
      ticket: { summary: 'Не работает вход в систему', description: 'Пароль не принимается, доступ закрыт.' },
      expect: { category: 'access', team: 'identity' },
    },
    {
      name: 'Chinese login problem',
      ticket: { summary: '无法登录邮箱', description: '输入密码后一直提示错误' },
      expect: { category: 'access', team: 'identity' },
    },
    {
      name: 'nothing known goes to the default team',
      ticket: { summary: 'Question about the canteen menu', description: 'Is there a vegetarian option on Friday?' },
      expect: { team: 'service-desk', priority: 'P3' },
    },
  ],
};
