// Saving bytes from the window: the renderer cannot write files, so a bundle
// is offered as a download (a save dialog in Electron, the downloads folder
// in a browser). Works the same over IPC and over the headless server.
export function downloadBytes(fileName: string, bytes: Uint8Array, type = 'application/zip'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; release ours after the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
