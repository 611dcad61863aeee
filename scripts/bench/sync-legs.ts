/**
 * Delaktig's side of the sync benchmark runs the engine's own legs (src/client/sync/push-pull.ts:
 * pipelined pushes and pulls, gzip, the app's \`apiRequest\`), timed: the leg's wall time, and of it
 * the time in the device's IndexedDB and the time waiting for HTTP (the two overlap). No Node API:
 * the Node benchmark (delaktig-sync.ts, fake-indexeddb) and the browser one (browser-sync-page.ts,
 * real IndexedDB in Chromium) run the same code.
 */
import type { Repositories } from '../../src/client/db/index.ts';
import { pullAll, pushOutbox, type SyncTimings } from '../../src/client/sync/push-pull.ts';

export interface Device {
  readonly repos: Repositories;
  readonly token: string;
}

export const since = (start: number) => performance.now() - start;

export async function push(device: Device, tenantId: string): Promise<SyncTimings> {
  const timings = { localMs: 0, httpMs: 0 };
  await pushOutbox(device.repos.db, { token: device.token, tenantId }, { timings });
  return timings;
}

export async function pull(device: Device, tenantId: string): Promise<SyncTimings> {
  const timings = { localMs: 0, httpMs: 0 };
  await pullAll(device.repos.db, { token: device.token, tenantId }, { timings });
  return timings;
}
