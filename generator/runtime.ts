/**
 * The hand-written runtime (runtime/*.ts) as the emitter sees it: its files, copied
 * unchanged into generated/runtime/, and what each exports, read from the code itself
 * (their declarations), so that the game modules import what they call from the file that defines it
 * and no list of names is kept by hand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../runtime');
/** The folder of the copies, inside generated/. */
export const RUNTIME_FOLDER = 'runtime';
/** The runtime modules whose exports are public: every game module and the index re-export them. */
export const PUBLIC_RUNTIME_MODULES = ['methods', 'errors'] as const;

export interface RuntimeExport {
  /** The module that defines it, without extension (`training`). */
  readonly module: string;
  /** A type (interface or alias) only, imported with `import type`. */
  readonly typeOnly: boolean;
}

let cache: { files: Map<string, string>; exports: Map<string, RuntimeExport> } | undefined;

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const files = new Map<string, string>();
  for (const name of readdirSync(RUNTIME_DIRECTORY).filter((file) => file.endsWith('.ts')).sort()) files.set(name, readFileSync(path.join(RUNTIME_DIRECTORY, name), 'utf8'));
  cache = { files, exports: exportsOf(files) };
  return cache;
}

/** A top-level export as runtime/ writes them: one declaration a statement, from the start of a line. */
const EXPORT = /^export (?:async )?(function|const|let|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm;

/** Every name the files export, and where: read off the declarations' first lines. The
 * compiler's parser reads the same (test/runtime.test.ts compares the two on every file),
 * but parsing the runtime took 0.2-0.3 s of each cold regeneration, its parser not yet compiled. */
export function exportsOf(files: ReadonlyMap<string, string>): Map<string, RuntimeExport> {
  const exports = new Map<string, RuntimeExport>();
  for (const [name, text] of files) {
    const module = name.slice(0, -'.ts'.length);
    for (const [, keyword, exported] of text.matchAll(EXPORT)) exports.set(exported!, { module, typeOnly: keyword === 'interface' || keyword === 'type' });
  }
  return exports;
}

/** generated/runtime/<file> -> its content, the runtime's own text. */
export function runtimeOutputs(): Map<string, string> {
  return new Map([...load().files].map(([name, text]) => [`${RUNTIME_FOLDER}/${name}`, text]));
}

/** Every name the runtime exports, and where. */
export function runtimeExports(): ReadonlyMap<string, RuntimeExport> {
  return load().exports;
}

/** How a module in generated/ (or, with `from` = '../', in a folder of it) imports a runtime module. */
export const runtimeSpecifier = (module: string, from = './'): string => `${from}${RUNTIME_FOLDER}/${module}.js`;
