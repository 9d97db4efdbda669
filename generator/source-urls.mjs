// An esbuild plugin for bundles of our TypeScript (generator/bundled.mjs, the derivation loader):
// each file keeps its own import.meta.url, import.meta.dirname and import.meta.filename, written
// in as the file's own, so that paths found from them are those of the sources, not of the
// bundle. (A mention inside a string or a comment is rewritten too, harmlessly.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const META = { url: (file) => pathToFileURL(file).href, dirname: (file) => path.dirname(file), filename: (file) => file };

export const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => ({
      contents: (await readFile(file, 'utf8')).replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(META[key](file))),
      loader: 'ts',
    }));
  },
};
