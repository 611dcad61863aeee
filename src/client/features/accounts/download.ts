/** Save data as a file on the device (the browser's download), without any network. */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "delaktig-changes-2025-03-14-1405.json": sortable, no characters a file system refuses. */
export function changesFileName(exportedAt: string): string {
  const stamp = exportedAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `delaktig-changes-${stamp}.json`;
}
