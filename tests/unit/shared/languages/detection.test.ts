/**
 * The language a text looks like, as the contribution form suggests it: franc's ranking mapped to
 * the registry's codes; languages franc cannot tell apart are offered together.
 */
import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import { DETECTION_MIN_LENGTH, detectedLanguages } from '../../../../src/shared/languages/detection.ts';
import { decodeRegistry } from '../../../../src/shared/languages/registry.ts';
import { REGISTRY_FILE } from './registry-data.ts';

const registry = decodeRegistry(REGISTRY_FILE);
const detect = (text: string) =>
  detectedLanguages(francAll(text, { minLength: DETECTION_MIN_LENGTH }), registry).map((l) => l.code);

describe('language detection', () => {
  it('suggests the registry code of the language a text is in', () => {
    expect(detect('Waxaan rabaa in ay jiraan meelo badan oo dhalinyaradu ku kulmi karaan fiidkii.')).toEqual([
      'so',
    ]);
    expect(detect('Jag vill att det ska finnas fler platser där unga kan träffas på kvällarna.')).toEqual([
      'sv',
    ]);
    expect(detect('ኣብ ከተማና ዝያዳ መናፈሻታት ክህሉ ደስ ምበለኒ፣ ንመንእሰያት ኣብ ምሸት ዝራኸቡሉ ቦታ።')[0]).toBe('ti');
    // franc reports Standard Arabic ("arb"): the registry's Arabic is "ar".
    expect(detect('أريد أن تكون هناك أماكن أكثر يمكن للشباب أن يلتقوا فيها في المساء.')).toEqual(['ar']);
  });

  it('offers languages it cannot tell apart together instead of guessing', () => {
    const persian = detect('من می‌خواهم که در شهر ما جاهای بیشتری برای دیدار جوانان در شب وجود داشته باشد.');
    expect(persian).toEqual(expect.arrayContaining(['fa', 'prs']));
  });

  it('suggests nothing for a text too short to judge', () => {
    expect(detect('Hej')).toEqual([]);
    expect(detect('')).toEqual([]);
  });
});
