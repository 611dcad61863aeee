// Reads node_modules and the generated files from disk, so it runs with the Node-side tests.
/**
 * The generated language files are committed: regenerating them from the installed data packages
 * gives the same bytes (else: run `npm run languages:generate` and commit). The bundled fonts stay
 * within their budget.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FONT_BUDGET_BYTES, fontFiles } from '../../scripts/languages/fonts.ts';
import {
  FONTS_FILE,
  generate,
  INPUT_METHODS_FILE,
  OUTPUT_DIR,
  REGISTRY_FILE,
} from '../../scripts/languages/generate.ts';

const NODE_MODULES = join(import.meta.dirname, '../../node_modules');

describe('generated language files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delaktig-languages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are up to date with the data packages and the supplement', async () => {
    await generate(dir, NODE_MODULES);
    for (const file of [REGISTRY_FILE, INPUT_METHODS_FILE, FONTS_FILE]) {
      const committed = readFileSync(join(OUTPUT_DIR, file), 'utf8');
      const fresh = readFileSync(join(dir, file), 'utf8');
      // Not toBe on 300 KB strings: a failure says which file and how it differs in size.
      expect({ file, length: committed.length, same: committed === fresh }).toEqual({
        file,
        length: fresh.length,
        same: true,
      });
    }
  });
});

describe('bundled fonts', () => {
  it(`weigh at most ${FONT_BUDGET_BYTES / 1024} KB in all`, () => {
    const total = fontFiles(NODE_MODULES).reduce((sum, file) => sum + file.bytes, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(FONT_BUDGET_BYTES);
  });
});
