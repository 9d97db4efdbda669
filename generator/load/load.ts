/**
 * Stage 1, load: import every derivation file and check its shape. Nothing is derived or
 * written here; a broken file stops the run before any output is touched, and every broken
 * file is reported at once.
 *
 * Files are imported in a worker thread (import-worker.mjs), one at a time, each within a
 * timeout: a derivation is a program, and one that loops at import would otherwise hang the
 * generator. A worker, not a child process, because it starts faster and hands the default
 * export back as a structured clone; not node:vm, because a derivation is an ES module with
 * imports that must resolve as they do anywhere else. esbuild first bundles each file with
 * what it imports (the generator's pieces, any package) into one plain ES module, so the
 * worker needs no TypeScript loader: registering tsx in it cost 0.6 s of CPU per run, more
 * than deriving a game.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { BuildOptions, Message } from 'esbuild';
import { sourceUrls } from '../source-urls.mjs';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, DerivationError, DerivationErrors, esbuildError, esbuildWhere, loadTimeoutProblem, notPlainDataProblem } from './errors.js';
import { checkGame } from './check.js';
import type { LoadedGame } from './check.js';
import { scanDerivations } from './scan.js';
import { thrownAt } from './thrown-at.js';

export type { LoadedGame } from './check.js';

export interface LoadOptions {
  readonly timeoutSeconds?: number;
}

/** The derivation files in a folder, in a fixed order. */
export async function listDerivations(directory: string): Promise<string[]> {
  return (await scanDerivations(directory)).files;
}

/** A problem met while importing; `at` is line:column in the file where it threw there. */
type Imported = { definition: unknown } | { problem: string; at?: string } | { unbuilt: Message };

/** A file bundled with its imports, and the source map that leads back to them. */
export interface Bundle {
  readonly code: string;
  readonly map: string;
}

/** Where the bundles would be written (they are not): the folder their source maps name the sources from. */
const BUNDLE_FOLDER = path.resolve('bundles');
const BUNDLE_OPTIONS = { bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent', sourcemap: 'external', outdir: BUNDLE_FOLDER, plugins: [sourceUrls] } satisfies BuildOptions;

/** A frame of the stack in a bundle the worker imported (a data: URL, whose text holds parentheses): its line and column. */
const BUNDLE_FRAME = /data:text\/javascript,.*:(\d+):(\d+)\)?$/;

/** line:column in `file` of the first frame of a stack thrown by its bundle that is in the file itself, if any. */
export function whereThrown(file: string, bundled: Bundle, stack: string | undefined): string | undefined {
  const at = thrownAt(stack, { map: bundled.map, frame: BUNDLE_FRAME, isDerivation: (source) => path.resolve(BUNDLE_FOLDER, source) === path.resolve(file) });
  return at && `${at.line}:${at.column}`;
}

/** The bundle's code and map from esbuild's output files (the map is the .map beside the .js). */
function bundleOf(outputs: readonly { path: string; text: string }[], name: string): Bundle {
  const text = (suffix: string): string => outputs.find((output) => path.basename(output.path) === `${name}${suffix}`)!.text;
  return { code: text('.js'), map: text('.js.map') };
}

/** The file and its imports as one ES module (each file keeping its own import.meta.url), or
 * esbuild's first error (a syntax error, an import that does not resolve). */
export async function bundle(file: string): Promise<Bundle | { unbuilt: Message }> {
  try {
    const result = await build({ ...BUNDLE_OPTIONS, entryPoints: [{ in: file, out: 'entry' }] });
    return bundleOf(result.outputFiles, 'entry');
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (first) return { unbuilt: first };
    throw error;
  }
}

/** Every file bundled in one build of esbuild, which reads the pieces they share once: a
 * build per file cost a third of the loading's CPU. Empty where any file does not build: each
 * is then bundled alone, so that its own error is the one reported against it. */
export async function bundleAll(files: readonly string[]): Promise<Map<string, Bundle>> {
  try {
    const result = await build({ ...BUNDLE_OPTIONS, entryPoints: files.map((file, k) => ({ in: file, out: `entry-${k}` })) });
    return new Map(files.map((file, k) => [file, bundleOf(result.outputFiles, `entry-${k}`)]));
  } catch (error) {
    if ((error as { errors?: Message[] }).errors?.length) return new Map();
    throw error;
  }
}

