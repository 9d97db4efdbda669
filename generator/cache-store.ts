/**
 * Where cache.ts keeps values between runs of the command line: files under
 * node_modules/.cache/dirac-gan/generator/<version>/. Every key includes a hash of the code that
 * computes the values -- every file of generator/ and runtime/, package-lock.json and Node's
 * version -- which names the folder: a change to any of them is a new folder, and the folders of
 * versions no run has written to for a day are removed when one is first written. A file that
 * cannot be read or written is passed over: the value is computed instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT = path.dirname(GENERATOR);
const CACHES = path.join(PROJECT, 'node_modules/.cache/dirac-gan/generator');

let digest: string | undefined;
/** A hash of the code that computes what is kept: every .ts file of generator/ and runtime/, the
 * versions of the packages (package-lock.json) and Node's (its Math functions). */
function codeDigest(): string {
  if (digest) return digest;
  const hash = createHash('sha256');
  for (const folder of ['generator', 'runtime']) {
    // As bundled.mjs reads the sources: no file or folder whose name starts with a dot (an
    // editor's lock file is a dangling link named .#cli.ts).
    const names = readdirSync(path.join(PROJECT, folder), { recursive: true }).map(String)
      .filter((name) => name.endsWith('.ts') && !name.split(path.sep).some((part) => part.startsWith('.'))).sort();
    for (const name of names) hash.update(`${folder}/${name}\0`).update(readFileSync(path.join(PROJECT, folder, name))).update('\0');
  }
  try {
    hash.update(readFileSync(path.join(PROJECT, 'package-lock.json')));
  } catch {
    // No lock file: the code's hash alone.
  }
  digest = hash.update(process.version).digest('hex');
  return digest;
}

/** How long a version's folder no run has written to is kept: copies of the project that share
 * node_modules (the tests', a second clone) each have theirs. */
const UNUSED = 24 * 60 * 60 * 1000;

let pruned = false;
/** This version's folder; the first write removes the folders of versions unused for a day. */
function versionFolder(): string {
  const folder = path.join(CACHES, codeDigest().slice(0, 16));
  if (!pruned) {
    pruned = true;
    try {
      for (const name of readdirSync(CACHES)) {
        const other = path.join(CACHES, name);
        if (other !== folder && Date.now() - statSync(other).mtimeMs > UNUSED) rmSync(other, { recursive: true, force: true });
      }
    } catch {
      // Nothing there yet.
    }
  }
  return folder;
}

/** Whether anything is kept for this version of the code (its folder exists). */
export const hasKept = (): boolean => existsSync(path.join(CACHES, codeDigest().slice(0, 16)));

/** The value kept under a key, or undefined. */
export function readKept(parts: readonly string[]): unknown {
  try {
    return JSON.parse(readFileSync(fileOf(parts), 'utf8')) as unknown;
  } catch {
    // Not there yet, or not readable.
    return undefined;
  }
}

/** Keeps a value under a key; a value that cannot be written is passed over. */
export function keep(parts: readonly string[], value: unknown): void {
  const file = fileOf(parts);
  try {
    mkdirSync(versionFolder(), { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written is no cache: the next run computes again.
  }
}

const fileOf = (parts: readonly string[]): string =>
  path.join(CACHES, codeDigest().slice(0, 16), `${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)}.json`);
