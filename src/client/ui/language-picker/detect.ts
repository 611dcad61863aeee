/**
 * Which language a text looks like, with franc (MIT, trigram models of 187 languages). franc is
 * loaded only when a text is long enough to judge: its own chunk, never part of the first visit.
 */
import {
  DETECTION_MIN_LENGTH,
  detectedLanguages,
  type DetectorRanking,
} from '../../../shared/languages/detection.ts';
import type { Language } from '../../../shared/languages/registry.ts';
import { languages } from './languages.svelte.ts';

export async function detectLanguage(text: string): Promise<Language[]> {
  if (text.trim().length < DETECTION_MIN_LENGTH) return [];
  const [{ francAll }, registry] = await Promise.all([import('franc'), languages.load()]);
  const ranking: DetectorRanking = francAll(text, { minLength: DETECTION_MIN_LENGTH });
  return detectedLanguages(ranking, registry);
}