/** Imports files one at a time in a worker, restarted after a file that timed out. */
class Importer {
  private worker: Promise<Worker> | undefined;

  constructor(private readonly timeoutMs: number) {}

  private start(): Promise<Worker> {
    const worker = new Worker(new URL('./import-worker.mjs', import.meta.url));
    worker.unref();
    return new Promise((resolve, reject) => {
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
    });
  }

  async import(file: string, bundledBefore?: Bundle): Promise<Imported> {
    const bundled = bundledBefore ?? (await bundle(file));
    if ('unbuilt' in bundled) return bundled;
    const { code } = bundled;
    this.worker ??= this.start();
    const worker = await this.worker;
    const threw = (error: string, stack: string | undefined): Imported => {
      const at = whereThrown(file, bundled, stack);
      return at ? { problem: error, at } : { problem: error };
    };
    return new Promise((resolve) => {
      const onMessage = (m: { error?: string; stack?: string; notPlainData?: string; hasDefault?: boolean; definition?: unknown }): void =>
        finish(m.error !== undefined ? threw(m.error, m.stack) : m.notPlainData !== undefined ? { problem: notPlainDataProblem(m.notPlainData) } : { definition: m.hasDefault ? m.definition : undefined }, false);
      const onError = (error: Error): void => finish({ problem: `failed while loading: ${error.message.split('\n')[0]}` }, true);
      const onExit = (): void => finish({ problem: 'stopped the loader while loading (process.exit?)' }, true);
      const seconds = this.timeoutMs / 1000;
      const timer = setTimeout(() => finish({ problem: loadTimeoutProblem(seconds) }, true), this.timeoutMs);
      // Only these listeners are removed: the worker keeps its own on itself.
      const finish = (result: Imported, stopWorker: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (stopWorker) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(result);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ url: `data:text/javascript,${encodeURIComponent(code)}` });
    });
  }

  close(): void {
    void this.worker?.then((w) => w.terminate());
    this.worker = undefined;
  }
}

/** An import failure as the author can act on it: esbuild's error at file:line:column (esbuildWhere). */
export function importError(file: string, root: string, imported: { problem: string; at?: string } | { unbuilt: Message }): DerivationError {
  if ('unbuilt' in imported) {
    const { text, location } = imported.unbuilt;
    return esbuildError(location ? esbuildWhere(path.relative(root, path.resolve(location.file)).split(path.sep).join('/'), location) : file, text);
  }
  const { problem } = imported;
  if (problem.startsWith('did not finish') || problem.startsWith('its default export') || problem.startsWith('stopped') || problem.startsWith('failed')) {
    return new DerivationError(file, '', problem);
  }
  return new DerivationError(imported.at ? `${file}:${imported.at}` : file, '', `cannot be loaded: ${problem.split('\n')[0]}`);
}

/** Loads the given derivation files: those that load, and an error for each that does not. */
export async function loadEach(files: readonly string[], root: string, options: LoadOptions = {}): Promise<{ games: LoadedGame[]; errors: DerivationError[] }> {
  const importer = new Importer((options.timeoutSeconds ?? DEFAULT_LOAD_TIMEOUT_SECONDS) * 1000);
  const games: LoadedGame[] = [];
  const errors: DerivationError[] = [];
  try {
    const bundles = await bundleAll(files);
    for (const absolutePath of files) {
      const file = path.relative(root, absolutePath).split(path.sep).join('/');
      const imported = await importer.import(absolutePath, bundles.get(absolutePath));
      try {
        if (!('definition' in imported)) throw importError(file, root, imported);
        games.push(checkGame(file, imported.definition));
      } catch (error) {
        if (!(error instanceof DerivationError)) throw error;
        errors.push(error);
      }
    }
  } finally {
    importer.close();
  }
  return { games, errors };
}

/** Loads the given derivation files; a DerivationErrors listing every broken one. */
export async function loadFiles(files: readonly string[], root: string, options: LoadOptions = {}): Promise<LoadedGame[]> {
  const { games, errors } = await loadEach(files, root, options);
  if (errors.length) throw new DerivationErrors(errors);
  return games;
}

export async function loadGames(directory: string, root: string, options: LoadOptions = {}): Promise<LoadedGame[]> {
  return loadFiles(await listDerivations(directory), root, options);
}
