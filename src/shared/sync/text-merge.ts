/**
 * Free text that several people edit offline at once, merged with Yjs (a CRDT): every sentence
 * typed on any device ends up in the result. Kept apart from merge.ts so that the browser loads
 * Yjs only when a text field is edited or arrives.
 *
 * A text field is a Y.Doc whose Y.Text is named "text". Devices send Yjs updates, base64 in JSON.
 */
import * as Y from 'yjs';
import type { TextMerger } from './merge.ts';

const TEXT = 'text';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const yjsTextMerger: TextMerger = {
  merge(updates) {
    return toBase64(Y.mergeUpdates(updates.map(fromBase64)));
  },
  text(update) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(update));
    const text = doc.getText(TEXT).toString();
    doc.destroy();
    return text;
  },
};

/**
 * A text field being edited on this device. `replace` turns a whole new value (what a textarea
 * holds) into the smallest Yjs edit from the current text, so concurrent edits elsewhere survive.
 */
export class TextFieldDoc {
  readonly #doc: Y.Doc;

  constructor(state?: string) {
    this.#doc = new Y.Doc();
    if (state) Y.applyUpdate(this.#doc, fromBase64(state));
  }

  get text(): string {
    return this.#doc.getText(TEXT).toString();
  }

  /** Apply a merged state from elsewhere (a pull). */
  apply(state: string): void {
    Y.applyUpdate(this.#doc, fromBase64(state));
  }

  /** Edit towards `next`; returns the Yjs update (base64) of this edit, or null if nothing changed. */
  replace(next: string): string | null {
    const current = this.text;
    if (current === next) return null;
    let start = 0;
    while (start < current.length && start < next.length && current[start] === next[start]) start++;
    let endCurrent = current.length;
    let endNext = next.length;
    while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
      endCurrent--;
      endNext--;
    }
    const before = Y.encodeStateVector(this.#doc);
    const text = this.#doc.getText(TEXT);
    this.#doc.transact(() => {
      if (endCurrent > start) text.delete(start, endCurrent - start);
      if (endNext > start) text.insert(start, next.slice(start, endNext));
    });
    return toBase64(Y.encodeStateAsUpdate(this.#doc, before));
  }

  /** The whole state, base64 (for storing beside the record). */
  state(): string {
    return toBase64(Y.encodeStateAsUpdate(this.#doc));
  }
}
