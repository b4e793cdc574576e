import { describe, expect, it } from 'vitest';
import { TriageConfigSchema } from '../../src/model/config';
import { decidePriority, IMPACT_CUES, URGENCY_CUES } from '../../src/priority';
import { cueList } from '../../src/priority/cues';
import { makeFacts } from '../fixtures/facts';

const config = TriageConfigSchema.parse({ version: 1, routing: [{ team: 'desk', default: true }] }).priority;
const decide = (summary: string, description = '') =>
  decidePriority({ facts: makeFacts({ summary, description }), config, signals: [] });
const cueDetails = (summary: string) =>
  decide(summary)
    .factors.filter((f) => f.kind === 'cue')
    .map((f) => f.detail);

/** [language, text, expected cue text] for urgency-high cues. */
const URGENT: [string, string, string][] = [
  ['en', 'Email outage in the Berlin office', 'outage'],
  ['en', 'I cannot log in to Salesforce', 'cannot log in'],
  ['en', 'I can’t login since the update', "can't login"],
  ['en', 'Please fix ASAP', 'asap'],
  ['en', 'Ransomware note on my screen', 'ransomware'],
  ['pl', 'Awaria drukarki na 2 piętrze', 'awaria'],
  ['pl', 'Po awarii zasilania serwer nie wstał', 'awarii'],
  ['pl', 'Outlook nie działa od rana', 'nie działa'],
  ['pl', 'Pilne: brak dostępu', 'pilne'],
  ['ru', 'VPN не работает', 'не работает'],
  ['ru', 'Авария на складе', 'авария'],
  ['ru', 'Срочно нужен доступ', 'срочно'],
  ['uk', 'Пошта не працює', 'не працює'],
  ['de', 'Ausfall des Mailservers', 'ausfall'],
  ['de', 'Der Drucker funktioniert nicht', 'funktioniert nicht'],
  ['de', 'Dringend: Zugang gesperrt', 'dringend'],
  ['es', 'El correo no funciona', 'no funciona'],
  ['es', 'Servidor caído desde las 9', 'caído'],
  ['es', 'Es urgente', 'urgente'],
  ['fr', 'Panne du réseau au siège', 'panne'],
  ['fr', "L'imprimante ne fonctionne pas", 'ne fonctionne pas'],
  ['pt', 'O sistema não funciona', 'não funciona'],
  ['pt', 'Site fora do ar', 'fora do ar'],
  ['it', 'La stampante non funziona', 'non funziona'],
  ['nl', 'De printer werkt niet', 'werkt niet'],
  ['tr', 'Yazıcı çalışmıyor', 'çalışmıyor'],
  ['zh', '我无法登录邮箱', '无法登录'],
  ['zh', '服务器宕机了', '宕机'],
  ['zh', '紧急：网络故障', '紧急'],
  ['ja', 'メールにログインできない', 'ログインできない'],
  ['ja', 'ネットワーク障害が発生', '障害'],
  ['ja', '至急対応お願いします', '至急'],
  ['ko', '서버 장애 발생', '장애'],
];

const NOT_URGENT: [string, string, string][] = [
  ['en', 'No rush, a new mouse would be nice', 'no rush'],
  ['en', 'When you have time, please update my title', 'when you have time'],
  ['en', 'Dark mode would be nice to have', 'nice to have'],
  ['en', 'This is not urgent', 'not urgent'],
  ['pl', 'Nie pilne, ale proszę o nowy monitor', 'nie pilne'],
  ['ru', 'Не срочно, поменяйте мышь', 'не срочно'],
  ['de', 'Kein Eile, neue Tastatur bitte', 'kein eile'],
  ['de', 'Nicht dringend: neues Headset', 'nicht dringend'],
  ['es', 'Sin prisa, cuando puedas', 'sin prisa'],
  ['fr', "Ce n'est pas urgent", "n'est pas urgent"],
  ['pt', 'Sem pressa, obrigado', 'sem pressa'],
  ['it', 'Non è urgente', 'non è urgente'],
  ['nl', 'Geen haast', 'geen haast'],
  ['zh', '不急，有空再处理', '不急'],
  ['ja', '急ぎませんのでよろしく', '急ぎません'],
];

