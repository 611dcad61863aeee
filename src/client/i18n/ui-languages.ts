/**
 * The languages the app's own text ships in. Swedish is the source and the last fallback; each
 * language has its own fallback chain (e.g. Dari → Persian → Swedish) for keys it lacks.
 */
import { textDirection } from '../../shared/domain/language.ts';

export interface UiLanguage {
  readonly code: string;
  /** The language's name in itself. */
  readonly autonym: string;
  readonly dir: 'ltr' | 'rtl';
  /** Languages to fall back on, in order, before Swedish. */
  readonly fallback: readonly string[];
}

function uiLanguage(code: string, autonym: string, fallback: readonly string[] = []): UiLanguage {
  return { code, autonym, dir: textDirection(code), fallback };
}

export const SOURCE_LANGUAGE = 'sv';

export const UI_LANGUAGES: readonly UiLanguage[] = [
  uiLanguage('sv', 'Svenska'),
  uiLanguage('en', 'English'),
  uiLanguage('ar', 'العربية'),
];

export function findUiLanguage(code: string): UiLanguage | undefined {
  return UI_LANGUAGES.find((l) => l.code === code);
}

/** The first of the device's preferred languages that the app ships, else Swedish. */
export function pickUiLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const exact = findUiLanguage(tag);
    if (exact) return exact.code;
    const base = findUiLanguage(tag.split('-')[0]?.toLowerCase() ?? '');
    if (base) return base.code;
  }
  return SOURCE_LANGUAGE;
}
