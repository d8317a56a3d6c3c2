import { fileSlug as coreFileSlug } from '$lib/core/fileNames';

/** Saves text as a file through the browser's download, without leaving the page. */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  downloadBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName);
}

/** Saves bytes or a blob as a file through the browser's download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A name made file-safe: "Support ticket triage" → "support-ticket-triage" ('project' when nothing is left). */
export function fileSlug(name: string): string {
  return coreFileSlug(name, 'project', 60);
}
