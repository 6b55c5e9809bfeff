// Offers bytes or text as a file download: the renderer cannot write files,
// so a support bundle or a CSV export goes through a Blob URL and a download
// link (a save dialog in Electron, the downloads folder in a browser). It
// works the same over IPC and over the headless server, needs no round trip,
// and passes the CSP (blob: is only navigated to by the link, never loaded as
// a resource).
export function downloadFile(fileName: string, content: Uint8Array | string, type: string): void {
  const part = typeof content === 'string' ? content : (content as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download holds its own reference once the click is handled; a late
  // release keeps a large bundle safe from a browser that starts it lazily.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
