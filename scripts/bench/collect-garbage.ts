/**
 * A full garbage collection before each timed phase, so that neither system pays for the garbage its
 * set-up left (10,000 writes through fake-indexeddb leave a lot). Node only exposes `gc` with
 * --expose-gc; setting the flag at run time and taking `gc` from a fresh context gives the same
 * without changing how `npm run bench` starts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}
