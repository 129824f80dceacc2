import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import enUS from '../locales/en-US.json';
import zhCN from '../locales/zh-CN.json';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'gz.lang';
const COOKIE = 'gz_lang';

const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en-US';

function storedLocale(): Locale | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** True when the user picked a language on this browser (then the account's saved locale does not override). */
export const hasStoredLocale = (): boolean => storedLocale() !== undefined;

function applySideEffects(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  // The server translates its messages by this cookie (docs/API.md "Errors").
  document.cookie = `${COOKIE}=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}

export const i18n = i18next.createInstance();

const initial: Locale = storedLocale() ?? 'zh-CN';
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applySideEffects(initial);

// Module pages bring their own texts (`src/modules/<name>/ui/locales/<locale>.json` or `<feature>.<locale>.json`); they are merged into the
// console's namespace without overwriting console keys.
const moduleBundles = import.meta.glob<Record<string, unknown>>('../../modules/*/ui/locales/*.json', {
  eager: true,
  import: 'default',
});
for (const [file, bundle] of Object.entries(moduleBundles)) {
  const locale = /[/.]([a-z]{2}-[A-Z]{2})\.json$/.exec(file)?.[1];
  if (isLocale(locale)) i18n.addResourceBundle(locale, 'translation', bundle, true, false);
}

/** The current console language. */
export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');

/** Switches the console language: i18next, dayjs, the `gz_lang` cookie, and localStorage when `remember`. */
export async function setLocale(locale: Locale, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode: the cookie still carries the choice for this session.
    }
  }
  applySideEffects(locale);
  await i18n.changeLanguage(locale);
}
