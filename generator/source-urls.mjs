// An esbuild plugin for bundles of our TypeScript (generator/bundled.mjs, the derivation loader):
// each file keeps its own import.meta.url, import.meta.dirname and import.meta.filename, written
// in as the file's own, so that paths found from them are those of the sources, not of the
// bundle. (A mention inside a string or a comment is rewritten too, harmlessly.) Each becomes a
// call of the same length to a function declared after the file's last line, so that no line
// moves and no column after it on its line does (the source map places an error where the file
// has it), a shebang stays first, and a function declaration, hoisted with its value, answers
// even while an import cycle is still loading the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const META = { url: (file) => pathToFileURL(file).href, dirname: (file) => path.dirname(file), filename: (file) => file };
/** Each call as long as what it replaces: import.meta.url is 15 characters, $importMetaUr() too. */
const CALL = { url: '$importMetaUr', dirname: '$importMetaDirnam', filename: '$importMetaFilenam' };

export const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
      const used = new Set();
      const contents = (await readFile(file, 'utf8')).replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => {
        used.add(key);
        return `${CALL[key]}()`;
      });
      const declarations = [...used].map((key) => `\nfunction ${CALL[key]}() { return ${JSON.stringify(META[key](file))}; }`).join('');
      return { contents: contents + declarations, loader: 'ts' };
    });
  },
};
