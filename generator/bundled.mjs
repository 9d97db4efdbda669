// The generator (generator/cli.ts) as one ES module that esbuild bundles from the TypeScript
// sources, loaded in a process tuned for it: what `npm run generate` runs (launch.mjs), and the
// tests' generator server. Run through tsx instead, Node loads some 150 modules via tsx's
// loader thread: 1.3 s of CPU more per run than the bundle, which takes esbuild about 0.2 s of
// CPU to write when the generator's sources have changed. Plain JavaScript, because it runs
// before anything could compile TypeScript.
//
// Each module keeps its own import.meta.url (source-urls.mjs), so the paths the generator finds
// from it (the project root, runtime/, the loader's worker) are those of the sources. Packages
// stay imports, resolved from node_modules/. The bundle is named by a hash of its sources and
// kept until they change; its source map points stack traces of a bug at the TypeScript.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync, utimesSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { build, version } from 'esbuild';
import { sourceUrls } from './source-urls.mjs';

const GENERATOR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(GENERATOR);
const CACHE = path.join(ROOT, 'node_modules/.cache/dirac-gan');

/** A hash of what the bundle is made from: every file of generator/ and runtime/ (the only
 * folders it imports from) and tsconfig.json, esbuild's version and Node's, and where the
 * project is (the bundle holds its sources' paths: a copy of the project needs its own). */
function sourcesHash() {
  const hash = createHash('sha256').update(`${version} ${process.version} ${realpathSync(ROOT)}`);
  hash.update(readFileSync(path.join(ROOT, 'tsconfig.json')));
  for (const folder of ['generator', 'runtime']) {
    const names = readdirSync(path.join(ROOT, folder), { recursive: true })
      .map(String)
      // Not an editor's lock or backup file (.#cli.ts): only the sources.
      .filter((name) => /\.(ts|mjs)$/.test(name) && !name.split(path.sep).some((part) => part.startsWith('.')) && lstatSync(path.join(ROOT, folder, name)).isFile())
      .sort();
    for (const name of names) hash.update(`${folder}/${name}\0`).update(readFileSync(path.join(ROOT, folder, name))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A day: how long a bundle no run has used is kept. */
const UNUSED = 24 * 60 * 60 * 1000;

/** The bundle of these sources, written once: a run whose sources are unchanged since a run
 * before takes it as it is (esbuild's 0.2 s of CPU saved), and marks it used. Written under a
 * temporary name and renamed, so that runs at the same time never read half a file; bundles
 * (and half-written ones) no run has used for a day are removed. */
async function bundleFile() {
  const bundle = path.join(CACHE, `generator-cli.${sourcesHash()}.mjs`);
  if (existsSync(bundle)) {
    const now = new Date();
    utimesSync(bundle, now, now);
    return bundle;
  }
  const result = await build({
    entryPoints: [path.join(GENERATOR, 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
    plugins: [sourceUrls],
  });
  try {
    await mkdir(CACHE, { recursive: true });
    const partial = `${bundle}.${process.pid}`;
    await writeFile(partial, result.outputFiles[0].contents);
    await rename(partial, bundle);
  } catch (error) {
    console.error(`error: cannot write the generator's bundle to ${CACHE} (${error.code ?? error.message}); \`npx tsx generator/cli.ts\` runs it unbundled`);
    process.exit(1);
  }
  for (const name of readdirSync(CACHE)) {
    const file = path.join(CACHE, name);
    if (/^generator-cli\.[0-9a-f]+\.mjs(\.\d+)?$/.test(name) && file !== bundle && Date.now() - statSync(file).mtimeMs > UNUSED) await rm(file, { force: true });
  }
  return bundle;
}

/** The generator's command line (cli.ts, its `run(argv)`), from its bundle, in this process
 * tuned for it. Call it before the process has run much else: V8's flags apply to what it
 * optimises from then on. */
export async function loadGenerator() {
  const bundle = await bundleFile();
  // No inlining by V8's optimising compiler, and functions optimised later. A run executes a
  // great deal of code a few thousand times each (the CAS, the IR, the printers, TypeScript), so
  // that compiling hundreds of functions with their callees inlined cost more than it saved:
  // 7.67 -> 6.52 s of CPU (medians of 6 cold runs, alternated), and no longer in wall time. For
  // the same reason a function is optimised after about 7 times as much running as V8's default
  // (an interrupt budget of 500 KB of bytecode, not 66 KB): 5.16 -> 4.79 s of CPU with
  // --no-cache (3 runs each, alternated; 300 KB to 900 KB gave the same).
  v8.setFlagsFromString('--no-turbo-inlining');
  v8.setFlagsFromString('--interrupt-budget=500000');
  // V8's compiled code of the CommonJS packages the generator requires (TypeScript inside
  // ts-morph above all, 10 MB of it) kept between runs: 0.36 s of CPU less a run (5 runs each,
  // alternated). Node 22 has this built in (module.enableCompileCache); Node 20 does not.
  process.env.V8_COMPILE_CACHE_CACHE_DIR ??= path.join(CACHE, 'v8-compile-cache');
  createRequire(import.meta.url)('v8-compile-cache');
  process.setSourceMapsEnabled(true);
  return import(pathToFileURL(bundle).href);
}
