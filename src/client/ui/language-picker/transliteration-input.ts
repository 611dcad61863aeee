/**
 * An on-screen-keyboard-free way to write Tigrinya and Amharic: while it is on, Latin keys typed
 * into a text field become Geʾez script (src/shared/languages/transliteration.ts). The tables are
 * their own chunk, loaded when the input method is first turned on.
 *
 * It works on `beforeinput` with plain typed characters (hardware keyboards, and on-screen
 * keyboards that do not compose words); text pasted, or composed by an on-screen keyboard's word
 * prediction, goes in unchanged.
 */
import { Transliterator, type TransliterationTable } from '../../../shared/languages/transliteration.ts';

interface InputMethodsFile {
  readonly methods: Readonly<Record<string, TransliterationTable>>;
}

const files = import.meta.glob<InputMethodsFile>('../../i18n/generated/ethiopic-input.json', {
  import: 'default',
});

/** Languages with an input method: Tigrinya and Amharic. */
export const INPUT_METHOD_LANGUAGES: readonly string[] = ['ti', 'am'];

export function inputMethodFor(code: string): string | undefined {
  const base = code.split('-')[0]?.toLowerCase() ?? '';
  return INPUT_METHOD_LANGUAGES.includes(base) ? base : undefined;
}

export async function loadTable(language: string): Promise<TransliterationTable> {
  const load = Object.values(files)[0];
  if (!load) throw new Error('The input method tables are missing from the build');
  const table = (await load()).methods[language];
  if (!table) throw new Error(`No input method for ${language}`);
  return table;
}

/** Transliterate what is typed into `field` until the returned function is called. */
export function attachTransliteration(
  field: HTMLInputElement | HTMLTextAreaElement,
  table: TransliterationTable,
): () => void {
  const input = new Transliterator(table);
  // Where our last edit left the caret: typing anywhere else starts a new sequence.
  let caret = -1;

  const onbeforeinput = (event: InputEvent) => {
    if (event.inputType !== 'insertText' || !event.data || event.isComposing) {
      input.reset();
      caret = -1;
      return;
    }
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    if (start !== end || start !== caret) input.reset();
    event.preventDefault();
    let before = field.value.slice(0, start);
    for (const key of event.data) {
      const edit = input.type(key);
      before = before.slice(0, before.length - edit.replace) + edit.text;
    }
    field.value = before + field.value.slice(end);
    field.setSelectionRange(before.length, before.length);
    caret = before.length;
    // The field's owner (Svelte's bind:value, the draft) hears of the change as of any typing.
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const forget = () => {
    input.reset();
    caret = -1;
  };

  const element: HTMLElement = field; // One event map for both kinds of field.
  element.addEventListener('beforeinput', onbeforeinput);
  element.addEventListener('blur', forget);
  return () => {
    element.removeEventListener('beforeinput', onbeforeinput);
    element.removeEventListener('blur', forget);
  };
}
