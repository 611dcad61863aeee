/**
 * The app's current language as Svelte state. Views call `locale.t(key)`; reading `t` subscribes the
 * view to language changes, so switching language re-renders every text without a reload.
 */
import type { CustomTypeOptions, i18n as I18n, TFunction } from 'i18next';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/tenant.ts';
import { createI18n, loadLanguage, SHELL_NAMESPACES } from './i18n.ts';
import { findUiLanguage, pickUiLanguage, SOURCE_LANGUAGE } from './ui-languages.ts';

const STORAGE_KEY = 'delaktig.language';

/** Every namespace, so that `t('accounts:signIn.heading')` is a typed key too. */
export type AppNamespaces = (keyof CustomTypeOptions['resources'])[];
export type Translate = TFunction<AppNamespaces>;

class Locale {
  #i18n: I18n | null = null;
  #lang = $state(SOURCE_LANGUAGE);
  /** The namespaces loaded so far: a language switch loads these in the new language. */
  readonly #namespaces = new Set(SHELL_NAMESPACES);

  get lang(): string {
    return this.#lang;
  }

  get dir(): 'ltr' | 'rtl' {
    return findUiLanguage(this.#lang)?.dir ?? 'ltr';
  }

  get t(): Translate {
    void this.#lang; // Subscribes the caller to language changes.
    if (!this.#i18n) throw new Error('locale.t used before locale.init()');
    return this.#i18n.t as unknown as Translate;
  }

  /** The remembered choice, else the device's language when the app ships it, else Swedish. */
  async init(): Promise<void> {
    const remembered = readRemembered();
    const lang = remembered && findUiLanguage(remembered) ? remembered : pickUiLanguage(navigator.languages);
    this.#i18n = await createI18n(lang);
    this.#apply(lang);
  }

  async set(code: string): Promise<void> {
    if (!this.#i18n || !findUiLanguage(code)) throw new Error(`Not a language of the app: ${code}`);
    await loadLanguage(this.#i18n, code, [...this.#namespaces]);
    await this.#i18n.changeLanguage(code);
    remember(code);
    this.#apply(code);
  }

  /**
   * Load a feature's namespaces (in the current language and its fallbacks) before its screens
   * show; every language switch after this loads them too. Precached, so this works offline.
   */
  async ensure(namespaces: readonly string[]): Promise<void> {
    if (!this.#i18n) throw new Error('locale.ensure used before locale.init()');
    for (const namespace of namespaces) this.#namespaces.add(namespace);
    await loadLanguage(this.#i18n, this.#lang, namespaces);
  }

  #apply(code: string): void {
    this.#lang = code;
    document.documentElement.lang = code;
    document.documentElement.dir = this.dir;
  }

  /** A UTC ISO time shown in the municipality's time zone, in the app's language. */
  dateTime(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
    return new Intl.DateTimeFormat(this.#lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );
  }

  /** A byte count as "12.3 MB" in the app's language. */
  bytes(count: number): string {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let value = count;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return new Intl.NumberFormat(this.#lang, {
      style: 'unit',
      unit: units[unit],
      maximumFractionDigits: 1,
    }).format(value);
  }
}

function readRemembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch (error) {
    // Storage can be blocked (private mode, policy): the app still works, it just forgets.
    console.warn('Could not read the remembered language', error);
    return null;
  }
}

function remember(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch (error) {
    console.warn('Could not remember the language', error);
  }
}

export const locale = new Locale();
