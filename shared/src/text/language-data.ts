/**
 * Vote words per language (ISO 639-1) for the fast Latin-script vote in language.ts: function words (short,
 * frequent, mostly particular to one language), then service-desk vocabulary (greetings, thanks, "password",
 * "access"), which carries terse tickets that have few function words ("hi cannot access shared folder
 * thanks"). A word several languages share counts for each of them.
 */
export const VOTE_WORDS: Readonly<Record<string, string>> = {
  en: `the and is are was were to of for with not cannot can't don't doesn't didn't isn't won't this that it i my
    we our you your please when after from have has had does be been on at an or but there how what which should
    would will since again all any into could only also new do
    hi hello dear thanks thank regards kindly help need issue unable working received attached following request
    approve approval required able password account user users email laptop printer access meeting
    in by if as so up out fails failed failing fix fixed update upgrade support using use`,
  de: `der die das und ist nicht ich wir sie es ein eine einen einem mit für von zu auf bei kann können wird werden
    bitte seit nach auch noch wie beim im am dem den des sich mein meine kein keine funktioniert geht habe hat
    wenn aber oder ganzen neuen neue beim über wurde sind
    hallo danke fehler zugriff passwort kennwort drucker anmeldung konto benutzer dringend gruß grüße freundlichen`,
  fr: `de le la les des du un une est et ne pas je nous vous il elle sur dans pour avec par que qui au aux mon ma mes
    ce cette depuis après peut plus merci quand comment ai encore très tout toute nouveau nouvel sont été
    bonjour merci erreur accès passe imprimante compte utilisateur cordialement besoin impossible`,
  es: `de a el la los las del que y en un una es no por para con se su al lo mi desde puedo cuando está como pero muy
    tras otra vez hay necesito cómo qué nuevo nueva funciona puede
    hola gracias acceso contraseña impresora cuenta usuario saludos ayuda favor`,
  pt: `de a o os as do da dos das no na nos nas em um uma é e não que com para por se ao meu minha está estão consigo
    depois quando mais muito como preciso novo nova funciona desde
    olá obrigado obrigada acesso senha impressora conta usuário ajuda favor`,
  it: `a il lo la gli le di del della che e è non un una per con su da nel nella sono ho mio mia quando dopo come più
    anche ancora funziona posso nuovo nuova
    ciao grazie accesso errore stampante utente aiuto saluti`,
  nl: `de het een en is niet ik wij we van voor met op aan dat die bij naar kan kunnen geen mijn ook nog wordt werkt
    sinds na graag
    bedankt dank toegang wachtwoord fout gebruiker groet`,
  pl: `nie się w z do na i jest to że od po dla jak mogę może mi mnie przy czy ale lub oraz już jeszcze proszę ten
    ta tego tym był była było nowy nowego działa bardzo co o znowu
    dzień dobry dziękuję hasło dostęp błąd drukarka konto użytkownik pomoc pozdrawiam`,
  cs: `je se na v ve z ze do a to že není nejde mi mě pro při jak ale nebo už ještě prosím nelze nefunguje po od k
    u s
    dobrý den děkuji heslo přístup chyba tiskárna účet uživatel`,
  sv: `och är inte jag vi det en ett att som på för med av till kan har den min mitt efter när fungerar
    hej tack lösenord åtkomst fel skrivare konto användare`,
  tr: `ve bir bu da de için ile değil çok ne ben biz olarak sonra gibi daha var yok mi ama veya`,
  id: `yang dan di ke dari ini itu tidak saya kami untuk dengan pada adalah bisa akan sudah belum setelah juga atau`,
  ro: `și în nu este sunt pe la cu de un o care pentru din mai după sau să se am`,
  hu: `a az és nem is egy hogy van meg de már még csak ha mert után vagy nincs ez`,
  vi: `không của và là có được tôi cho này với một các những trong khi sau đã bị`,
};

/** Letters that (almost) only one of the voting languages uses. */
export const LETTER_HINTS: Readonly<Record<string, string>> = {
  pl: 'łąęźżśńć',
  de: 'ß',
  es: 'ñ¿¡',
  pt: 'ãõ',
  fr: 'œ',
  cs: 'řůě',
  hu: 'őű',
  ro: 'șță',
  tr: 'ğış',
  sv: 'å',
};

/** franc's ISO 639-3 codes -> ISO 639-1. */
export const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ces: 'cs',
  swe: 'sv',
  tur: 'tr',
  ind: 'id',
  ron: 'ro',
  hun: 'hu',
  vie: 'vi',
  hrv: 'hr',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  kaz: 'kk',
};

/** Latin-script languages franc may answer with when the vote is undecided (its other ones are unlikely here). */
export const FRANC_LATIN = [
  'eng',
  'deu',
  'fra',
  'spa',
  'por',
  'ita',
  'nld',
  'pol',
  'ces',
  'swe',
  'tur',
  'ind',
  'ron',
  'hun',
  'vie',
  'hrv',
];
export const FRANC_CYRILLIC = ['rus', 'ukr', 'bel', 'bul', 'srp', 'kaz'];
