/**
 * The playground's scripts, bundled by the site's build: the workers (the loader, which runs
 * a text; the generator itself, for the browser; esbuild's syntax check), the editor (CodeMirror,
 * in two scripts) and the page's script, the
 * workers' code carried as text and started from blobs, since a page opened from file:// may not
 * start a worker from a file. Three modules of the generator are Node's own and are given to the worker as the
 * build has them: what cache.ts keeps goes to memory (memory-store.ts) instead of files;
 * runtime.ts, which reads runtime/'s files from the disk (for the reserved names), is its
 * result; odex, which numeric.ts loads by createRequire, is imported. The
 * methods of methods/ and generated/methods.json come in as the command line reads them, the
 * sample activation (SAMPLE_GAME's) as its record states it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { runtimeExports } from '../../generator/runtime.js';
import { scanDerivations } from '../../generator/load/scan.js';
import { METHODS_RECORD } from '../../generator/contract/records.js';
import { observeKept } from '../../generator/cache.js';
import { loadMethods } from '../../generator/load/methods.js';
import { DerivationError } from '../../generator/load/errors.js';
import { oneRatePolynomial } from '../../generator/methods/analyse.js';
import { VARIANTS } from '../../generator/methods/context.js';
import { methodSources } from '../../generator/methods/sources.js';
import type { GameRecord } from '../../generator/contract/records.js';
import { SAMPLE_GAME } from '../model/params.js';
import { sampleActivationTex } from '../data/game.js';
import type { Lang } from '../i18n.js';
import { ESBUILD_GLOBAL, ESBUILD_PARTS, esbuildScriptName } from './protocol.js';

const PLAYGROUND = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(PLAYGROUND, '../..');

/** The playground's script of a language, as the page names it. */
export const playgroundScript = (lang: Lang): string => `assets/playground.${lang}.js`;
/** The workers' code, one file for both languages, left as text on a global for the page's script: { loader, generator, syntax }. */
export const PLAYGROUND_WORKER_SCRIPT = 'assets/playground-worker.js';
export const WORKER_GLOBAL = '__playgroundWorker';
/** The editor (editor-modules.ts), one file for both languages, in two scripts evaluated before
 * the page script, each in a task of its own (as one script, its evaluation took 31-44 ms): CodeMirror's core (its state and
 * view, and the style sheets' module, which must be one instance) and the rest (the grammar, the
 * commands, the lint gutter). Each is read from the global of the one before. */
export const EDITOR_SCRIPTS = ['assets/playground-editor-core.js', 'assets/playground-editor.js'] as const;
const CORE_GLOBAL = '__playgroundEditorCore';
const EDITOR_GLOBAL = '__playgroundEditor';
const EDITOR_MODULES = path.join(PLAYGROUND, 'editor-modules.ts');
const CORE_PACKAGES = { '@codemirror/state': 'state', '@codemirror/view': 'view', 'style-mod': 'styleMod' } as const;

/** @codemirror/commands makes a word segmenter as it loads: the first in a page costs 9-17 ms
 * (ICU's data loaded), later ones nothing. Made in the core's task, it is no longer in the other's. */
const WARM_SEGMENTER = `if (typeof Intl != 'undefined' && Intl.Segmenter) new Intl.Segmenter(undefined, { granularity: 'word' });`;

/** A bundle's imports of these paths read from a global instead: { path: expression }. */
function fromGlobals(name: string, globals: ReadonlyMap<string, string>): Plugin {
  return {
    name,
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        const target = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) : args.path;
        return globals.has(target) ? { path: target, namespace: name } : undefined;
      });
      builder.onLoad({ filter: /.*/, namespace: name }, (args) => ({ contents: `module.exports = ${globals.get(args.path)!};`, loader: 'js' }));
    },
  };
}
const coreFromGlobal = fromGlobals('editor-core-global', new Map(Object.entries(CORE_PACKAGES).map(([pkg, key]) => [pkg, `window.${CORE_GLOBAL}.${key}`])));
const editorFromGlobal = fromGlobals('editor-global', new Map([[EDITOR_MODULES, `window.${EDITOR_GLOBAL}`]]));
/** The page script takes CodeMirror from editor-modules.ts only: a package imported directly would
 * be bundled a second time, a second @codemirror/state whose values the editor does not know. */
