/**
 * Which files of derivations/ are derivations: what the command line needs before it loads anything (the loader, the schema and the pipeline are
 * imported only once the arguments and the files named are known to be right).
 */
import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** The derivation files in a folder, in a fixed order (plain code-unit order, no locale),
 * and the other files there that look like an attempt at one (x.js): the caller warns. */
export async function scanDerivations(directory: string): Promise<{ files: string[]; ignored: string[] }> {
  return sorted(directory, await readdir(directory, { withFileTypes: true }));
}

/** scanDerivations, for a caller that cannot wait (`npm run new`). */
export function scanDerivationsSync(directory: string): { files: string[]; ignored: string[] } {
  return sorted(directory, readdirSync(directory, { withFileTypes: true }));
}

function sorted(directory: string, entries: readonly Dirent[]): { files: string[]; ignored: string[] } {
  const names = entries.filter((e) => e.isFile() && !e.name.startsWith('_') && !e.name.startsWith('.')).map((e) => e.name).sort();
  return {
    files: names.filter((name) => name.endsWith('.ts')).map((name) => path.join(directory, name)),
    ignored: names.filter((name) => !name.endsWith('.ts')),
  };
}
