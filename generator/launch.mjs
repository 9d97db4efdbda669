// `npm run generate`: runs generator/cli.ts from one ES module that esbuild bundles from the
// TypeScript sources at each start. Run through tsx instead, Node loads some 150 modules via
// tsx's loader thread: 1.3 s of CPU more per run than the bundle, which takes esbuild about
// 0.1 s to write. Plain JavaScript, because it runs before anything could compile TypeScript.
//
// Each module keeps its own import.meta.url (source-urls.mjs), so the paths the generator finds
// from it (the project root, runtime/, the loader's worker) are those of the sources. Packages
// stay imports, resolved from node_modules/. The bundle is written for this run alone and
// removed once loaded; its source map points stack traces of a bug at the TypeScript.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sourceUrls } from './source-urls.mjs';

const GENERATOR = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(GENERATOR, '../node_modules/.cache/dirac-gan');

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

/** Writes the bundle for this run alone (a name with the process id: runs at the same time never
 * read each other's) in node_modules/.cache/, where its packages resolve. */
async function writeBundle(code) {
  const file = path.join(CACHE, `generator-cli.${process.pid}.mjs`);
  try {
    await mkdir(CACHE, { recursive: true });
    await writeFile(file, code);
    return file;
  } catch (error) {
    console.error(`error: cannot write the generator's bundle to ${CACHE} (${error.code ?? error.message}); \`npx tsx generator/cli.ts\` runs it unbundled`);
    process.exit(1);
  }
}

const bundle = await writeBundle(result.outputFiles[0].contents);
process.setSourceMapsEnabled(true);
let run;
try {
  ({ run } = await import(pathToFileURL(bundle).href));
} finally {
  // Loaded: the module is in memory, the file no longer needed.
  await rm(bundle, { force: true });
}
process.exit(await run(process.argv.slice(2)));
