/**
 * A transliterating input method: Latin keys typed one at a time become another script, a
 * sequence at a time ("s" → "ስ", then "e" turns it into "ሰ"). The tables come from the Geʾez
 * Frontier Foundation's keyboards through @keywrite/ethiopic-input-methods (generated into
 * src/client/i18n/generated/ethiopic-input.json); this is only the engine that walks them, with
 * the same rule as that library: a key extends the sequence typed so far when the table has the
 * longer sequence, and starts a new one otherwise.
 */

/** Typed Latin sequence → text in the target script. */
export type TransliterationTable = Readonly<Record<string, string>>;

export interface Edit {
  /** How many characters right before the caret to replace (what the sequence produced so far). */
  readonly replace: number;
  readonly text: string;
}

export class Transliterator {
  readonly #table: TransliterationTable;
  #typed = '';
  #produced = '';

  constructor(table: TransliterationTable) {
    this.#table = table;
  }

  #lookup(sequence: string): string | undefined {
    return Object.hasOwn(this.#table, sequence) ? this.#table[sequence] : undefined;
  }

  /** One key typed at the caret. */
  type(key: string): Edit {
    const longer = this.#typed ? this.#lookup(this.#typed + key) : undefined;
    if (longer !== undefined) {
      const edit = { replace: this.#produced.length, text: longer };
      this.#typed += key;
      this.#produced = longer;
      return edit;
    }
    const single = this.#lookup(key);
    if (single !== undefined) {
      this.#typed = key;
      this.#produced = single;
      return { replace: 0, text: single };
    }
    this.reset();
    return { replace: 0, text: key };
  }

  /** Forget the sequence: the caret moved, or something other than a typed key changed the text. */
  reset(): void {
    this.#typed = '';
    this.#produced = '';
  }
}

/** What typing `keys` one by one into an empty field gives. */
export function transliterate(table: TransliterationTable, keys: string): string {
  const input = new Transliterator(table);
  let text = '';
  for (const key of keys) {
    const edit = input.type(key);
    text = text.slice(0, text.length - edit.replace) + edit.text;
  }
  return text;
}
