/** An export from the engine (CSV, iCalendar) saved by the browser: a Blob URL and a download link. */
export interface ExportFileLike {
  readonly filename: string;
  readonly mime: string;
  /** Text, or the bytes themselves (a file with a BOM, say). */
  readonly content: string | Uint8Array<ArrayBuffer>;
}

export function downloadFile(file: ExportFileLike, doc: Document = document): void {
  const blob = new Blob([file.content], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Chromium reads the blob when the download starts; give it a moment before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The bytes of a file the engine sent in base64 (an export, a report), for downloadFile. */
export function base64Bytes(content: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
}
