/** Where the end-to-end run finds the repository and what global-setup.ts builds into it. */
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');

/** The production build of the PWA as shipped ("version 1"). */
export const APP_V1 = join(REPO, 'dist-e2e/v1');
/** The same app built with APP_BUILD=2: another bundle and another service worker ("version 2"). */
export const APP_V2 = join(REPO, 'dist-e2e/v2');
/** The compiled server, started as an operator starts it. */
export const SERVER_MAIN = join(REPO, 'dist-server/server/main.js');
