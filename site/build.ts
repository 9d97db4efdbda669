/**
 * `npm run site`: generated/ -> a static site in site/build/, for any static host.
 *
 * The stages, in order: load every game (record + evaluator); render every page in both
 * languages (KaTeX and SVG pictures at build time); bundle the page script with esbuild
 * per language and one small script per game; copy KaTeX's stylesheet and fonts from the same
 * package that rendered the formulas. Everything is written to a fresh folder beside the
 * target, which then replaces it: a failed build leaves the previous site as it was.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild, transform } from 'esbuild';
import { GENERATED, ROOT, loadGames } from './data/games.js';
import type { Game } from './data/game.js';
import { LANGS, STRINGS } from './i18n.js';
import type { Lang } from './i18n.js';
import { articlePage } from './pages/article.js';
import { gamePage, gamePath, gameScript } from './pages/game.js';
import { indexPage } from './pages/index.js';
import { hasTrainingPage, trainingPage, trainingPath } from './pages/training.js';
import { EXPORT_SCRIPT, KATEX_DIR, escapeHtml, pageScript } from './pages/layout.js';
import { EXPORT_GLOBAL } from './client/figure-buttons.js';
import { KATEX_VERSION } from './render/tex.js';
import { BuildCache, DEFAULT_CACHE, siteFingerprint } from './cache.js';
import { GAME_GLOBAL, PAGE_FUNCTIONS, SAMPLE_GAME } from './model/params.js';
import { PLAYGROUND_PATH, playgroundPage } from './pages/playground.js';
import { esbuildFiles, playgroundFiles } from './playground/bundle.js';
import { derivationTemplate } from '../generator/new.js';
import { scanDerivations } from '../generator/load/scan.js';
import { EXPRESSION_FIELDS } from '../generator/game.js';
import { FORMAT_FUNCTIONS } from '../generator/specialise/dirac.js';
import { SPELLINGS } from '../generator/vocabulary/spellings.js';
import { FIXED_SYMBOLS } from '../generator/vocabulary/symbols.js';
import { sampleActivationTex } from './data/game.js';

const SITE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = path.join(SITE, 'build');

export interface BuildResult {
  readonly outDir: string;
  /** Every HTML page, relative to outDir, with '/' separators. */
  readonly pages: readonly string[];
  readonly milliseconds: number;
  /** The games whose pages and script came from the cache (site/cache.ts), unchanged since a build. */
  readonly reused: number;
}

export interface BuildOptions {
  readonly outDir?: string;
  readonly quiet?: boolean;
  /** The cache of each game's output (site/cache.ts); false builds every game afresh. */
  readonly cacheDir?: string | false;
}

