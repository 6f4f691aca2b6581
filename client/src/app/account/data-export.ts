/**
 * The "Download my data" file: the export query's answer as indented JSON, with the moment it
 * was made. Apollo's `__typename` fields are GraphQL plumbing, not the customer's data, so
 * they are left out.
 */
export function buildDataExport(me: unknown, exportedAt: Date): Blob {
  const json = JSON.stringify(
    { exportedAt: exportedAt.toISOString(), account: me },
    (key, value: unknown) => (key === '__typename' ? undefined : value),
    2,
  );
  return new Blob([json], { type: 'application/json' });
}

/** `installa-my-data-2025-03-01.json` */
export function dataExportFileName(exportedAt: Date): string {
  return `installa-my-data-${exportedAt.toISOString().slice(0, 10)}.json`;
}

/** Saves a Blob through a temporary download link (no inline script, allowed by the CSP). */
export function saveFile(document: Document, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url));
}
