import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { StartupError } from './startup-error.ts';

const REASONS: Record<string, string> = {
  ENOTDIR: 'not a directory',
  EEXIST: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/**
 * Creates the data directory if needed and checks that we may write in it, so that a wrong
 * DATA_DIR fails at start with the path in the message, not later inside SQLite.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    if (!statSync(dataDir).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `Delaktig cannot write its data directory ${dataDir}: ${reasonOf(error)} (set DATA_DIR to a writable folder).`,
      { cause: error },
    );
  }
}

export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in REASONS) return REASONS[code] as string;
  return error instanceof Error ? error.message : String(error);
}
