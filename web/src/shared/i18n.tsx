// The pages' texts, through i18next: Chinese (zh-CN) first, English a click away, the choice kept in
// localStorage. Each page registers its own namespace of messages (`addMessages`) and renders with
// `useT()`, which re-renders the component when the language changes. Money and dates are formatted
// here too: yuan from integer fen without floating point, instants in Beijing time.
import i18next, { TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const KEY = 'marketplace.language';
const TZ = 'Asia/Shanghai';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && (LANGUAGES as string[]).includes(saved)) return saved as Language;
  } catch {
    // Storage refused (private mode): the default.
  }
  return 'zh-CN';
}

const COMMON = {
  'zh-CN': {
    language: '语言',
    switchTo: 'English',
    networkError: '无法连接服务器，请检查网络后重试。',
    serverError: '服务器出错了，请稍后重试。',
    loading: '加载中…',
    signIn: '登录',
    signOut: '退出登录',
    email: '邮箱',
    password: '密码',
    signingIn: '正在登录…',
    badCredentials: '邮箱或密码不正确。',
    signInIntro: '站长、县扶贫办工作人员、平台管理员和买家都在这里登录，登录后进入各自的页面。',
    sessionEnded: '登录已过期，请重新登录。',
    noPageForRole: '{{role}}账号没有网页端，请通过接口使用。',
    takingYouTo: '正在前往您的页面…',
    openYourPage: '打开您的页面',
    tryAgain: '重试',
    save: '保存',
    cancel: '取消',
    close: '关闭',
    skipToContent: '跳到主要内容',
    required: '必填',
    pages: {
      station: '服务站工作台',
      dashboard: '县扶贫成效',
      admin: '平台管理',
      shop: '乡村好物',
    },
    role: {
      BUYER: '买家',
      STATION_OPERATOR: '服务站站长',
      COUNTY_OFFICIAL: '县扶贫办工作人员',
      ADMIN: '平台管理员',
      LENDER: '放贷机构（农村信用社）',
      MERCHANT: '商家（供货企业）',
    },
    errors: {
      UNAUTHENTICATED: '登录已过期，请重新登录。',
      FORBIDDEN: '您的账号无权进行这个操作。',
      NOT_FOUND: '没有找到，可能已被删除。',
      RATE_LIMITED: '尝试次数太多，请稍后再试。',
      INVALID_STATE: '现在无法进行这个操作：',
      CONFLICT: '数据已被他人修改，请刷新后再试：',
      INSUFFICIENT_STOCK: '库存不足，请减少数量后再试：',
    },
  },
  en: {
    language: 'Language',
    switchTo: '中文',
    networkError: 'The server could not be reached. Check the connection and try again.',
    serverError: 'The server failed. Try again in a moment.',
    loading: 'Loading…',
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'Email',
    password: 'Password',
    signingIn: 'Signing in…',
    badCredentials: 'The email or password is wrong.',
    signInIntro: 'Station operators, county officials, admins and buyers all sign in here, and land on their own page.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    noPageForRole: 'There is no web page for a {{role}} account; use the API.',
    takingYouTo: 'Taking you to your page…',
    openYourPage: 'Open your page',
    tryAgain: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    skipToContent: 'Skip to content',
    required: 'required',
    pages: {
      station: 'Station work',
      dashboard: 'County impact',
      admin: 'Administration',
      shop: 'Village produce',
    },
    role: {
      BUYER: 'buyer',
      STATION_OPERATOR: 'station operator',
      COUNTY_OFFICIAL: 'county official',
      ADMIN: 'admin',
      LENDER: 'lender (credit cooperative)',
      MERCHANT: 'merchant',
    },
    errors: {
      UNAUTHENTICATED: 'Your session has ended; sign in again.',
      FORBIDDEN: 'Your account may not do this.',
      NOT_FOUND: 'Not found; it may have been removed.',
      RATE_LIMITED: 'Too many attempts; try again in a moment.',
      INVALID_STATE: 'This cannot be done now:',
      CONFLICT: 'Someone else changed it; reload and try again:',
      INSUFFICIENT_STOCK: 'Not enough stock; lower the quantity and try again:',
    },
  },
};

i18next.init({
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: LANGUAGES,
  ns: ['common'],
  defaultNS: 'common',
  resources: { 'zh-CN': { common: COMMON['zh-CN'] }, en: { common: COMMON.en } },
  initAsync: false,
  interpolation: { escapeValue: false }, // Preact escapes what it renders.
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export const i18n = i18next;

/** Adds a page's messages as namespace `ns` (the same keys in every language). */
export function addMessages(ns: string, messages: Record<Language, Record<string, unknown>>): void {
  for (const lng of LANGUAGES) i18next.addResourceBundle(lng, ns, messages[lng], true, true);
}

export function currentLanguage(): Language {
  return (i18next.language as Language) ?? 'zh-CN';
}

/** Switches the language of every page and remembers it. */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

/** `t` of namespace `ns` (then common); the component re-renders when the language changes. */
export function useT(ns: string): { t: TFunction; lang: Language } {
  const [lang, setLang] = useState<Language>(currentLanguage());
  useEffect(() => {
    const changed = (l: string) => setLang(l as Language);
    i18next.on('languageChanged', changed);
    return () => i18next.off('languageChanged', changed);
  }, []);
  return { t: i18next.getFixedT(lang, [ns, 'common']), lang };
}

const grouping = new Intl.NumberFormat('en-US');

/** 123456 fen -> "¥1,234.56": exact (integer arithmetic on fen), the same in both languages. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${grouping.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount typed by a person ("12", "12.5", "12.50") as fen, or null. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant in Beijing time: "2026年12月3日 18:05" / "3 Dec 2026, 18:05". */
export function beijingTime(iso: string, lang: Language = currentLanguage()): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TZ, year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    dateTimeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}

/** The language switch: a button naming the other language. */
export function LanguageSwitch() {
  const { t, lang } = useT('common');
  const other: Language = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" class="button button--quiet lang-switch" lang={other} aria-label={`${t('language')}: ${t('switchTo')}`} data-testid="language-switch" onClick={() => setLanguage(other)}>
      {t('switchTo')}
    </button>
  );
}
