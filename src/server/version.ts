import { readFileSync } from 'node:fs';

/**
 * The package version, read at run time: package.json sits two levels above both src/server/ and
 * dist-server/server/, and is outside tsc's rootDir, so it cannot be imported.
 */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
