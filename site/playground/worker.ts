/**
 * The playground's worker: derives the editor's text off the page's thread. Its bundle
 * (bundle.ts) carries the generator, the methods of methods/ and what the site's build knows
 * (generated/methods.json, the sample activation), and its code runs the derivation's own text:
 * the web APIs a derivation has no use for (the network, storage, other scripts) are removed
 * from its global scope before any text is run.
 */
import { methods, methodsRecord, sampleActivationTex } from 'playground:data';
import { methodSources } from '../../generator/methods/sources.js';
import { setSampleActivationTex } from '../data/game.js';
import { setMethodsRecord } from '../data/methods.js';
import { deriveText } from './derive.js';
import type { DeriveRequest, WorkerReply } from './protocol.js';

setMethodsRecord(methodsRecord);
setSampleActivationTex(sampleActivationTex);
// Keyed by their files' text, the methods' linearisations are kept between derivations (memory-store.ts).
for (const [method, source] of methods) methodSources.set(method, source);

const scope = globalThis as unknown as Record<string, unknown>;
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'SharedWorker', 'WebTransport']) {
  try {
    delete scope[name];
    if (name in scope) Object.defineProperty(scope, name, { value: undefined });
  } catch {
    // A property the scope will not give up is left; none of these is needed to derive.
  }
}

const reply = (message: WorkerReply): void => postMessage(message);

addEventListener('message', (event: MessageEvent<DeriveRequest>) => {
  const { serial, text, fallbackFile, lang } = event.data;
  try {
    reply({ serial, derived: deriveText(text, fallbackFile, methods.map(([m]) => m), lang, () => reply({ serial, loaded: true })) });
  } catch (error) {
    // Not the author's mistake: the generator's own failure, shown as such.
    reply({ serial, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
reply({ ready: true });
