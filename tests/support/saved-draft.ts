/**
 * Runs in the page (serialised, so it imports nothing): the values of the form draft `key` as the
 * app last autosaved them to IndexedDB, or null while there is none: what a reload would restore.
 * The e2e and engines suites both wait on it before reloading or updating. New dialogue:
 * "new-dialogue".
 */
export const savedDraftInPage = (key: string) =>
  new Promise<Record<string, string> | null>((resolve, reject) => {
    const open = indexedDB.open('delaktig');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('drafts').objectStore('drafts').get(key);
      request.onsuccess = () => {
        resolve((request.result as { values: Record<string, string> } | undefined)?.values ?? null);
        open.result.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
