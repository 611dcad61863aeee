/**
 * The language registry in the browser: loaded when first needed (its own chunk, precached by the
 * service worker, so it loads offline), then kept, as Svelte state (names.ts reads it).
 */
import {
  decodeRegistry,
  type LanguageRegistry,
  type RegistryFile,
} from '../../../shared/languages/registry.ts';
import { LanguageSearch } from '../../../shared/languages/search.ts';

// A glob rather than import(): the JSON becomes its own chunk, and TypeScript does not have to
// infer a type for 8,000 rows.
const registryFiles = import.meta.glob<RegistryFile>('../../i18n/generated/languages.json', {
  import: 'default',
});

class Languages {
  #registry = $state.raw<LanguageRegistry | null>(null);
  #search: LanguageSearch | null = null;
  #loading: Promise<LanguageRegistry> | null = null;

  /** The registry once loaded (reactive), else null. */
  get registry(): LanguageRegistry | null {
    return this.#registry;
  }

  load(): Promise<LanguageRegistry> {
    this.#loading ??= (async () => {
      const load = Object.values(registryFiles)[0];
      if (!load) throw new Error('The language registry is missing from the build');
      const registry = decodeRegistry(await load());
      this.#registry = registry;
      return registry;
    })();
    // A failed load (e.g. an update removed the chunk) may be retried by the next caller.
    this.#loading.catch(() => (this.#loading = null));
    return this.#loading;
  }

  async search(): Promise<LanguageSearch> {
    const registry = await this.load();
    this.#search ??= new LanguageSearch(registry.languages);
    return this.#search;
  }
}

export const languages = new Languages();
