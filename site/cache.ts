/**
 * The build's cache of each game's output: its pages in both languages and its page script,
 * keyed by everything they are made from: the game's record and generated module, the code
 * every module shares (generated/runtime/, generated/activations/), the site's own code, and
 * the locked versions of the packages (KaTeX, d3). A rebuild takes an unchanged game's files
 * from it instead of drawing its pictures and typesetting its formulas again; a change to
 * anything a page is made from is a new key, so an entry is never stale, only unused.
 *
 * Entries are written under a temporary name and renamed, so that two builds at once never
 * read half an entry; a damaged entry is a miss; after a build, the entries it did not use
 * are removed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED, ROOT } from './data/games.js';
import type { Game } from './data/game.js';
import { SAMPLE_GAME } from './model/params.js';
import { METHODS_RECORD } from '../generator/contract/records.js';

/** The default folder of the cache, beside the generator's bundle. */
export const DEFAULT_CACHE = path.join(ROOT, 'node_modules/.cache/dirac-gan/site');

/** A game's files (or the playground's scripts): relative path in the build -> content. */
export type GameFiles = Readonly<Record<string, string>>;

/** Every file below a folder that `keep` keeps (by its path there), as relative path and
 * content, in a fixed order. */
function filesBelow(dir: string, keep: (name: string) => boolean = () => true): [string, Buffer][] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => keep(name) && statSync(path.join(dir, name)).isFile())
    .sort()
    .map((name) => [name, readFileSync(path.join(dir, name))]);
}

/** The build's output (build/) and a build's folder in progress (build.tmp-<pid>): never inputs. */
const BUILT = /^build(\.tmp-\d+)?$/;

/** What every game's output is made from besides the game itself: the site's code, the record
 * contract, the code every generated module shares, the locked packages, Node's version. */
export function siteFingerprint(root = ROOT): string {
  const hash = createHash('sha256').update(process.version);
  const site = filesBelow(path.join(root, 'site'), (name) => !BUILT.test(name.split('/')[0]!) && name !== 'README.md');
  const sources: [string, [string, Buffer][]][] = [
    ['site', site],
    ['generator/contract', filesBelow(path.join(root, 'generator/contract'))],
    ['generated/runtime', filesBelow(path.join(root, 'generated/runtime'))],
    ['generated/activations', filesBelow(path.join(root, 'generated/activations'))],
    ['package-lock.json', existsSync(path.join(root, 'package-lock.json')) ? [['', readFileSync(path.join(root, 'package-lock.json'))]] : []],
  ];
  for (const [folder, files] of sources) for (const [name, content] of files) hash.update(`${folder}/${name}\0`).update(content).update('\0');
  return hash.digest('hex');
}

/** Reads a game's generated file (generated/<id>.ts or .json). */
export type GeneratedReader = (id: string, extension: 'ts' | 'json') => Buffer | string;
const readGenerated: GeneratedReader = (id, extension) => readFileSync(path.join(GENERATED, `${id}.${extension}`));

export class BuildCache {
  /** The keys this build has asked for: what `prune` keeps. */
  private readonly used = new Set<string>();

  constructor(private readonly dir: string, private readonly fingerprint: string, private readonly read: GeneratedReader = readGenerated) {}

  /** The key of a game's output: the fingerprint, its record and module, and for a game whose f
   * is abstract the sample game's too (its pictures are drawn with the sample's activation,
   * whose TeX comes from the sample's record). */
  key(game: Game): string {
    const hash = createHash('sha256').update(this.fingerprint).update('\0').update(JSON.stringify(game.record));
    hash.update('\0').update(this.read(game.id, 'ts'));
    if (game.abstractActivation) hash.update('\0').update(this.read(SAMPLE_GAME, 'ts')).update('\0').update(this.read(SAMPLE_GAME, 'json'));
    const key = hash.digest('hex');
    this.used.add(key);
    return key;
  }

  /** The key of the playground's scripts (site/playground/bundle.ts): the fingerprint and what
   * they bundle of the generator -- generator/, runtime/ and methods/, the methods' record and the
   * sample activation's TeX -- so that a build with none of it changed takes them from here. */
  playgroundKey(sampleTex: string, root = ROOT): string {
    const hash = createHash('sha256').update(this.fingerprint).update('\0playground\0').update(sampleTex);
    for (const folder of ['generator', 'runtime', 'methods']) {
      for (const [name, content] of filesBelow(path.join(root, folder))) hash.update(`\0${folder}/${name}\0`).update(content);
    }
    hash.update('\0').update(readFileSync(path.join(GENERATED, METHODS_RECORD)));
    const key = hash.digest('hex');
    this.used.add(key);
    return key;
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

  /** Removes every entry this build did not use: the cache holds the last build's games, not
   * every version of them since the first build. */
  prune(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.json') && !this.used.has(name.slice(0, -'.json'.length))) rmSync(path.join(this.dir, name), { force: true });
    }
  }
}
