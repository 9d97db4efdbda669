/**
 * The playground's generator worker: derives a loaded text off the page's thread. Its bundle
 * (bundle.ts) carries the generator, the methods of methods/ and what the site's build knows
 * (generated/methods.json, the sample activation). It is given a text's default export as plain
 * data (the loader worker ran the text: loader.ts), never the text's code.
 */
import { methods, methodsRecord, sampleActivationDefinition, sampleActivationTex } from 'playground:data';
import { methodSources } from '../../generator/methods/sources.js';
import { setSampleActivationTex } from '../data/game.js';
import { setMethodsRecord } from '../data/methods.js';
import { deriveExport } from './derive.js';
import type { DeriveReply, DeriveRequest } from './protocol.js';

setMethodsRecord(methodsRecord);
setSampleActivationTex(sampleActivationTex);
// Keyed by their files' text, the methods' linearisations are kept between derivations (memory-store.ts).
for (const [method, source] of methods) methodSources.set(method, source);

const reply = (message: DeriveReply): void => postMessage(message);

addEventListener('message', (event: MessageEvent<DeriveRequest>) => {
  const { serial, file, exported, lang } = event.data;
  try {
    reply({ serial, derived: deriveExport(file, exported, methods.map(([m]) => m), lang, sampleActivationDefinition) });
  } catch (error) {
    // Not the author's mistake: the generator's own failure, shown as such.
    reply({ serial, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
reply({ ready: true });