const noDirectEditor: Plugin = {
  name: 'no-direct-editor',
  setup(builder) {
    builder.onResolve({ filter: /^(@codemirror\/|@lezer\/|style-mod$)/ }, (args) => ({ errors: [{ text: `${path.relative(ROOT, args.importer)} imports ${args.path}: the page script takes CodeMirror from site/playground/editor-modules.ts` }] }));
  },
};

/** The generator's Node-only modules, as the worker has them. */
function browserGenerator(generated: string): Plugin {
  return {
    name: 'browser-generator',
    setup(builder) {
      builder.onResolve({ filter: /^\.\/cache-store\.js$/ }, () => ({ path: path.join(PLAYGROUND, 'memory-store.ts') }));
      builder.onResolve({ filter: /\/runtime\.js$/ }, (args) =>
        path.resolve(args.resolveDir, args.path) === path.join(ROOT, 'generator/runtime.js') ? { path: 'runtime', namespace: 'playground' } : undefined,
      );
      builder.onResolve({ filter: /^node:module$/ }, () => ({ path: 'module', namespace: 'playground' }));
      builder.onResolve({ filter: /^playground:data$/ }, () => ({ path: 'data', namespace: 'playground' }));
      builder.onLoad({ filter: /.*/, namespace: 'playground' }, async (args) => {
        if (args.path === 'runtime') {
          return { contents: `export const runtimeExports = () => new Map(${JSON.stringify([...runtimeExports()])});`, loader: 'js' };
        }
        if (args.path === 'module') {
          const odex = path.join(ROOT, 'node_modules/odex/src/odex.js');
          return { contents: `import * as odex from ${JSON.stringify(odex)};\nexport const createRequire = () => (id) => {\n  if (id !== 'odex/src/odex.js') throw new Error('the playground bundles odex alone, not ' + id);\n  return odex;\n};`, loader: 'js', resolveDir: ROOT };
        }
        const files = (await scanDerivations(path.join(ROOT, 'methods'))).files;
        const linearisations = await methodLinearisations(files);
        const imports = files.map((file, k) => `import m${k} from ${JSON.stringify(file)};`).join('\n');
        const list = files.map((file, k) => `[m${k}, ${JSON.stringify(readFileSync(file, 'utf8'))}]`).join(', ');
        const record = readFileSync(path.join(generated, METHODS_RECORD), 'utf8');
        const sample = (JSON.parse(readFileSync(path.join(generated, `${SAMPLE_GAME}.json`), 'utf8')) as GameRecord).activation;
        if (typeof sample !== 'object') throw new Error(`generated/${SAMPLE_GAME}.json has no concrete activation`);
        return {
          contents: `${imports}\nexport const methods = [${list}];\nexport const methodsRecord = ${record};\nexport const sampleActivationTex = ${JSON.stringify(sampleActivationTex())};\nexport const sampleActivationDefinition = ${JSON.stringify(sample.definition)};\nexport const methodLinearisations = ${JSON.stringify(linearisations)};\n`,
          loader: 'ts',
          resolveDir: ROOT,
        };
      });
    },
  };
}

/** The methods' linearisations as the worker derives them first (under its keys: the methods'
 * file texts), computed here (or read from the command line's cache) for its memory at its start:
 * its first derivation does not derive them (about 0.4 s of it). */
async function methodLinearisations(files: readonly string[]): Promise<[readonly string[], unknown][]> {
  const { methods, errors } = await loadMethods(path.join(ROOT, 'methods'), ROOT);
  if (errors.length > 0) throw errors[0];
  const kept: [readonly string[], unknown][] = [];
  observeKept((parts, value) => kept.push([parts, value]));
  try {
    for (const method of methods) {
      methodSources.set(method, readFileSync(files.find((file) => path.basename(file, '.ts') === method.id)!, 'utf8'));
      for (const variant of VARIANTS) {
        try {
          oneRatePolynomial(method, variant);
        } catch (error) {
          // Not linear at the equilibrium (Adam, RMSProp): simulated instead, nothing to keep.
          if (!(error instanceof DerivationError)) throw error;
        }
      }
    }
  } finally {
    observeKept(undefined);
  }
  return kept;
}

