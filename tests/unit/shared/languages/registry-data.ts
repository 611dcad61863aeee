// The committed registry and input-method tables, as the app loads them (through Vite's JSON
// import; a glob, so TypeScript does not infer a type for 8,000 rows).
import type { RegistryFile } from '../../../../src/shared/languages/registry.ts';
import type { TransliterationTable } from '../../../../src/shared/languages/transliteration.ts';

const registry = import.meta.glob<RegistryFile>('../../../../src/client/i18n/generated/languages.json', {
  import: 'default',
  eager: true,
});
const inputMethods = import.meta.glob<{ methods: Record<string, TransliterationTable> }>(
  '../../../../src/client/i18n/generated/ethiopic-input.json',
  { import: 'default', eager: true },
);

function only<T>(modules: Record<string, T>, what: string): T {
  const [module] = Object.values(modules);
  if (!module) throw new Error(`${what} is missing: run npm run languages:generate`);
  return module;
}

export const REGISTRY_FILE = only(registry, 'src/client/i18n/generated/languages.json');
export const INPUT_METHODS = only(inputMethods, 'src/client/i18n/generated/ethiopic-input.json').methods;
