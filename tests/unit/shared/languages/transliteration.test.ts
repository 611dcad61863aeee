/**
 * The Tigrinya and Amharic input methods: Latin keys become Geʾez script as the Geʾez Frontier
 * Foundation's keyboards define it (SERA-style: "se" → "ሰ").
 */
import { describe, expect, it } from 'vitest';
import { transliterate, Transliterator } from '../../../../src/shared/languages/transliteration.ts';
import { INPUT_METHODS } from './registry-data.ts';

const ti = INPUT_METHODS.ti;
const am = INPUT_METHODS.am;

describe('Ethiopic input methods', () => {
  it('exist for Tigrinya and Amharic', () => {
    expect(ti).toBeDefined();
    expect(am).toBeDefined();
  });

  it('turns a consonant and a vowel into one syllable', () => {
    expect(transliterate(ti!, 's')).toBe('ስ');
    expect(transliterate(ti!, 'se')).toBe('ሰ');
    expect(transliterate(ti!, 'su')).toBe('ሱ');
    expect(transliterate(ti!, 'sa')).toBe('ሳ');
    expect(transliterate(am!, 'le')).toBe('ለ');
    expect(transliterate(am!, 'ma')).toBe('ማ');
  });

  it('writes whole words', () => {
    expect(transliterate(ti!, 'selam')).toBe('ሰላም');
    expect(transliterate(ti!, 'tgrNa')).toBe('ትግርኛ');
    expect(transliterate(am!, 'amarNa')).toBe('አማርኛ');
    expect(transliterate(ti!, 'selam selam')).toBe('ሰላም ሰላም');
  });

  it('writes Ethiopic punctuation', () => {
    expect(transliterate(ti!, '::')).toBe('።');
    expect(transliterate(ti!, ',')).toBe('፣');
  });

  it('starts afresh after a reset (the caret moved)', () => {
    const input = new Transliterator(ti!);
    expect(input.type('s')).toEqual({ replace: 0, text: 'ስ' });
    input.reset();
    expect(input.type('e')).toEqual({ replace: 0, text: 'እ' });
    expect(input.type('s')).toEqual({ replace: 0, text: 'ስ' });
    expect(input.type('e')).toEqual({ replace: 1, text: 'ሰ' });
  });

  it('passes through keys the table does not know', () => {
    expect(transliterate(ti!, '7?')).not.toContain('undefined');
    expect(transliterate(ti!, 'ä')).toBe('ä');
  });
});
