/**
 * Contribution texts for the sync benchmark: what young people write in a dialogue, in Swedish and
 * Arabic, 60–120 characters each. Made from phrases by a seeded generator, so that every run sends
 * the same bytes, and varied enough that texts seldom repeat within a batch (repeated texts would
 * flatter gzip, which the PouchDB reference server uses).
 */

const SWEDISH = {
  openers: [
    'Jag tycker att',
    'Vi i klassen vill att',
    'Det vore bra om',
    'Många av oss önskar att',
    'Snälla, se till att',
    'Min kompis och jag tycker att',
    'Kommunen borde se till att',
  ],
  wishes: [
    'det blir mer belysning vid busshållplatsen',
    'fritidsgården har öppet längre på fredagar',
    'bussen till Kvarnsveden går oftare på kvällen',
    'det finns fler bänkar och tak i skateparken',
    'skolmaten har fler vegetariska alternativ',
    'vi får ett lugnt rum att plugga i efter skolan',
    'cykelvägen till skolan plogas tidigare på morgonen',
    'biblioteket har öppet på söndagar',
    'det finns gratis mensskydd på alla skolor',
    'idrottshallen går att boka för oss unga',
  ],
  reasons: [
    'eftersom det är mörkt och otryggt på vintern.',
    'för då slipper vi hänga i centrum.',
    'så att fler vågar ta sig hem själva.',
    'för det finns inget annat att göra här.',
    'eftersom många inte har pengar till annat.',
    'för då mår vi bättre och orkar mer.',
    '',
  ],
};

const ARABIC = {
  openers: ['أتمنى أن', 'نريد في صفنا أن', 'سيكون من الجيد أن', 'يتمنى كثير منا أن', 'من فضلكم تأكدوا أن'],
  wishes: [
    'يكون هناك إضاءة أكثر عند موقف الحافلات',
    'يفتح النادي الشبابي لوقت أطول يوم الجمعة',
    'تأتي الحافلة إلى الحي أكثر في المساء',
    'يكون في المكتبة مكان هادئ للدراسة بعد المدرسة',
    'نحصل على ملعب كرة قدم مضاء في الحي',
    'تكون هناك دروس سباحة مجانية للبنات',
    'يستمع السياسيون إلى رأي الشباب قبل أن يقرروا',
  ],
  reasons: [
    'لأن الظلام يأتي مبكرًا في الشتاء.',
    'حتى لا نبقى في الشارع بلا شيء نفعله.',
    'لأن كثيرًا منا لا يملك المال.',
    'حتى نشعر بالأمان في طريق العودة.',
    '',
  ],
};

/** A small deterministic PRNG (mulberry32), so the texts are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleText {
  readonly text: string;
  readonly lang: 'sv' | 'ar';
}

/** `count` texts, about seven in ten Swedish and the rest Arabic, each 60–120 characters long. */
export function sampleTexts(count: number, seed = 2025): SampleText[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const out: SampleText[] = [];
  while (out.length < count) {
    const lang = next() < 0.7 ? 'sv' : 'ar';
    const phrases = lang === 'sv' ? SWEDISH : ARABIC;
    const reason = pick(phrases.reasons);
    let text = `${pick(phrases.openers)} ${pick(phrases.wishes)}${reason ? ` ${reason}` : '.'}`;
    // A number now and then, as people write them ("buss 2", "klass 8B"), varies the texts further.
    if (next() < 0.5) text = `${text} (${1 + Math.floor(next() * 99)})`;
    if (text.length >= 60 && text.length <= 120) out.push({ text, lang });
  }
  return out;
}
