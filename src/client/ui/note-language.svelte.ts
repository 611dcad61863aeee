/**
 * The language of a text several devices write together (a dialogue's notes, a theme's summary, an
 * Open Space session's notes): what the language picker beside it shows, and saving a choice. The
 * language is a last-writer-wins field of the record (src/shared/sync/entities.ts).
 *
 * Until the record has a language, the picker shows the UI language (as the contribution form
 * does), and the first save of the text stores the language shown: written notes always carry one.
 * A language chosen on another device replaces the one shown.
 *
 *     const language = new NoteLanguage(stored, (code) => repo.setLang(id, code, writer()));
 *     $effect(() => language.follow(storedLang));
 *     write: async (text, base) => { const saved = await ...; await language.ensureStored(); return saved; }
 */
import { untrack } from 'svelte';
import { textDirection } from '../../shared/domain/language.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { describeSaveError } from './field-errors.ts';

/** The language text is written in by a reader of `uiLang`: easy-read Swedish ("sv-x-easy") is Swedish. */
export function writtenLanguage(uiLang: string): string {
  return uiLang.split(/-x-/i)[0] || uiLang;
}

export class NoteLanguage {
  /** The language shown in the picker and given to the text area. */
  value = $state('');
  error = $state<string | null>(null);
  #stored: string | undefined;
  readonly #save: (code: string) => Promise<unknown>;

  constructor(stored: string | undefined, save: (code: string) => Promise<unknown>) {
    this.#stored = stored || undefined;
    this.value = stored || writtenLanguage(locale.lang);
    this.#save = save;
  }

  /** Call from an $effect with the language as stored now (it changes when another device chooses). */
  follow(stored: string | undefined): void {
    this.#stored = stored || undefined;
    if (stored && stored !== untrack(() => this.value)) this.value = stored;
  }

  /** The person chose a language (in the picker, or the detector's suggestion). */
  async pick(code: string): Promise<void> {
    this.value = code;
    await this.#store(code);
  }

  /** After the text is saved: store the language shown, if the record has none yet. */
  async ensureStored(): Promise<void> {
    if (!this.#stored) await this.#store(this.value);
  }

  async #store(code: string): Promise<void> {
    try {
      await this.#save(code);
      this.#stored = code;
      this.error = null;
    } catch (error) {
      const described = describeSaveError(error, locale.t);
      this.error = Object.values(described.fields)[0] ?? described.general;
    }
  }
}

/**
 * The `lang` and `dir` attributes of user content whose language may be unknown (notes from before
 * their language was asked): a known language gives both; an unknown one gives no `lang` (the
 * page's stays, or the caller's default) and lets the browser find the direction in the text.
 */
export function langAttributes(
  lang: string | undefined,
  fallback?: string,
): { lang?: string; dir: 'ltr' | 'rtl' | 'auto' } {
  if (lang) return { lang, dir: textDirection(lang) };
  return fallback ? { lang: fallback, dir: 'auto' } : { dir: 'auto' };
}
