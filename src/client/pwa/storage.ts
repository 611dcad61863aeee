/**
 * Storage persistence and quota. Browsers may delete a site's IndexedDB under storage pressure, and
 * Safari deletes it after 7 days without a visit unless the app is on the home screen, so we ask
 * for persistent storage and tell the user when unsynced data is at risk.
 */

export interface StorageFacts {
  readonly used: number | null;
  readonly quota: number | null;
  readonly persisted: boolean | null;
}

export async function storageFacts(): Promise<StorageFacts> {
  const storage = navigator.storage;
  if (!storage?.estimate) return { used: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { used: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Ask for persistent storage. Resolves to whether the browser granted it. */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return navigator.storage.persist();
}

export function isInstalled(): boolean {
  // Safari on iPhone and iPad has navigator.standalone in the browser too, set to false: only its
  // value says "opened from the home screen".
  const homeScreen = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return window.matchMedia('(display-mode: standalone)').matches || homeScreen;
}

/**
 * WebKit (Safari, and every browser on iPhone and iPad) deletes the storage of a site that is not on
 * the home screen after seven days without a visit.
 */
export function isSevenDayEvictionBrowser(userAgent: string = navigator.userAgent): boolean {
  const apple = /iPad|iPhone|iPod|Macintosh/.test(userAgent);
  const webkitOnly = /AppleWebKit/.test(userAgent) && !/Chrome\/|Chromium\/|Edg\/|Firefox\//.test(userAgent);
  return apple && webkitOnly;
}

/** True when this browser may delete data that has not reached the server. */
export function mayEvictUnsynced(persisted: boolean | null): boolean {
  return persisted !== true && !isInstalled() && isSevenDayEvictionBrowser();
}
