/**
 * Built-in multilingual urgency and impact cues. Ours, fixed and reviewed, so the built-in RegExp is safe here
 * (admin patterns go through RE2 in rules/). Cues are lower-case. A trailing `*` marks a stem for inflected
 * languages (`awari*` matches awaria, awarii, awarię). Words in scripts written without spaces (Chinese,
 * Japanese, Korean) match anywhere; everything else matches whole words only, with Unicode-aware boundaries.
 *
 * Negated and false-friend phrases are cues too: `not urgent` is an urgency-low cue, and `drop-down` is a
 * neutral one, so the scan consumes them before `urgent` or `down` can match inside them.
 */

export type CueClass = 'high' | 'low' | 'neutral';

/** Language code (ISO 639-1) -> cues separated by `|`: one line per language keeps the lists reviewable. */
export type CuesByLanguage = Readonly<Record<string, string>>;

export interface CueSet {
  high: CuesByLanguage;
  low: CuesByLanguage;
  /** False friends, consumed and ignored (`drop-down` is not `down`). */
  neutral: CuesByLanguage;
}

export const cueList = (byLanguage: CuesByLanguage): string[] => Object.values(byLanguage).flatMap((s) => s.split('|'));

/** Urgency: how soon it must be fixed. */
export const URGENCY_CUES: CueSet = {
  high: {
    en: "outage|down|is down|went down|cannot log in|cannot login|can't log in|can't login|cant login|cant log in|unable to log in|unable to login|unable to sign in|cannot sign in|can't sign in|urgent|urgently|asap|emergency|critical|production|prod|not working|doesn't work|does not work|stopped working|security breach|data breach|breach|ransomware|hacked|compromised|immediately",
    pl: 'awari*|nie działa|nie działają|przestał działać|przestała działać|pilne|pilnie|natychmiast|nie mogę się zalogować|nie można się zalogować|produkcj*',
    ru: 'не работает|не работают|перестал работать|авари*|срочно|срочн*|сбой|не могу войти|не могу зайти|упал|упала|упало|лежит|продакшн|взлом*',
    uk: 'не працює|не працюють|терміново|термінов*|аварія|збій|не можу увійти',
    de: 'ausfall|ausgefallen|funktioniert nicht|geht nicht|dringend|störung|notfall|kann mich nicht anmelden|sofort',
    es: 'no funciona|caído|caída|caido|caida|urgente|urgencia|emergencia|no puedo iniciar sesión|no puedo entrar|interrupción|producción',
    fr: 'panne|en panne|ne fonctionne pas|ne marche pas|urgence|impossible de se connecter|je ne peux pas me connecter|interruption',
    pt: 'não funciona|nao funciona|fora do ar|parado|não consigo entrar|não consigo fazer login|não consigo acessar|produção',
    it: 'non funziona|guasto|bloccato|non riesco ad accedere|interruzione|produzione',
    nl: 'werkt niet|storing|kan niet inloggen|spoed',
    tr: 'çalışmıyor|acil|kesinti|giriş yapamıyorum',
    zh: '无法登录|不能登录|登录不了|登不上|宕机|紧急|故障|瘫痪|崩溃|无法访问|挂了|不能用|无法使用|生产环境',
    ja: 'ログインできない|ログインできません|障害|至急|緊急|ダウン|使えない|動かない',
    ko: '장애|긴급|로그인이 안|로그인 안|작동하지 않|먹통',
  },
  low: {
    en: 'no rush|no hurry|not urgent|not critical|no urgency|when you have time|when you get a chance|whenever you can|nice to have|low priority|at your convenience|not a priority',
    pl: 'nie pilne|niepilne|nie jest pilne|bez pośpiechu|kiedy będzie czas|w wolnej chwili',
    ru: 'не срочно|не срочный|не к спеху|когда будет время|не горит',
    uk: 'не терміново|коли буде час',
    de: 'keine eile|kein eile|nicht dringend|wenn zeit ist|wenn sie zeit haben|bei gelegenheit',
    es: 'no es urgente|no urgente|sin prisa|cuando tengas tiempo|cuando puedas',
    fr: "pas urgent|n'est pas urgent|sans urgence|quand vous aurez le temps|rien ne presse",
    pt: 'não é urgente|nao e urgente|sem pressa|quando puder',
    it: 'non urgente|non è urgente|senza fretta|con calma',
    nl: 'geen haast|niet dringend|niet urgent',
    tr: 'acil değil|acele yok',
    zh: '不急|不紧急|有空时|有空的时候',
    ja: '急ぎません|急ぎではない|急ぎではありません|時間があるときに|お手すきの際に',
    ko: '급하지 않',
  },
  neutral: {
    en: 'drop-down|drop down|dropdown|slow down|scroll down|write down|down arrow|down payment|count down|narrow down|step down|pre-production|non-production|not production|no emergency|prod-like',
  },
};

/** Impact: how many people or how much of the business it affects. */
export const IMPACT_CUES: CueSet = {
  high: {
    en: 'whole office|entire office|everyone|everybody|all users|all staff|all employees|all customers|nobody can|no one can|noone can|entire company|whole company|company-wide|company wide|entire team|whole team|whole department|entire department|all of us|multiple users|many users|several users',
    pl: 'cały zespół|całe biuro|cała firma|całej firmy|całego biura|wszyscy|nikt nie może|nikt nie jest w stanie',
    ru: 'все пользователи|всех пользователей|у всех|весь офис|всего офиса|вся компания|всей компании|никто не может|все сотрудники',
    uk: 'всі користувачі|у всіх|весь офіс|ніхто не може',
    de: 'alle benutzer|alle nutzer|alle mitarbeiter|alle kollegen|ganze büro|ganzen büro|ganze firma|ganzen firma|niemand kann',
    es: 'todos los usuarios|toda la oficina|toda la empresa|todo el equipo|nadie puede',
    fr: "tous les utilisateurs|tout le bureau|toute l'entreprise|toute l'équipe|personne ne peut|tout le monde",
    pt: 'todos os usuários|todos os utilizadores|todo o escritório|toda a empresa|ninguém consegue|ninguém pode',
    it: "tutti gli utenti|tutto l'ufficio|tutta l'azienda|nessuno riesce|nessuno può",
    nl: 'alle gebruikers|hele kantoor|hele bedrijf|niemand kan|iedereen',
    tr: 'tüm kullanıcılar|herkes',
    zh: '所有人|所有用户|全公司|整个办公室|整个公司|大家都|全部用户',
    ja: '全員|全社|全ユーザー|誰も|みんな',
    ko: '모든 사용자|전체 직원|전사',
  },
  low: {
    en: 'only me|just me|one user|only my|only for me|only affects me|single user|just my',
    pl: 'tylko ja|tylko u mnie|tylko mnie',
    ru: 'только у меня|только я|только мне',
    uk: 'тільки у мене|тільки я',
    de: 'nur ich|nur bei mir|nur mich',
    es: 'solo yo|solo a mí|solo a mi|sólo yo|solo me pasa a mí',
    fr: 'seulement moi|juste moi|que moi|uniquement moi',
    pt: 'só eu|apenas eu|só comigo|apenas comigo',
    it: 'solo io|solo a me',
    nl: 'alleen ik|alleen bij mij',
    tr: 'sadece ben|sadece bende',
    zh: '只有我|仅我',
    ja: '私だけ|自分だけ',
    ko: '저만|나만',
  },
  neutral: {},
};
