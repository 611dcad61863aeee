/**
 * Records, for every text i18next gives out, the language it was asked in and the one it came from
 * (tests/e2e/locales.test.ts reads it to find texts that fell back). Loaded by i18n.ts only when the
 * page set `window.__i18nTrace` before the app started: never part of a real visit.
 */
import type { i18n as I18n, PostProcessorModule } from 'i18next';
import type { TraceEntry } from './locale-types.ts';

export const TRACE_OPTIONS = { postProcess: ['trace'], postProcessPassResolved: true };

export function tracer(instance: I18n, trace: TraceEntry[]): PostProcessorModule {
  return {
    type: 'postProcessor',
    name: 'trace',
    process(value: string, key: string | string[], options: { i18nResolved?: { usedLng?: string } }) {
      trace.push({ key: String(key), lng: instance.language, from: options.i18nResolved?.usedLng ?? null });
      return value;
    },
  };
}
