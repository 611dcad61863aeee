import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { graphemeCount, normalizeText } from '../../../../src/shared/validation/text.ts';
import { parseOrThrow, requiredText, ValidationError } from '../../../../src/shared/validation/fields.ts';

describe('text rules', () => {
  it('counts an emoji with a skin tone, a family emoji and a flag as one character each', () => {
    expect(graphemeCount('👍🏽')).toBe(1);
    expect(graphemeCount('👨‍👩‍👧')).toBe(1);
    expect(graphemeCount('🇸🇪')).toBe(1);
    expect('👍🏽'.length).toBe(4);
  });

  it('counts a letter with a combining accent as one character', () => {
    expect(graphemeCount('e\u0301')).toBe(1);
    expect(graphemeCount('ትግርኛ')).toBe(4);
  });

  it('stores text in NFC so that the same word is the same bytes', () => {
    expect(normalizeText('Bora\u0308nge')).toBe('Boränge');
    expect(normalizeText('Bora\u0308nge')).not.toBe('Bora\u0308nge');
  });

  it('accepts exactly the limit in graphemes and refuses one more', () => {
    const schema = v.object({ text: requiredText(3) });
    expect(parseOrThrow(schema, { text: '👍🏽👍🏽👍🏽' }).text).toBe('👍🏽👍🏽👍🏽');
    expect(() => parseOrThrow(schema, { text: '👍🏽👍🏽👍🏽👍🏽' })).toThrow(ValidationError);
  });

  it('reports blank and too long text as field error codes with the limit', () => {
    const schema = v.object({ title: requiredText(5), question: requiredText(2) });
    try {
      parseOrThrow(schema, { title: '   ', question: 'abc' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        { field: 'title', code: 'required' },
        { field: 'question', code: 'tooLong', max: 2 },
      ]);
    }
  });

  it('trims and normalises what it returns', () => {
    const schema = v.object({ title: requiredText(50) });
    expect(parseOrThrow(schema, { title: '  Bora\u0308nge  ' }).title).toBe('Boränge');
  });
});
