/**
 * Which files of derivations/ are derivations: what the command line needs before it loads anything (the loader, the schema and the pipeline are
 * imported only once the arguments and the files named are known to be right).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** The derivation files in a folder, in a fixed order (plain code-unit order, no locale),
 * and the other files there that look like an attempt at one (x.js): the caller warns. */
export async function scanDerivations(directory: string): Promise<{ files: string[]; ignored: string[] }> {
  const entries = (await readdir(directory, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('_') && !e.name.startsWith('.'));
  const names = entries.map((e) => e.name).sort();
  return {
    files: names.filter((name) => name.endsWith('.ts')).map((name) => path.join(directory, name)),
    ignored: names.filter((name) => !name.endsWith('.ts')),
  };
}
