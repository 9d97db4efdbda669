/** A file the page made, saved by the browser as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Once the download has surely started (FileSaver.js waits as long).
  window.setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