const OPTIONS = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'error', charset: 'utf8', write: false } as const;

/** esbuild's WebAssembly module in parts (protocol.ts), base64 cut at multiples of 4 characters:
 * { path in the build: text }. Made on every build (a few tens of milliseconds), not kept with
 * the bundles: 18.6 MB of cache to write and read for nothing. */
export function esbuildFiles(): Record<string, string> {
  const wasm = readFileSync(path.join(ROOT, 'node_modules/esbuild-wasm/esbuild.wasm')).toString('base64');
  const size = Math.ceil(wasm.length / ESBUILD_PARTS / 4) * 4;
  return Object.fromEntries(
    Array.from({ length: ESBUILD_PARTS }, (_, part) => [`assets/${esbuildScriptName(part)}`, `window.${ESBUILD_GLOBAL}=${JSON.stringify(wasm.slice(part * size, (part + 1) * size))};\n`]),
  );
}

/** The worker's script, the editor's and the page script of each language: { path in the build: text }. */
export async function playgroundFiles(generated: string, langs: readonly Lang[]): Promise<Record<string, string>> {
  const [generator, loader, syntax, core, editor] = await Promise.all([
    build({ ...OPTIONS, entryPoints: [path.join(PLAYGROUND, 'worker.ts')], format: 'iife', platform: 'browser', plugins: [browserGenerator(generated)] }),
    build({ ...OPTIONS, entryPoints: [path.join(PLAYGROUND, 'loader.ts')], format: 'iife', platform: 'browser' }),
    build({ ...OPTIONS, entryPoints: [path.join(PLAYGROUND, 'syntax.ts')], format: 'iife', platform: 'browser' }),
    build({
      ...OPTIONS,
      stdin: { contents: [...Object.entries(CORE_PACKAGES).map(([pkg, key]) => `export * as ${key} from ${JSON.stringify(pkg)};`), WARM_SEGMENTER].join('\n'), resolveDir: PLAYGROUND, sourcefile: 'editor-core.js' },
      format: 'iife',
      globalName: CORE_GLOBAL,
    }),
    build({ ...OPTIONS, entryPoints: [EDITOR_MODULES], format: 'iife', globalName: EDITOR_GLOBAL, plugins: [coreFromGlobal] }),
  ]);
  const code = { loader: loader.outputFiles[0]!.text, generator: generator.outputFiles[0]!.text, syntax: syntax.outputFiles[0]!.text };
  const files: Record<string, string> = { [PLAYGROUND_WORKER_SCRIPT]: `window.${WORKER_GLOBAL}=${JSON.stringify(code)};\n`, [EDITOR_SCRIPTS[0]]: core.outputFiles[0]!.text, [EDITOR_SCRIPTS[1]]: editor.outputFiles[0]!.text };
  for (const lang of langs) {
    const words = lang === 'en' ? 'clientEn' : 'clientZh';
    // Started in a task after the script's own evaluation: the two at once held the page's thread for 70-90 ms.
    const contents = `import { ${words} } from '../i18n-client.js';\nimport { startPlayground } from './client.js';\nsetTimeout(() => void startPlayground(${JSON.stringify(lang)}, ${words}, (window as unknown as Record<string, { loader: string; generator: string; syntax: string }>)[${JSON.stringify(WORKER_GLOBAL)}]!), 0);\n`;
    const page = await build({ ...OPTIONS, stdin: { contents, resolveDir: PLAYGROUND, loader: 'ts', sourcefile: `playground.${lang}.ts` }, format: 'iife', plugins: [editorFromGlobal, noDirectEditor] });
    files[playgroundScript(lang)] = page.outputFiles[0]!.text;
  }
  return files;
}