const WIDE: [string, string, string][] = [
  ['en', 'VPN down for the whole office', 'whole office'],
  ['en', 'Everyone is locked out', 'everyone'],
  ['en', 'All users get error 500', 'all users'],
  ['en', 'Nobody can print', 'nobody can'],
  ['pl', 'Cały zespół bez internetu', 'cały zespół'],
  ['pl', 'Wszyscy mają problem z pocztą', 'wszyscy'],
  ['ru', 'Все пользователи не могут войти', 'все пользователи'],
  ['de', 'Alle Mitarbeiter betroffen', 'alle mitarbeiter'],
  ['es', 'Todos los usuarios sin correo', 'todos los usuarios'],
  ['fr', 'Tous les utilisateurs sont bloqués', 'tous les utilisateurs'],
  ['pt', 'Ninguém consegue acessar', 'ninguém consegue'],
  ['it', 'Tutti gli utenti bloccati', 'tutti gli utenti'],
  ['nl', 'Iedereen heeft last', 'iedereen'],
  ['zh', '所有人都打不开网页', '所有人'],
  ['ja', '全員がアクセスできません', '全員'],
];

const NARROW: [string, string, string][] = [
  ['en', 'It is only me who sees this', 'only me'],
  ['en', 'Just me, others are fine', 'just me'],
  ['pl', 'Tylko u mnie nie ładuje się strona', 'tylko u mnie'],
  ['ru', 'Только у меня не открывается', 'только у меня'],
  ['de', 'Nur bei mir langsam', 'nur bei mir'],
  ['zh', '只有我收不到邮件', '只有我'],
];

describe('built-in cues', () => {
  it.each(URGENT)('urgency high (%s): %s', (_lang, text, cue) => {
    const p = decide(text);
    expect(p.urgency).toBe('high');
    expect(cueDetails(text)).toContain(`urgency high: "${cue}" in the text`);
  });

  it.each(NOT_URGENT)('urgency low (%s): %s', (_lang, text, cue) => {
    const p = decide(text);
    expect(p.urgency).toBe('low');
    expect(cueDetails(text)).toContain(`urgency low: "${cue}" in the text`);
  });

  it.each(WIDE)('impact high (%s): %s', (_lang, text, cue) => {
    expect(decide(text).impact).toBe('high');
    expect(cueDetails(text)).toContain(`impact high: "${cue}" in the text`);
  });

  it.each(NARROW)('impact low (%s): %s', (_lang, text, cue) => {
    expect(decide(text).impact).toBe('low');
    expect(cueDetails(text)).toContain(`impact low: "${cue}" in the text`);
  });

  it('covers at least ten languages for every cue class, and the tests above cover ten of them', () => {
    for (const set of [URGENCY_CUES, IMPACT_CUES]) {
      expect(Object.keys(set.high).length).toBeGreaterThanOrEqual(10);
      expect(Object.keys(set.low).length).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(URGENT.map(([l]) => l)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(NOT_URGENT.map(([l]) => l)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(WIDE.map(([l]) => l)).size).toBeGreaterThanOrEqual(10);
  });

  it('has lower-case cues that are not listed twice', () => {
    for (const set of [URGENCY_CUES, IMPACT_CUES]) {
      const all = [...cueList(set.high), ...cueList(set.low), ...cueList(set.neutral)];
      for (const cue of all) expect(cue).toBe(cue.toLowerCase());
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('matches whole words in spaced scripts', () => {
    expect(decide('Download the report').urgency).toBe('medium');
    expect(decide('The productions team needs a seat').urgency).toBe('medium');
    expect(decide('Przepilne?').urgency).toBe('medium');
    expect(decide('Pick from the drop-down list').urgency).toBe('medium');
    expect(decide('Aufallend langsam').urgency).toBe('medium');
    expect(decide('Ever yone').impact).toBe('medium');
  });

  it('reads a negated cue as the negation, not the cue inside it', () => {
    expect(decide('Not urgent at all').urgency).toBe('low');
    expect(decide('不紧急').urgency).toBe('low');
    expect(decide('Es ist nicht dringend').urgency).toBe('low');
  });

  it('lets high win when cues disagree, and says so', () => {
    const p = decide('No rush on the laptop, but the VPN is down');
    expect(p.urgency).toBe('high');
    expect(cueDetails('No rush on the laptop, but the VPN is down')).toEqual([
      'urgency high: "is down" in the text (outweighs "no rush")',
    ]);
    expect(decide('Only me? No: everyone is affected').impact).toBe('high');
  });

  it('finds cues in the description too', () => {
    expect(decide('Printer', 'It does not work and the whole office is waiting').level).toBe('P1');
  });

  it('ignores cues when builtinCues is off', () => {
    const p = decidePriority({
      facts: makeFacts({ summary: 'Outage for everyone' }),
      config: { ...config, builtinCues: false },
      signals: [],
    });
    expect(p.factors.map((f) => f.kind)).toEqual(['default', 'matrix']);
    expect(p.level).toBe('P3');
  });

  it('looks for cues only in the opening of a long text', () => {
    const filler = 'The expense report form shows an error. '.repeat(100);
    expect(decide('Expense report', `${filler} Log: service down`).urgency).toBe('medium');
    expect(decide('Expense report', `It is down. ${filler}`).urgency).toBe('high');
  });
});
