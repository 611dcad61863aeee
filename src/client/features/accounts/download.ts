import { downloadFile } from '../../ui/download.ts';

/** Save data as a JSON file on the device (the browser's download), without any network. */
export function downloadJson(fileName: string, data: unknown): void {
  downloadFile(fileName, JSON.stringify(data, null, 2), 'application/json');
}

/** "delaktig-changes-2025-03-14-1405.json": sortable, no characters a file system refuses. */
export function changesFileName(exportedAt: string): string {
  const stamp = exportedAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `delaktig-changes-${stamp}.json`;
}
