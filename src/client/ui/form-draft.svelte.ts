/**
 * A form's values, autosaved to IndexedDB as they are typed, so that a reload, an app update or a
 * flat battery loses nothing. Saved shortly after each change, and at once before an update reload
 * and when the page is hidden.
 */
import type { DraftRepository } from '../db/draft-repository.ts';
import { pwa } from '../pwa/pwa-state.svelte.ts';

const SAVE_DELAY_MS = 200;

export class FormDraft<T extends Record<string, string>> {
  values: T;
  #restored = $state(false);
  readonly #repo: DraftRepository;
  readonly #key: string;
  readonly #empty: T;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> = Promise.resolve();

  constructor(repo: DraftRepository, key: string, empty: T) {
    this.#repo = repo;
    this.#key = key;
    this.#empty = empty;
    this.values = $state({ ...empty });
  }

  /** True when the values came back from a saved draft (the form says so). */
  get restored(): boolean {
    return this.#restored;
  }

  /** Load a saved draft, then keep saving. Returns a function that stops (call it on unmount). */
  start(): () => void {
    void this.#repo.get(this.#key).then((draft) => {
      if (!draft) return;
      const merged = { ...this.#empty };
      for (const name of Object.keys(merged)) {
        const saved = draft.values[name];
        if (typeof saved === 'string') (merged as Record<string, string>)[name] = saved;
      }
      // Keep anything typed while the draft was loading. A field still at its initial value (the
      // form's default language, say) was not typed in: the saved value wins.
      for (const [name, value] of Object.entries(this.values)) {
        if (value !== '' && value !== this.#empty[name]) (merged as Record<string, string>)[name] = value;
      }
      this.values = merged;
      this.#restored = Object.values(merged).some((value) => value !== '');
    });
    const unhook = pwa.beforeUpdate(() => this.flush());
    const onHide = () => void this.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      unhook();
      window.removeEventListener('pagehide', onHide);
      void this.flush();
    };
  }

  /** Call after every change of `values`. */
  changed(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Save now (waits for any save already under way). */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const snapshot = $state.snapshot(this.values) as Record<string, string>;
    const isEmpty = Object.values(snapshot).every((value) => value === '');
    this.#saving = this.#saving
      .then(() => (isEmpty ? this.#repo.clear(this.#key) : this.#repo.save(this.#key, snapshot)))
      .catch((error: unknown) => console.error('Could not save the draft', error));
    return this.#saving;
  }

  /** The form was submitted: forget the draft and empty the fields. */
  async clear(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.values = { ...this.#empty };
    this.#restored = false;
    await this.#saving;
    await this.#repo.clear(this.#key);
  }
}
