import type { Example } from '../../src/classify';

/** Hand-written multilingual tickets: Polish, Russian and Chinese, 10 per class (access / hardware / billing). */
const BY_LABEL: Record<string, string[]> = {
  access: [
    'Nie mogę się zalogować do VPN',
    'Zapomniałem hasła do konta',
    'Proszę o reset hasła do poczty',
    'Konto zablokowane po trzech próbach logowania',
    'Brak dostępu do folderu sieciowego',
    'Не могу войти в систему, пароль не подходит',
    'Прошу сбросить пароль от почты',
    'Учётная запись заблокирована после неудачных попыток входа',
    '无法登录系统，密码错误',
    '请帮我重置邮箱密码',
  ],
  hardware: [
    'Drukarka na drugim piętrze nie drukuje',
    'Laptop nie włącza się po aktualizacji',
    'Monitor miga i gaśnie',
    'Klawiatura nie działa, kilka klawiszy się zacina',
    'Не работает принтер в бухгалтерии',
    'Ноутбук не включается, экран чёрный',
    'Монитор мигает и гаснет',
    '打印机卡纸，无法打印',
    '笔记本电脑无法开机',
    '显示器闪烁然后黑屏',
  ],
  billing: [
    'Faktura za marzec ma złą kwotę',
    'Proszę o korektę faktury VAT',
    'Podwójne obciążenie karty za subskrypcję',
    'Nie otrzymałem zwrotu pieniędzy za zamówienie',
    'В счёте за март неверная сумма',
    'Прошу вернуть деньги за двойное списание',
    'Не пришёл счёт на оплату подписки',
    '发票金额错误，请更正',
    '信用卡被重复扣款，请退款',
    '订阅费用账单有问题',
  ],
};

export const TOY: Example[] = Object.entries(BY_LABEL).flatMap(([label, texts]) =>
  texts.map((summary) => ({ summary, description: '', label })),
);

/** Held-out tickets in the same three languages, sharing vocabulary (and inflections) with the training set. */
export const TOY_HELD_OUT: Example[] = [
  { summary: 'Nie mogę zalogować się do poczty, hasło nie działa', description: '', label: 'access' },
  { summary: 'Сбросьте, пожалуйста, пароль от VPN', description: '', label: 'access' },
  { summary: '邮箱密码忘记了，无法登录', description: '', label: 'access' },
  { summary: 'Drukarka nie drukuje od rana', description: '', label: 'hardware' },
  { summary: 'Принтер не печатает', description: '', label: 'hardware' },
  { summary: '打印机无法打印文件', description: '', label: 'hardware' },
  { summary: 'Błędna kwota na fakturze', description: '', label: 'billing' },
  { summary: 'Неверная сумма в счёте', description: '', label: 'billing' },
  { summary: '账单金额不对，请退款', description: '', label: 'billing' },
];
