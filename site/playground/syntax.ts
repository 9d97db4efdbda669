/**
 * The playground's syntax worker: esbuild's own parser (its WebAssembly build, the same version
 * as the command line's esbuild) on a text the loader could not run, so that a syntax error
 * reads as the command line words and places it. Started on the first such text, with the
 * WebAssembly module the page loaded for it (14 MB: loaded only then); kept for the page's life.
 */
import { initialize, transform } from 'esbuild-wasm';
import type { Message } from 'esbuild-wasm';
import { esbuildError } from '../../generator/load/errors.js';
import { problemOf } from './protocol.js';
import type { SyntaxReply, SyntaxRequest } from './protocol.js';

let ready: Promise<void> | undefined;
const parts: string[] = [];

addEventListener('message', (event: MessageEvent<SyntaxRequest>) => {
  const request = event.data;
  if ('wasmPart' in request) {
    // The module's bytes as the page loads them, base64 a part at a time: decoded here, off the page's thread.
    parts.push(request.wasmPart);
    if (request.last) {
      const bytes = Uint8Array.from(atob(parts.splice(0).join('')), (c) => c.charCodeAt(0));
      ready = WebAssembly.compile(bytes).then((wasmModule) => initialize({ wasmModule, worker: false }));
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
        const where = first.location ? `${file}:${first.location.line}:${first.location.column + 1}` : file;
        reply({ serial, problem: problemOf(esbuildError(where, first.text)) });
      },
    );
});
