/**
 * Turning a language detector's ranking (ISO 639-3 codes with scores, best first, as franc's
 * `francAll` gives them) into languages of the registry to suggest. The detector is only ever a
 * suggestion the participant confirms: languages it cannot tell apart (Persian and Dari, Bosnian
 * and Croatian) are offered together rather than guessed between.
 */
import type { Language, LanguageRegistry } from './registry.ts';

/** Shorter texts say too little: no suggestion. */
export const DETECTION_MIN_LENGTH = 20;
/** Languages scoring this close to the best are offered with it. */
const CLOSE = 0.05;
const MAX_SUGGESTIONS = 3;

export type DetectorRanking = readonly (readonly [code: string, score: number])[];

export function detectedLanguages(ranking: DetectorRanking, registry: LanguageRegistry): Language[] {
  const best = ranking[0];
  if (!best || best[0] === 'und') return [];
  const languages: Language[] = [];
  for (const [code, score] of ranking) {
    if (score < best[1] - CLOSE || languages.length >= MAX_SUGGESTIONS) break;
    const language = registry.fromIso6393(code);
    if (language && !languages.includes(language)) languages.push(language);
  }
  return languages;
}
