/**
 * The hand-written runtime (runtime/*.ts) as the emitter sees it: its files, copied
 * unchanged into generated/runtime/, and what each exports, read from the code itself
 * (ts-morph), so that the game modules import what they call from the file that defines it
 * and no list of names is kept by hand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node, Project } from 'ts-morph';

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
  const exports = new Map<string, RuntimeExport>();
  // Syntax only: no type checker, no lib files to load.
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
  for (const name of readdirSync(RUNTIME_DIRECTORY).filter((file) => file.endsWith('.ts')).sort()) {
    const text = readFileSync(path.join(RUNTIME_DIRECTORY, name), 'utf8');
    files.set(name, text);
    const module = name.slice(0, -'.ts'.length);
    for (const statement of project.createSourceFile(name, text).getStatements()) {
      if (!Node.isExportable(statement) || !statement.hasExportKeyword()) continue;
      const typeOnly = Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement);
      const names = Node.isVariableStatement(statement) ? statement.getDeclarations().map((d) => d.getName()) : [(statement as unknown as { getName(): string | undefined }).getName()];
      for (const exported of names) if (exported) exports.set(exported, { module, typeOnly });
    }
  }
  cache = { files, exports };
  return cache;
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
