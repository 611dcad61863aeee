/**
 * Checking input before it is saved, with the shared domain schemas (the server checks with the
 * same ones): `await validate('dialogueInput', input)` returns the parsed value or throws a
 * ValidationError naming every bad field. The schemas load with the first write (schemas.ts).
 */
import type { InferOutput } from 'valibot';
import type { SCHEMAS } from './schemas.ts';

type Schemas = typeof SCHEMAS;

/**
 * Load the schemas now, on a screen that is about to write: a phone that loses the network right
 * after joining, before the service worker has cached every chunk, must still be able to save.
 */
export function preloadValidation(): void {
  import('./schemas.ts').catch((error: unknown) =>
    console.warn('Could not load the input checks ahead of time; the first save loads them', error),
  );
}

export async function validate<K extends keyof Schemas>(
  name: K,
  input: unknown,
): Promise<InferOutput<Schemas[K]>> {
  const { parseNamed } = await import('./schemas.ts');
  return parseNamed(name, input) as InferOutput<Schemas[K]>;
}