function write(root: string, relative: string, content: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** KaTeX's stylesheet and fonts, from the katex package that renders the formulas. */
function copyKatex(root: string): void {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('katex/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  if (pkg.version !== KATEX_VERSION) throw new Error(`katex's stylesheet is ${pkg.version} but its renderer is ${KATEX_VERSION}`);
  const dist = path.join(path.dirname(pkgFile), 'dist');
  const target = path.join(root, KATEX_DIR);
  mkdirSync(target, { recursive: true });
  cpSync(path.join(dist, 'katex.min.css'), path.join(target, 'katex.min.css'));
  cpSync(path.join(dist, 'fonts'), path.join(target, 'fonts'), { recursive: true });
}

/** An asset of site/assets/ into the build, a stylesheet minified (its comments are for us, not
 * for every page's weight). */
async function copyAsset(root: string, asset: string): Promise<void> {
  const from = path.join(SITE, 'assets', asset);
  const to = path.join(root, 'assets', asset);
  mkdirSync(path.dirname(to), { recursive: true });
  if (!asset.endsWith('.css')) return cpSync(from, to);
  const { code } = await transform(readFileSync(from, 'utf8'), { loader: 'css', minify: true, logLevel: 'error' });
  writeFileSync(to, code);
}

/** Classic scripts (not modules), so that pages work from file:// as well as from a host. */
// charset utf8: the Chinese script's words as UTF-8 (3 bytes a character) rather than \u escapes (6); the
// pages declare UTF-8, which a script without a charset of its own is read in.
const SCRIPT_OPTIONS = { bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', logLevel: 'error', charset: 'utf8' } as const;

/** The page script, shared by every page of a language: no game inside, so it does not grow
 * with them, and only the words of its language that the script says (i18n-client.ts: the rest
 * of the site's phrases were 17 KB of every page). */
async function bundleClient(root: string, lang: Lang): Promise<void> {
  const words = lang === 'en' ? 'clientEn' : 'clientZh';
  await esbuild({
    ...SCRIPT_OPTIONS,
    stdin: { contents: `import { ${words} } from './i18n-client.js';\nimport { start } from './client/main.js';\nstart(${words});\n`, resolveDir: SITE, loader: 'ts', sourcefile: `site.${lang}.ts` },
    outfile: path.join(root, pageScript(lang)),
  });
}

/** The picture downloads (client/export.ts), a script of its own that the page script loads
 * at the first click of a download button, left on a global for it, with the build's
 * stylesheet (already minified by copyAsset) written in. */
async function bundleExporter(root: string): Promise<void> {
  const css = readFileSync(path.join(root, 'assets/style.css'), 'utf8');
  await esbuild({
    ...SCRIPT_OPTIONS,
    define: { SITE_CSS: JSON.stringify(css) },
    stdin: { contents: `import { exportFigure } from './client/export.js';\n(window as unknown as Record<string, unknown>)[${JSON.stringify(EXPORT_GLOBAL)}] = exportFigure;\n`, resolveDir: SITE, loader: 'ts', sourcefile: 'export.ts' },
    outfile: path.join(root, EXPORT_SCRIPT),
  });
}

/** One small script per game: the functions of its generated module the page calls (those of
 * PAGE_FUNCTIONS the module exports), left on a global for the page script; everything else
 * in the module is tree-shaken away. */
async function bundleGame(game: Game): Promise<string> {
  const module = path.join(GENERATED, `${game.id}.ts`);
  const exported = PAGE_FUNCTIONS.filter((name) => typeof (game.evaluator as unknown as Record<string, unknown>)[name] === 'function');
  const fields = exported.map((name) => `${name}: m.${name}`);
  // A game that leaves f abstract is drawn with SAMPLE_GAME's generated activation.
  const sample = game.abstractActivation ? `import { activationDerivatives as sampleActivation } from ${JSON.stringify(path.join(GENERATED, `${SAMPLE_GAME}.ts`))};\n` : '';
  if (sample) fields.push('sampleActivation');
  const result = await esbuild({
    ...SCRIPT_OPTIONS,
    stdin: { contents: `import * as m from ${JSON.stringify(module)};\n${sample}window[${JSON.stringify(GAME_GLOBAL)}] = { ${fields.join(', ')} };\n`, resolveDir: GENERATED, loader: 'ts', sourcefile: `${game.id}-page.ts` },
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** A game's output: its pages in both languages and its page script, by path in the build. */
async function gameFiles(game: Game): Promise<Record<string, string>> {
  // esbuild bundles the page script in its own process while this one writes the pages.
  const script = bundleGame(game);
  const files: Record<string, string> = {};
  for (const lang of LANGS) {
    files[`${lang}/${gamePath(game.id)}`] = gamePage(game, lang);
    if (hasTrainingPage(game)) files[`${lang}/${trainingPath(game.id)}`] = trainingPage(game, lang);
  }
  files[gameScript(game.id)] = await script;
  return files;
}

/** The playground's scripts: they bundle the generator (about a second of esbuild), kept while none of it changes. */
async function playgroundScriptsOf(cache: BuildCache | undefined): Promise<Record<string, string>> {
  const key = cache?.playgroundKey(sampleActivationTex());
  const cached = key === undefined ? undefined : cache!.get(key);
  const scripts = cached ?? (await playgroundFiles(GENERATED, LANGS));
  if (!cached && key !== undefined) cache!.set(key, scripts);
  return scripts;
}

/** The playground's pages and scripts: the derivations of derivations/ to start from, titled as their records are. */
async function emitPlayground(games: readonly Game[], emit: (relative: string, content: string) => void, scripts: Record<string, string>): Promise<void> {
  const files = (await scanDerivations(path.join(ROOT, 'derivations'))).files;
  const titles = new Map(games.map((g) => [g.id, g.record.title]));
  for (const lang of LANGS) {
    const sources = files.map((file) => {
      const id = path.basename(file, '.ts');
      return { id, title: titles.get(id)?.[lang] ?? id, text: readFileSync(file, 'utf8') };
    });
    const vocabulary = { fields: EXPRESSION_FIELDS, functions: [...SPELLINGS.map((s) => s.name), ...FORMAT_FUNCTIONS], symbols: FIXED_SYMBOLS.map((s) => s.name) };
    emit(`${lang}/${PLAYGROUND_PATH}`, playgroundPage(lang, { template: derivationTemplate('my-game'), games: sources, vocabulary }));
  }
  for (const [relative, content] of Object.entries({ ...scripts, ...esbuildFiles() })) emit(relative, content);
}

function rootIndex(): string {
  const links = LANGS.map((lang) => `<a href="${lang}/index.html" hreflang="${lang}">${escapeHtml(STRINGS[lang].siteTitle)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(STRINGS.en.siteTitle)}</title>
<meta http-equiv="refresh" content="0; url=en/index.html">
<link rel="icon" href="data:,">
</head><body><main class="wrap"><p>${links}</p></main></body></html>
`;
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir ?? DEFAULT_OUT);
  const temp = `${outDir}.tmp-${process.pid}`;
  removeAbandoned(outDir);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  /** The bundles in flight: a failed build waits for them before it removes the folder they write to. */
  const ahead: Promise<unknown>[] = [];
  /** A promise awaited later, meanwhile not an unhandled rejection should it fail first. */
  const startedAhead = <T>(promise: Promise<T>): Promise<T> => {
    ahead.push(promise.catch(() => undefined));
    return promise;
  };
  try {
    const games = loadGames();
    const cache = options.cacheDir === false ? undefined : new BuildCache(options.cacheDir ?? DEFAULT_CACHE, siteFingerprint());
    const pages: string[] = [];
    const emit = (relative: string, content: string): void => {
      write(temp, relative, content);
      if (relative.endsWith('.html')) pages.push(relative);
    };
    for (const lang of LANGS) {
      emit(`${lang}/index.html`, indexPage(games, lang));
      emit(`${lang}/article.html`, articlePage(games, lang));
    }
    // Every game's pages are written on this thread one after another; the bundles esbuild makes
    // in its own process meanwhile (each game's page script, the playground's, the site's) are
    // awaited at the end (a cold build of 20 games waited on them 1.3 s of its 6.8).
    const playgroundScripts = startedAhead(playgroundScriptsOf(cache));
    const clientScripts = startedAhead(Promise.all(LANGS.map((lang) => bundleClient(temp, lang))));
    let reused = 0;
    const outputs = games.map(async (game) => {
      const key = cache?.key(game);
      const cached = key === undefined ? undefined : cache!.get(key);
      if (cached) {
        reused++;
        return cached;
      }
      const files = await gameFiles(game);
      if (key !== undefined) cache!.set(key, files);
      return files;
    });
    for (const files of await Promise.all(outputs)) for (const [relative, content] of Object.entries(files)) emit(relative, content);
    await emitPlayground(games, emit, await playgroundScripts);
    cache?.prune();
    write(temp, 'index.html', rootIndex());
    await Promise.all(readdirSync(path.join(SITE, 'assets')).map((asset) => copyAsset(temp, asset)));
    copyKatex(temp);
    await Promise.all([clientScripts, startedAhead(bundleExporter(temp))]);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(temp, outDir);
    return { outDir, pages, milliseconds: performance.now() - started, reused };
  } catch (error) {
    await Promise.all(ahead);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** How old the folder of a build whose process this one cannot see must be before it goes (a
 * build in another process namespace sharing the folder takes seconds, not this). */
const ABANDONED = 30 * 60 * 1000;

/** The folders of builds whose process is gone (killed mid-build), beside outDir: 23 MB each. */
function removeAbandoned(outDir: string): void {
  const parent = path.dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `${path.basename(outDir)}.tmp-`;
  for (const name of readdirSync(parent)) {
    const pid = Number(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      // No such process (a process we may not signal is still alive), and long untouched.
      const folder = path.join(parent, name);
      if ((error as NodeJS.ErrnoException).code === 'ESRCH' && Date.now() - statSync(folder).mtimeMs > ABANDONED) rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** Bytes under a folder, for the build's report. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(p) : statSync(p).size;
  }
  return total;
}

const USAGE = `usage: npm run site

Builds the static site from generated/ into site/build/ (KaTeX rendered at build time;
it works offline and from file://). A game unchanged since a build (its record, its module,
the site's code) is taken from node_modules/.cache/dirac-gan/site/. It takes no options;
-h, --help prints this text.`;

/** `npm run site`; returns the exit code (the tests call it in-process). */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.length) {
    console.error(`error: unexpected argument '${argv[0]}'\n${USAGE}`);
    return 1;
  }
  try {
    const result = await buildSite();
    const relative = path.relative(process.cwd(), result.outDir) || '.';
    const kb = Math.round(sizeOf(result.outDir) / 1024);
    const reused = result.reused > 0 ? `; ${result.reused} unchanged game(s) from the cache (${path.relative(process.cwd(), DEFAULT_CACHE)})` : '';
    console.log(`Built ${result.pages.length} pages (${LANGS.join(', ')}) in ${Math.round(result.milliseconds)} ms: ${relative}/ (${kb} KB, KaTeX ${KATEX_VERSION} fonts included)${reused}`);
    console.log(`Open it:  npm run serve   (then http://127.0.0.1:8080/)`);
    console.log(`     or:  open ${path.join(relative, 'index.html')} in a browser (works from file:// too)`);
    console.log(`Publish:  copy ${relative}/ to any static host as it is.`);
    return existsSync(path.join(result.outDir, 'en/index.html')) ? 0 : 1;
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
