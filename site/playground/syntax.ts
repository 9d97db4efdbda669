/**
 * The playground's syntax worker: esbuild's own parser (its WebAssembly build, the same version
 * as the command line's esbuild) on a text the loader could not run, so that a syntax error
 * reads as the command line words and places it. Started on the first such text, with the
 * WebAssembly module the page loaded for it (14 MB: loaded only then); kept for the page's life.
 */
import { initialize, transform } from 'esbuild-wasm';
import type { Message } from 'esbuild-wasm';
import { esbuildError, esbuildWhere } from '../../generator/load/errors.js';
import { problemOf } from './protocol.js';
import type { SyntaxReply, SyntaxRequest } from './protocol.js';

let ready: Promise<void> | undefined;

/** Base64 to bytes: the engine's own decoder where it has one, else a loop over atob's string (a
 * callback per byte, Uint8Array.from's, took 1.6 s of CPU for the module, starving the page's thread). */
function decoded(base64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
const parts: string[] = [];

addEventListener('message', (event: MessageEvent<SyntaxRequest>) => {
  const request = event.data;
  if ('wasmPart' in request) {
    // The module's bytes as the page loads them, base64 a part at a time: decoded here, off the page's thread.
    parts.push(request.wasmPart);
    if (request.last) {
      const bytes = decoded(parts.splice(0).join(''));
      // Warmed with a text that does not parse: the functions a message takes compile now, while the
      // reader has not typed yet, not under the first message (on a 2-core machine their compiling
      // leaves the page's thread waiting for a core).
      ready = WebAssembly.compile(bytes)
        .then((wasmModule) => initialize({ wasmModule, worker: false }))
        .then(() => transform('export default {', { loader: 'ts' }).then(() => undefined, () => undefined));
    }
    return;
  }
  const { serial, text, file } = request;
  const reply = (message: SyntaxReply): void => postMessage(message);
  void ready!
    .then(() => transform(text, { loader: 'ts' }))
    .then(
      () => reply({ serial }),
      (error: { errors?: Message[] }) => {
        const first = error.errors?.[0];
        if (!first) return reply({ serial, failure: String(error) });
        reply({ serial, problem: problemOf(esbuildError(esbuildWhere(file, first.location), first.text)) });
      },
    );
});
