/**
 * The UN Convention on the Rights of the Child (barnkonventionen, Swedish law since 2020): its 54
 * articles, to tag dialogues and proposals with. Titles are translated in locales/<lang>/crc.json
 * (`a1` … `a54`); the four guiding principles come first wherever articles are picked.
 */

export const CRC_ARTICLE_COUNT = 54;

/** Non-discrimination, the best interests of the child, life and development, the right to be heard. */
export const GUIDING_PRINCIPLES = [2, 3, 6, 12] as const;

/** Every article number, the guiding principles first, then the rest in order. */
export const CRC_ARTICLES_ORDERED: readonly number[] = [
  ...GUIDING_PRINCIPLES,
  ...Array.from({ length: CRC_ARTICLE_COUNT }, (_, i) => i + 1).filter(
    (n) => !(GUIDING_PRINCIPLES as readonly number[]).includes(n),
  ),
];

export function isCrcArticle(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= CRC_ARTICLE_COUNT;
}

/**
 * Borlänge's three focus areas for equal living conditions (jämlik hälsa, jämlik trygghet,
 * jämlikt lärande), shared by dialogues and proposals.
 */
export const FOCUS_AREAS = ['equalHealth', 'equalSafety', 'equalLearning'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];
