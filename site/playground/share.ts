/**
 * A derivation's text in a link: deflate-raw (the browser's CompressionStream) then base64url,
 * so a game of 0.8-1.8 KB travels in 0.8-1.4 thousand characters of the address's fragment
 * (the 20 games of derivations/), which is never sent to a server.
 */
async function through(bytes: BlobPart, stream: GenericTransformStream): Promise<Uint8Array> {
  const piped = new Blob([bytes]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

export async function encodeGame(text: string): Promise<string> {
  const packed = await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  let binary = '';
  for (const byte of packed) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The most a link's text may hold once decompressed: a derivation is 1-2 KB, and a short
 * link could otherwise inflate to gigabytes. */
export const MAX_LINKED_BYTES = 256 * 1024;

/** The text of a link's game; rejects a fragment that is not one, or that inflates past MAX_LINKED_BYTES. */
export async function decodeGame(encoded: string): Promise<string> {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.length;
    if (size > MAX_LINKED_BYTES) {
      await reader.cancel();
      throw new RangeError(`the link's text is over ${MAX_LINKED_BYTES / 1024} KB`);
    }
    chunks.push(chunk.value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
}
