/**
 * A text area whose text several devices write at once, offline (a dialogue's notes, a theme's
 * summary), as Svelte state. Saved shortly after typing stops; each save is computed from the text
 * the area was loaded from and merged with what other devices wrote meanwhile (db/text-field.ts),
 * so no one's words are lost, and merged-in lines appear in the area with the caret kept.
 *
 *     const editor = new MergedText({ read, write, field: 'summary' });
 *     onMount(() => editor.start());
 *     $effect(() => editor.follow(stored));   // edits pulled from other devices
 *     <textarea bind:this={editor.area} bind:value={editor.text} oninput={() => editor.typed()}>
 */
import type { TextFieldState } from '../db/text-field.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { describeSaveError } from './field-errors.ts';

const SAVE_DELAY_MS = 500;

export interface MergedTextStore {
  /** The text and merge state as stored on this device. */
  read(): Promise<TextFieldState>;
  /** Save `text`, derived from `base`; returns the merged result. */
  write(text: string, base: string | undefined): Promise<TextFieldState>;
  /** The field a ValidationError names (its message is shown under the area). */
  readonly field: string;
}

export class MergedText {
  text = $state('');
  loaded = $state(false);
  status = $state<'idle' | 'saving' | 'saved' | 'merged'>('idle');
  error = $state<string | null>(null);
  area = $state<HTMLTextAreaElement>();
  /** The merge state the area's text is derived from (see text-field.ts). */
  #base: string | undefined;
  /** The text as last loaded or saved: when `text` differs, the person has typed since. */
  #synced = $state('');
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #store: MergedTextStore;

  constructor(store: MergedTextStore) {
    this.#store = store;
  }

  /** Load, and save what is still unsaved when the area goes away. Call from onMount. */
  start(): () => void {
    void this.#load();
    return () => {
      if (this.#timer) {
        clearTimeout(this.#timer);
        void this.#save();
      }
    };
  }

  /** Call on every input. */
  typed(): void {
    this.status = 'idle';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#save(), SAVE_DELAY_MS);
  }

  /** Call from an $effect with the text as stored now: takes others' edits in while nobody types here. */
  follow(stored: string): void {
    if (
      this.loaded &&
      stored !== this.#synced &&
      this.text === this.#synced &&
      this.#timer === null &&
      this.status !== 'saving'
    ) {
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    const before = this.text;
    const current = await this.#store.read();
    // Typed while loading: keep it; the next save merges it with what was stored.
    if (this.loaded && this.text !== before) return;
    this.text = current.text;
    this.#synced = current.text;
    this.#base = current.state;
    this.loaded = true;
  }

  async #save(): Promise<void> {
    this.#timer = null;
    this.status = 'saving';
    try {
      const typed = this.text;
      const result = await this.#store.write(typed, this.#base);
      this.error = null;
      if (this.text !== typed) {
        // Typing went on during the save: the area still derives from our own edit only.
        this.#base = result.own ?? result.state;
        this.#synced = typed;
        this.status = 'idle';
      } else if (result.text !== typed) {
        // Lines from another device were merged in: show them, keeping the caret where it was.
        const caret = this.area?.selectionStart ?? result.text.length;
        this.#base = result.state;
        this.text = result.text;
        this.#synced = result.text;
        queueMicrotask(() => this.area?.setSelectionRange(caret, caret));
        this.status = 'merged';
      } else {
        this.#base = result.state;
        this.#synced = result.text;
        this.status = 'saved';
      }
    } catch (e) {
      const described = describeSaveError(e, locale.t);
      this.error = described.fields[this.#store.field] ?? described.general;
      this.status = 'idle';
    }
  }
}
