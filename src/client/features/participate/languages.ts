/**
 * The languages a participant may choose: the app's own (all 27: the participant's pages are in
 * each, in the order of uiLanguagesInOrder), and every language the dialogue's question has been
 * translated into. Choosing an app language also switches the app to it.
 */
import { latestByLanguage, type Translation } from '../../../shared/domain/translation.ts';
import { textDirection } from '../../../shared/domain/language.ts';
import { QUESTION_LANG, type Dialogue } from '../../../shared/domain/dialogue.ts';
import { uiLanguagesInOrder } from '../../i18n/ui-languages.ts';

export interface OfferedLanguage {
  readonly code: string;
  /** The language's name in itself; the code when the browser knows no name for it. */
  readonly autonym: string;
  readonly dir: 'ltr' | 'rtl';
}

export function autonym(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code; // An unknown or malformed code is shown as itself.
  }
}

export function offeredLanguages(questionTranslations: ReadonlyMap<string, Translation>): OfferedLanguage[] {
  const out: OfferedLanguage[] = uiLanguagesInOrder().map((l) => ({
    code: l.code,
    autonym: l.autonym,
    dir: l.dir,
  }));
  for (const code of questionTranslations.keys()) {
    if (!out.some((l) => l.code === code))
      out.push({ code, autonym: autonym(code), dir: textDirection(code) });
  }
  return out;
}

/** The question in `lang`: its translation when there is one, else the Swedish original. */
export function questionIn(
  dialogue: Pick<Dialogue, 'id' | 'question'>,
  translations: readonly Translation[],
  lang: string,
): { readonly text: string; readonly lang: string; readonly translated: boolean } {
  if (lang === QUESTION_LANG) return { text: dialogue.question, lang, translated: true };
  const translation = latestByLanguage(translations, dialogue.id, 'question').get(lang);
  return translation
    ? { text: translation.text, lang, translated: true }
    : { text: dialogue.question, lang: QUESTION_LANG, translated: false };
}
