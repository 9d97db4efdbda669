// `npm run generate`: runs generator/cli.ts from one ES module that esbuild bundles from the
// TypeScript sources at each start. Run through tsx instead, Node loads some 150 modules via
// tsx's loader thread: 1.3 s of CPU more per run than the bundle, which takes esbuild about
// 0.1 s to write. Plain JavaScript, because it runs before anything could compile TypeScript.
//
// Each module keeps its own import.meta.url (the plugin writes the source file's URL in its
// place), so the paths the generator finds from it (the project root, runtime/, the loader's
// worker) are those of the sources. Packages stay imports, resolved from node_modules/. The
// bundle goes to node_modules/.cache/, written under a temporary name and renamed, so that
// runs at the same time never read half a file; its source map points stack traces of a bug
// at the TypeScript.
import { readFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const GENERATOR = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(GENERATOR, '../node_modules/.cache/dirac-gan');

/** import.meta.url in each source file, as the file's own URL. */
const sourceUrls = {
  name: 'source-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => ({
      contents: (await readFile(file, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: 'ts',
    }));
  },
};

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
await mkdir(CACHE, { recursive: true });
const bundle = path.join(CACHE, 'generator-cli.mjs');
const partial = `${bundle}.${process.pid}`;
await writeFile(partial, result.outputFiles[0].contents);
await rename(partial, bundle);

process.setSourceMapsEnabled(true);
const { run } = await import(pathToFileURL(bundle).href);
process.exit(await run(process.argv.slice(2)));
