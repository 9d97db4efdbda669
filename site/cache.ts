/**
 * The build's cache of each game's output: its pages in both languages and its page script,
 * keyed by everything they are made from: the game's record and generated module, the code
 * every module shares (generated/runtime/, generated/activations/), the site's own code, and
 * the locked versions of the packages (KaTeX, d3). A rebuild takes an unchanged game's files
 * from it instead of drawing its pictures and typesetting its formulas again; a change to
 * anything a page is made from is a new key, so an entry is never stale, only unused.
 *
 * Entries are written under a temporary name and renamed, so that two builds at once never
 * read half an entry; a damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED, ROOT } from './data/games.js';
import type { Game } from './data/games.js';
import { SAMPLE_GAME } from './model/params.js';

/** The default folder of the cache, beside the generator's bundle. */
export const DEFAULT_CACHE = path.join(ROOT, 'node_modules/.cache/dirac-gan/site');

/** A game's files: relative path in the build -> content. */
export type GameFiles = Readonly<Record<string, string>>;

/** Every file below a folder (but `skip`), as relative path and content, in a fixed order. */
function filesBelow(dir: string, skip: readonly string[] = []): [string, Buffer][] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => !skip.some((s) => name === s || name.startsWith(`${s}/`)) && statSync(path.join(dir, name)).isFile())
    .sort()
    .map((name) => [name, readFileSync(path.join(dir, name))]);
}

/** What every game's output is made from besides the game itself. */
export function siteFingerprint(): string {
  const hash = createHash('sha256');
  const sources: [string, [string, Buffer][]][] = [
    ['site', filesBelow(path.join(ROOT, 'site'), ['build', 'README.md'])],
    ['generator/contract', filesBelow(path.join(ROOT, 'generator/contract'))],
    ['generated/runtime', filesBelow(path.join(GENERATED, 'runtime'))],
    ['generated/activations', filesBelow(path.join(GENERATED, 'activations'))],
    ['package-lock.json', existsSync(path.join(ROOT, 'package-lock.json')) ? [['', readFileSync(path.join(ROOT, 'package-lock.json'))]] : []],
  ];
  for (const [root, files] of sources) for (const [name, content] of files) hash.update(`${root}/${name}\0`).update(content).update('\0');
  return hash.digest('hex');
}

export class BuildCache {
  constructor(private readonly dir: string, private readonly fingerprint: string) {}

  /** The key of a game's output: the fingerprint, its record, its module (and the sample game's, which draws a game whose f is abstract). */
  key(game: Game): string {
    const hash = createHash('sha256').update(this.fingerprint).update(JSON.stringify(game.record));
    for (const id of game.abstractActivation ? [game.id, SAMPLE_GAME] : [game.id]) hash.update('\0').update(readFileSync(path.join(GENERATED, `${id}.ts`)));
    return hash.digest('hex');
  }

  get(key: string): GameFiles | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as GameFiles;
    } catch {
      return undefined;
    }
  }

  set(key: string, files: GameFiles): void {
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${key}.json`);
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(files));
    renameSync(partial, file);
  }
}
