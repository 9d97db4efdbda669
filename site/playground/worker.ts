/**
 * The playground's generator worker: derives a loaded text off the page's thread. Its bundle
 * (bundle.ts) carries the generator, the methods of methods/ and what the site's build knows
 * (generated/methods.json, the sample activation). It is given a text's default export as plain
 * data (the loader worker ran the text: loader.ts), never the text's code.
 */
import { methodLinearisations, methods, methodsRecord, sampleActivationDefinition, sampleActivationTex } from 'playground:data';
import { keep } from './memory-store.js';
import { methodSources } from '../../generator/methods/sources.js';
import { setSampleActivationTex } from '../data/game.js';
import { setMethodsRecord } from '../data/methods.js';
import { deriveExport } from './derive.js';
import type { Derived } from './derive.js';
import { RecentResults } from './recent.js';
import type { DeriveReply, DeriveRequest } from './protocol.js';

setMethodsRecord(methodsRecord);
setSampleActivationTex(sampleActivationTex);
// Keyed by their files' text, the methods' linearisations are kept between derivations (memory-store.ts).
for (const [method, source] of methods) methodSources.set(method, source);
// Derived by the site's build under those same keys (bundle.ts): the first text does not derive them.
for (const [parts, value] of methodLinearisations) keep(parts, value);

const reply = (message: DeriveReply): void => postMessage(message);

/** The latest texts' results (recent.ts): an edit that leaves the game as it was is not derived again. */
const recent = new RecentResults<Derived>(8);

function derivedOf(file: string, exported: unknown, lang: DeriveRequest['lang']): Derived {
  const started = performance.now();
  const earlier = recent.get(file, lang, exported);
  if (earlier) return { ...earlier, milliseconds: performance.now() - started, ...(earlier.ok ? { reused: true } : {}) };
  const derived = deriveExport(file, exported, methods.map(([m]) => m), lang, sampleActivationDefinition);
  recent.set(file, lang, exported, derived);
  return derived;
}

addEventListener('message', (event: MessageEvent<DeriveRequest>) => {
  const { serial, file, exported, lang } = event.data;
  try {
    reply({ serial, derived: derivedOf(file, exported, lang) });
  } catch (error) {
    // Not the author's mistake: the generator's own failure, shown as such.
    reply({ serial, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
reply({ ready: true });
