/**
 * The site in a real browser: one build in a temporary folder, served by site/serve.ts on
 * 127.0.0.1 at a random port, read by one headless Chromium (test/support/browser.ts).
 *
 * Every page is crawled once from the two index pages, and everything about it is read on
 * that one visit (test/support/page-facts.ts), in the browser (the pages of LOADED's games and
 * SCRIPT_LOADED's English game pages) or, for pages whose scripts a loaded page already runs,
 * from its file (test/support/static-facts.ts): no console error, no failed request, no request to
 * another host, no KaTeX error, every picture present and described, every link and anchor
 * resolving, every stability map and eigenvalue-path picture where it should be and drawn,
 * the article companion's slots, the weight of each game page. Then the behaviour, on a fixed
 * few pages however many games there are: sliders redraw, the language switch, the copy
 * button, the animation (200 starts at random settings), the pages without JavaScript,
 * file://, a phone's width (with axe-core's scrolling-region rule; the whole of axe on every
 * page is `npm run audit:site`). The figures the brief asks for (build time, page weight, slider latency) are
 * printed. Every wait is on a condition: a busy machine makes this slower, never red.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLOTS } from '../generator/contract/article.js';
import { buildSite } from '../site/build.js';
import type { BuildResult } from '../site/build.js';
import { loadGames } from '../site/data/games.js';
import { expectedPictures, hasTrainingPage } from '../site/pages/training.js';
import { isLogRange } from '../site/plots/stability.js';
import { hasSweeps } from '../site/data/sweeps.js';
import { gameScript } from '../site/pages/game.js';
import { PLAYGROUND_PATH } from '../site/pages/playground.js';
import { tempProject } from './support/temp-project.js';
import { GAME_GLOBAL, PAGE_FUNCTIONS, paramsFor } from '../site/model/params.js';
import type { ActivationDerivatives } from '../site/model/params.js';
import { startServer } from '../site/serve.js';
import type { RunningServer } from '../site/serve.js';
import { axeViolations, fontsLoaded, launchChromium, open, watchedContext } from './support/browser.js';
import type { Problems } from './support/browser.js';
import { pageFacts } from './support/page-facts.js';
import type { PageFacts } from './support/page-facts.js';
import { staticFacts } from './support/static-facts.js';
import { selectedGames } from './support/records.js';
import { latinProse } from './support/html.js';
import { LANGS, STRINGS } from '../site/i18n.js';
import { clientEn } from '../site/i18n-client.js';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOST = '127.0.0.1';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let temp: string;
let build: BuildResult;
let server: RunningServer;
let browser: Browser;

const games = loadGames();
/** The games whose pages get the per-game checks (all, or those GAME names). */
const checked = new Set(selectedGames(games.map((g) => g.id)));
/** A game with hyperparameters and a Jacobian at the equilibrium, to exercise every control. */
const richest = games.find((g) => g.record.hyperparameters.length > 0 && g.differentiable) ?? games[0]!;
/** A game that leaves f abstract: its pictures are drawn with a sample activation. */
const abstract = games.find((g) => g.record.activation === 'abstract');
/** A game with instance noise: its field is an expectation, computed by quadrature. */
const noisy = games.find((g) => g.record.noise !== undefined);
/** A game whose iterates cycle, for a picture of a stability map with a cycling band; its
 * training page states the bound as a sentence ("|mu| = 1 for h < 2: to first order the
 * iterates cycle"), which a phone must wrap. */
const cycling = games.find((g) => expectedPictures(g).training.length > 0 && g.record.verdict.verdict === 'purely-imaginary');
/** The pages with the longest formulas (by their TeX in the records), whose formulas' widths
 * the crawl measures: the article and the game and training pages of the game with the most. */
const texLength = (g: (typeof games)[number]): number => JSON.stringify([g.record.formulas, g.record.discrete]).length;
const longest = games.reduce((a, b) => (texLength(b) > texLength(a) ? b : a));
const WIDEST = new Set<string>();
/** The games all of whose pages load in the browser: the richest game, one without a Jacobian
 * (its simulated methods on the game page), one whose iterates cycle, and the one with the
 * longest formulas (whose widths the crawl measures). */
const LOADED = new Set([richest.id, games.find((g) => !g.differentiable)?.id, cycling?.id, longest.id].filter((id): id is string => id !== undefined));
/** What a game page's script branches on: its explorer's spec (an abstract f, hyperparameters
 * on linear or log sliders, a Jacobian, clips), the pictures it moves (the sweeps' eigenvalue
 * paths and stability maps), the evaluator it bundles (instance noise's quadrature) and the
 * link to a training page. Games alike in all of it run the same page script on the same kinds
 * of data; each game's own bundle (assets/games/<id>.js) is run for every game below, in Node. */
const scriptSignature = (g: (typeof games)[number]): string =>
  JSON.stringify([g.abstractActivation, g.record.hyperparameters.map((h) => isLogRange(h.range)), g.differentiable, hasSweeps(g), g.record.constraints.length > 0, g.record.noise !== undefined, hasTrainingPage(g)]);
/** The English game pages that load in the browser besides LOADED's: of the games checked (all,
 * or GAME's), the first of each script signature that a loaded game does not already cover.
 * Every other page is read as a file (readStatically: the facts of a loaded page but boxes,
 * console and resources, and the weight), a browser's CPU per page saved. */
const SCRIPT_LOADED = new Set<string>();
{
  const ofChecked = games.filter((g) => checked.has(g.id));
  const covered = new Set(ofChecked.filter((g) => LOADED.has(g.id)).map(scriptSignature));
  for (const g of ofChecked) {
    const signature = scriptSignature(g);
    if (covered.has(signature)) continue;
    covered.add(signature);
    SCRIPT_LOADED.add(g.id);
  }
}
/** Whether the crawl loads a game's page in the browser (else reads it as a file). */
const loads = (game: { id: string; lang: string; training: boolean }): boolean =>
  LOADED.has(game.id) || (game.lang === 'en' && !game.training && SCRIPT_LOADED.has(game.id));
const gameUrl = (lang: string, id: string): string => `${server.url}${lang}/games/${id}.html`;
const trainingUrl = (lang: string, id: string): string => `${server.url}${lang}/games/${id}-training.html`;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  temp = mkdtempSync(path.join(tmpdir(), 'dirac-gan-site-'));
  // A cache of its own, empty: every game's pages are made here, not taken from a build before.
  // (Its time is the benchmark's to measure, `npm run bench:site`: the process's CPU time here
  // would count the other test files that run beside this one.)
  build = await buildSite({ outDir: path.join(temp, 'site'), cacheDir: path.join(temp, 'cache') });
  console.log(`[site] build: ${build.pages.length} pages in ${Math.round(build.milliseconds)} ms`);
  server = await startServer({ root: build.outDir, host: HOST, port: 0 });
  WIDEST.add(`${server.url}en/article.html`);
  if (checked.has(longest.id)) [gameUrl('en', longest.id), ...(hasTrainingPage(longest) ? [trainingUrl('en', longest.id)] : [])].forEach((url) => WIDEST.add(url));
  browser = await launchChromium({ forTests: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** The games whose pictures the playground must redraw as their own pages do: the richest, one
 * whose f is abstract, one over instance noise. The crawl makes these moves on their English
 * pages where it loads them, once it has read them (movedOnOwnPage); the comparison opens any
 * other itself. */
const drawn = [richest, abstract, noisy].filter((g): g is (typeof games)[number] => g !== undefined);
/** The same moves on a page's sliders (a step each: the game's first hyperparameter's and h up,
 * the start's theta down), then what the pictures show: the runs' paths (numbers to 0.1 px),
 * the field, the descriptions. */
const moved = async (on: Page, game: (typeof games)[number]) => {
  const hp = game.record.hyperparameters[0]?.name;
  for (const [key, arrow] of [...(hp ? [[hp, 'ArrowRight'] as const] : []), ['h', 'ArrowRight'], ['theta0', 'ArrowLeft']] as const) {
    await on.locator(`#c-${key}`).focus();
    await on.keyboard.press(arrow);
  }
  return on.evaluate(() => ({
    paths: ['flow', 'simultaneous', 'alternating'].map((s) => document.getElementById(`fig-field-${s}`)!.getAttribute('d')!.match(/-?[\d.]+/g)!.map(Number)),
    field: document.getElementById('fig-field-field')!.innerHTML.length,
    descriptions: ['fig-field-desc', 'fig-eigen-desc'].map((id) => document.getElementById(id)?.textContent),
  }));
};
/** What each game page of `drawn` showed after those moves, made on it by the crawl. */
const movedOnOwnPage = new Map<string, Awaited<ReturnType<typeof moved>>>();

const noProblems = (p: Problems): void => {
  expect(p.console, `console errors: ${p.console.join("\n")}`).toEqual([]);
  expect(p.failed, 'failed requests').toEqual([]);
  expect(p.foreign, 'requests to other hosts').toEqual([]);
};

/** What a page read as a file gives: the facts of its pictures and figures from its markup
 * (static-facts.ts: the boxes unmeasured), and its weight from the files it would load. */
interface StaticFacts extends ReturnType<typeof staticFacts> {
  readonly status: number;
  /** The page and the scripts and styles it loads from the site, fonts aside. */
  readonly bytes: number;
}

function readStatically(url: string): StaticFacts {
  const file = (u: URL): string => path.join(build.outDir, decodeURIComponent(u.pathname));
  const where = new URL(url);
  const html = readFileSync(file(where), 'utf8');
  const attribute = (pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  const loaded = [...attribute(/<script\b[^>]*\ssrc="([^"]+)"/g), ...attribute(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
    .map((href) => new URL(href, where)).filter((u) => u.host === where.host && !/\.(woff2?|ttf)$/.test(u.pathname));
  return {
    ...staticFacts(html, url),
    status: 200,
    bytes: Buffer.byteLength(html) + [...new Set(loaded.map((u) => u.pathname))].reduce((sum, p) => sum + statSync(path.join(build.outDir, decodeURIComponent(p))).size, 0),
  };
}

/** Writes a screenshot to the artifacts once it shows something: a screen of one colour
 * compresses to under 0.01 byte a pixel (a phone's blank screen: 2.7 KB), a page to over 0.05. */
function keepScreenshot(png: Buffer, name: string): void {
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  expect(png.length / (width * height), `${name}: a blank screenshot`).toBeGreaterThan(0.03);
  writeFileSync(path.join(ARTIFACTS, name), png);
}

/** What a game (or its training page) URL is about, if it is one. */
function gameOf(url: string): { id: string; lang: string; training: boolean } | undefined {
  const match = /\/(en|zh)\/games\/(.+?)(-training)?\.html$/.exec(url);
  const id = match?.[2];
  return id && games.some((g) => g.id === id) ? { id, lang: match[1]!, training: match[3] !== undefined } : undefined;
}

describe('the built site in Chromium', () => {
  it('builds again from its cache what did not change, byte for byte, and clears what a killed build left', async () => {
    // The folder of a build whose process is gone (no process has this pid: above pid_max).
    const abandoned = path.join(temp, 'again.tmp-99999999');
    mkdirSync(path.join(abandoned, 'en'), { recursive: true });
    // Untouched for an hour: one of a build under way elsewhere would be minutes old at most.
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(abandoned, hourAgo, hourAgo);
    const again = await buildSite({ outDir: path.join(temp, 'again'), cacheDir: path.join(temp, 'cache'), quiet: true });
    expect(existsSync(abandoned), 'the killed build\'s folder').toBe(false);
    expect(again.reused).toBe(games.length);
    expect(build.reused).toBe(0);
    const files = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
    expect(files(again.outDir)).toEqual(files(build.outDir));
    for (const file of files(build.outDir)) {
      if (!readFileSync(path.join(again.outDir, file)).equals(readFileSync(path.join(build.outDir, file)))) expect.fail(`${file} differs`);
    }
    rmSync(again.outDir, { recursive: true, force: true });
  });

  it('bundles in the page script only the words it says (site/i18n-client.ts), not the rest of the site’s', () => {
    const client = new Set(Object.keys(clientEn));
    for (const lang of LANGS) {
      const script = readFileSync(path.join(build.outDir, `assets/site.${lang}.js`), 'utf8');
      const others = Object.entries(STRINGS[lang]).filter(([key, value]) => !client.has(key) && typeof value === 'string' && value.length >= 20);
      expect(others.length, lang).toBeGreaterThan(10);
      expect(others.filter(([, value]) => script.includes(value as string)).map(([key]) => key), lang).toEqual([]);
    }
  });

  it('runs every game\'s own page bundle: its functions there, the field and a run at the defaults finite (in Node, beside the pages the crawl loads)', () => {
    const failures: string[] = [];
    for (const game of games.filter((g) => checked.has(g.id))) {
      const sandbox: { window: Record<string, unknown> } = { window: {} };
      runInNewContext(readFileSync(path.join(build.outDir, gameScript(game.id)), 'utf8'), sandbox);
      const page = sandbox.window[GAME_GLOBAL] as Record<string, (...args: unknown[]) => unknown> | undefined;
      if (!page) {
        failures.push(`${game.id}: no ${GAME_GLOBAL}`);
        continue;
      }
      const expected = PAGE_FUNCTIONS.filter((name) => typeof (game.evaluator as unknown as Record<string, unknown>)[name] === 'function');
      const missing = expected.filter((name) => typeof page[name] !== 'function');
      if (missing.length > 0) failures.push(`${game.id}: ${missing.join(', ')} missing`);
      const p = paramsFor(page['sampleActivation'] as unknown as ActivationDerivatives | undefined, game.defaults);
      const v = page['vectorFieldUnchecked']!(1, 1, p, new Float64Array(2)) as Float64Array;
      const run = page['trajectory']!('simultaneous', [1, 1], { h: 0.1, steps: 50 }, p) as { path: Float64Array };
      if (![...v, ...run.path].every(Number.isFinite)) failures.push(`${game.id}: not finite at (1, 1)`);
    }
    expect(failures).toEqual([]);
  });

  it('writes the Chinese pages in Chinese: no Latin prose outside formulas, code and citations', () => {
    const zh = build.pages.filter((p) => p.startsWith('zh/'));
    expect(zh.length).toBeGreaterThan(2);
    const found = zh.flatMap((p) => latinProse(readFileSync(path.join(build.outDir, p), 'utf8')).map((run) => `${p}: ${run}`));
    expect(found).toEqual([]);
  });

  it('gives every element with an id an id of its own on its page (links, labels and ARIA references point at one)', () => {
    const repeated = build.pages.filter((p) => p.endsWith('.html')).flatMap((p) => {
      const ids = [...readFileSync(path.join(build.outDir, p), 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
      return [...new Set(ids.filter((id, k) => ids.indexOf(id) !== k))].map((id) => `${p}: ${id}`);
    });
    expect(repeated).toEqual([]);
  });

  describe('every page, crawled once from the two index pages', () => {
    const visited = new Map<string, PageFacts & { status: number | undefined }>();
    /** The pages read as files instead (loads). */
    const read = new Map<string, StaticFacts>();
    let problems: Problems;

    beforeAll(async () => {
      const crawlStart = performance.now();
      const watched = await watchedContext(browser, HOST, { viewport: DESKTOP });
      problems = watched.problems;
      const statuses = new Map<string, number>();
      const queue: string[] = [];
      /** Pages being read or queued, so that no page is visited twice. */
      const claimed = new Set<string>();
      /** Queues the pages of the site a page links to that no tab has claimed yet. */
      const follow = (links: readonly string[]): void => {
        for (const link of links) {
          const target = new URL(link);
          const bare = `${target.origin}${target.pathname}`;
          if (target.hostname === HOST && !claimed.has(bare)) {
            claimed.add(bare);
            queue.push(bare);
          }
        }
      };
      const visit = async (page: Page, url: string, navigate: () => Promise<unknown>): Promise<void> => {
        claimed.add(url);
        await navigate();
        await fontsLoaded(page);
        const facts = await pageFacts(page, { widths: WIDEST.has(url) });
        visited.set(url, { ...facts, status: statuses.get(url) });
        follow(facts.links);
        await screenshotsOf(page, url);
        // The playground's pictures are compared with these pages' after the same moves: made
        // here, read, so that no page is loaded twice.
        const mover = drawn.find((g) => url === gameUrl('en', g.id));
        if (mover) {
          await page.locator('#controls').waitFor({ state: 'visible' });
          movedOnOwnPage.set(mover.id, await moved(page, mover));
        }
        // A full-page screenshot renders the formula boxes kept off screen (content-visibility),
        // which may start loading another KaTeX font: leaving before it arrives would abort it.
        await fontsLoaded(page);
      };
      const newPage = async (): Promise<Page> => {
        const page = await watched.context.newPage();
        page.on('response', (response) => {
          if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) statuses.set(response.url(), response.status());
        });
        return page;
      };
      // The root page sends the reader on to the English index: that is the index's visit.
      const first = await newPage();
      await visit(first, `${server.url}en/index.html`, async () => {
        await first.goto(server.url);
        await first.waitForURL('**/en/index.html');
      });
      queue.push(`${server.url}zh/index.html`);
      // Two tabs take pages from one queue: a page's load waits on the browser's main thread of
      // that tab, and the machine has two cores. A tab whose queue is empty waits for the other.
      const inFlight = new Set<Promise<void>>();
      const tab = async (page: Page): Promise<void> => {
        for (;;) {
          const url = queue.shift();
          if (url === undefined) {
            if (inFlight.size === 0) return;
            // The page the other tab is reading may link to more.
            await Promise.race(inFlight);
            continue;
          }
          const game = gameOf(url);
          // With GAME set, the other games' pages are reached but not loaded.
          if (game && !checked.has(game.id)) continue;
          // The playground's pages are loaded by their own tests below (its script makes its content).
          if ((game && !loads(game)) || url.endsWith(`/${PLAYGROUND_PATH}`)) {
            const facts = readStatically(url);
            read.set(url, facts);
            follow(facts.links);
            continue;
          }
          const reading = visit(page, url, () => page.goto(url, { waitUntil: 'load' }));
          inFlight.add(reading);
          await reading.finally(() => inFlight.delete(reading));
        }
      };
      await Promise.all([tab(first), newPage().then(tab)]);
      console.log(`[site] crawled ${visited.size} pages in ${Math.round(performance.now() - crawlStart)} ms; read ${read.size} as files (loaded in full: ${[...LOADED].join(', ')}; the English game page of each other script signature: ${[...SCRIPT_LOADED].join(', ')})`);
      await watched.context.close();
    });

    it('reaches every page by following links, each answering 200', () => {
      for (const built of build.pages) {
        const url = `${server.url}${built}`;
        const game = gameOf(url);
        if (game && !checked.has(game.id)) continue;
        if (read.has(url)) expect(read.get(url)!.status, built).toBe(200);
        else expect(visited.get(url)?.status, built).toBe(200);
      }
    });

    it('loads every page cleanly: no console error, failed request or request to another host', () => {
      noProblems(problems);
    });

    it('reads a page from its file as the browser reads it: the same pictures and figures on the pages it loads', () => {
      let compared = 0;
      for (const [url, facts] of visited) {
        const fromFile = staticFacts(readFileSync(path.join(build.outDir, decodeURIComponent(new URL(url).pathname)), 'utf8'), url);
        expect(fromFile.figures, url).toEqual(facts.figures.map((f) => ({ ...f, box: true })));
        expect(fromFile.pictures, url).toEqual(facts.pictures.map((p) => ({ ...p, why: p.why.split(', ').filter((w) => w !== 'empty box').join(', ') })));
        expect(fromFile.nonFinite, url).toEqual(facts.nonFinite);
        compared += fromFile.figures.length + fromFile.pictures.length;
      }
      // Every game's loaded pages, or (with GAME set) those of the games named and the indexes and article.
      expect(compared).toBeGreaterThan(checked.size === games.length ? 100 : 10);
    });

    it('renders every formula and every picture, titled, described and drawn from numbers', () => {
      for (const [url, facts] of [...visited, ...read]) {
        expect(facts.katexErrors, `${url}: KaTeX errors`).toBe(0);
        for (const picture of facts.pictures) expect(picture.why, `${url} #${picture.id}`).toBe('');
        expect(facts.nonFinite, `${url}: marks drawn from NaN or Infinity`).toEqual([]);
        if (url.endsWith('/index.html')) expect(facts.katex, `${url}: formulas`).toBeGreaterThan(0);
      }
    });

    it(`fits every formula in its column at a desktop width, on the pages with the longest (${longest.id}'s): long ones broken over lines`, () => {
      expect([...WIDEST].filter((url) => visited.has(url)).length).toBe(WIDEST.size);
      const overflowing = [...visited].flatMap(([url, facts]) => facts.overflowing.map((box) => `${url}: ${box}`));
      expect(overflowing).toEqual([]);
    });

    it('resolves every link and every anchor', () => {
      let anchors = 0;
      for (const [url, facts] of [...visited, ...read]) {
        for (const link of facts.links) {
          const target = new URL(link);
          if (target.hostname !== HOST || !target.hash) continue;
          const to = visited.get(`${target.origin}${target.pathname}`) ?? read.get(`${target.origin}${target.pathname}`);
          // A page of a game left out by GAME is not loaded, so its anchors are unknown.
          if (!to && gameOf(target.pathname)) continue;
          anchors++;
          expect(to?.anchors.includes(decodeURIComponent(target.hash.slice(1))), `${url} -> ${link}`).toBe(true);
        }
      }
      console.log(`[site] ${anchors} anchor links resolved`);
    });

    it('fills every slot of the article companion, in the article’s order', () => {
      for (const lang of ['en', 'zh']) {
        const article = visited.get(`${server.url}${lang}/article.html`)!;
        const slots = article.slots;
        expect(slots.map((s) => s.id)).toEqual(ARTICLE_SLOTS.map((s) => s.id));
        for (const slot of slots) expect(slot.formulas + slot.pictures, `${lang} slot ${slot.id}`).toBeGreaterThan(0);
        for (const slot of ARTICLE_SLOTS) {
          const filled = slots.find((s) => s.id === slot.id)!;
          if (slot.kind === 'figure') expect(filled.pictures, `${slot.id} is a figure`).toBeGreaterThan(0);
          else expect(filled.formulas, `${slot.id} is an equation`).toBeGreaterThan(0);
        }
        // The article is cited by its title and link.
        expect(article.cited).toMatch(/^https:\/\//);
      }
    });

    it('draws every stability map and eigenvalue-path picture on the pages that should have them', () => {
      let maps = 0;
      let paths = 0;
      for (const lang of ['en', 'zh']) {
        for (const game of games.filter((g) => checked.has(g.id))) {
          const expected = expectedPictures(game);
          const pages = [
            { url: gameUrl(lang, game.id), ids: expected.game },
            ...(hasTrainingPage(game) ? [{ url: trainingUrl(lang, game.id), ids: expected.training }] : []),
          ];
          for (const { url, ids } of pages) {
            // A page read as a file has the same facts, its boxes unmeasured (static-facts.ts).
            const found = (visited.get(url) ?? read.get(url))!.figures;
            expect(found.map((f) => f.id).sort(), url).toEqual([...ids].sort());
            for (const f of found) {
              const where = `${url} #${f.id}`;
              expect(f.box && f.described, where).toBe(true);
              if (f.id.startsWith('fig-stability-')) {
                maps++;
                // Every map here has h up to 10, past every method's bound: some region where rho >= 1.
                expect(f.stable, where).toBe(1);
                expect(f.regions, where).toBeGreaterThan(0);
                expect(f.marker, where).toBe(1);
              } else {
                paths++;
                expect(f.boundary, where).toBe(1);
                expect(f.rings, where).toBeGreaterThanOrEqual(2);
                // A path per eigenvalue, unless the hyperparameter leaves them where they are (and the caption says so).
                if (f.paths === 0) expect(f.id.startsWith('fig-mu-') || /stay|停在/.test(f.still), where).toBe(true);
                else expect(f.paths, where).toBe(f.rings);
              }
            }
          }
        }
      }
      console.log(`[site] stability maps checked: ${maps}; eigenvalue-path pictures: ${paths} (both languages)`);
      if (games.some((g) => checked.has(g.id) && expectedPictures(g).game.length > 0)) {
        expect(maps).toBeGreaterThan(0);
        expect(paths).toBeGreaterThan(0);
      }
    });

    it('keeps game pages under 300 KB without fonts, and compressed in transfer', () => {
      const weights: string[] = [];
      for (const [url, facts] of visited) {
        const game = gameOf(url);
        if (!game || game.training) continue;
        const counted = facts.resources.filter((r) => !/\.(woff2?|ttf)$/.test(new URL(r.url).pathname));
        const raw = counted.reduce((s, r) => s + r.raw, 0);
        const transfer = counted.reduce((s, r) => s + r.transfer, 0);
        const where = `${game.lang}/${game.id}`;
        weights.push(`${where} ${Math.round(raw / 1024)} KB (${Math.round(transfer / 1024)} KB gzip)`);
        // The goal: under 300 KB without fonts, uncompressed (the server gzips to about a fifth).
        expect(raw, `${where}: bytes without fonts, uncompressed`).toBeLessThan(300 * 1024);
        expect(transfer, `${where}: bytes transferred without fonts`).toBeLessThan(raw);
      }
      for (const [url, facts] of read) {
        const game = gameOf(url);
        if (!game || game.training) continue;
        const where = `${game.lang}/${game.id}`;
        weights.push(`${where} ${Math.round(facts.bytes / 1024)} KB (files)`);
        expect(facts.bytes, `${where}: bytes of the page and what it loads, without fonts`).toBeLessThan(300 * 1024);
      }
      expect(weights.length).toBeGreaterThan(0);
      console.log(`[site] game page weight without fonts, uncompressed (gzip transferred): ${weights.join('; ')}`);
    });
  });

  describe(`one game page explored (${richest.id})`, () => {
    let context: BrowserContext;
    let problems: Problems;
    let page: Page;
    const d = (id: string) => page.locator(`#${id}`).getAttribute('d');

    beforeAll(async () => {
      ({ context, problems } = await watchedContext(browser, HOST, { viewport: DESKTOP }));
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
      page = await context.newPage();
      await open(page, gameUrl('en', richest.id));
      await page.locator('#controls').waitFor({ state: 'visible' });
    });
    afterAll(() => context?.close());

    it('redraws the trajectory and the eigenvalues when a slider moves, by pointer or keyboard', async () => {
      // Every slider is a native range input with a label.
      const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLInputElement>('input[type=range]')).filter((i) => !i.labels || i.labels.length === 0 || !i.labels[0]!.textContent?.trim()).map((i) => i.id));
      expect(unlabelled).toEqual([]);

      const before = await d('fig-field-simultaneous');
      const eigenBefore = await page.locator('#fig-eigen').innerHTML();
      // As the build wrote it: the served page parsed apart from the live one.
      const pairAsBuilt = await page.evaluate(async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').getElementById('fig-eigen-pair')!.innerHTML);
      await page.locator('#c-h').fill('700');
      expect(await d('fig-field-simultaneous')).not.toBe(before);
      expect(await page.locator('#fig-eigen').innerHTML()).not.toBe(eigenBefore);
      // Small moves keep the panels' windows: the explorer moves the markers alone, and each move
      // shows, in the markers, the legend's spectral radii and the description alike; after every
      // move the plane shows every marker and the magnified window at least one (the conjugates
      // fall outside it), and the rings read back through the axes are eigenvalues the
      // description lists: a window left as it was for eigenvalues that moved fails both.
      const markers = () => page.evaluate(() => ['fig-eigen', 'fig-eigen-zoom'].map((id) => {
        const rect = document.querySelector(`#${id}-clip rect`)!;
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)));
        const centres = Array.from(document.querySelectorAll(`#${id}-points > *`)).map((m) =>
          m.tagName === 'circle' ? [Number(m.getAttribute('cx')), Number(m.getAttribute('cy'))] : (/M(-?[\d.]+),(-?[\d.]+)/.exec(m.getAttribute('d') ?? '') ?? []).slice(1).map(Number));
        const inside = centres.filter(([cx, cy]) => cx! >= x! - 6 && cx! <= x! + w! + 6 && cy! >= y! - 6 && cy! <= y! + h! + 6).length;
        // The axes read back: each ring's real part, by the x ticks' positions and labels, is one
        // the description lists (to its 4 digits, or 2 px), so markers and axes share a window.
        const ticks = Array.from(document.querySelectorAll(`#${id} text.tick[text-anchor="middle"]`)).map((t) => [Number(t.getAttribute('x')), Number(t.textContent!.replace('−', '-'))] as const);
        const [[p0, v0], [p1, v1]] = [ticks[0]!, ticks[ticks.length - 1]!];
        const perPixel = (v1 - v0) / (p1 - p0);
        // "<label>: z, z; <label>: z, z.", each label "<method>: ρ = <radius>": the eigenvalues after the last ": ".
        const desc = document.getElementById(`${id}-desc`)!.textContent!;
        const segments = desc.slice(desc.indexOf('. ') + 2).replace(/\.$/, '').split('; ');
        const labels = segments.map((segment) => segment.slice(0, segment.lastIndexOf(': ')));
        const listed = segments.flatMap((segment) => segment.slice(segment.lastIndexOf(': ') + 2).split(', ').map((z) => Number(z.trim().split(' ')[0]!.replace('−', '-'))));
        const rings = Array.from(document.querySelectorAll(`#${id}-points > circle`)).map((c) => v0 + (Number(c.getAttribute('cx')) - p0) * perPixel);
        // cx is written to 0.1 px, the description to 4 digits.
        const read = listed.every(Number.isFinite) && rings.every((re) => listed.some((l) => Math.abs(l - re) <= Math.max(0.3 * Math.abs(perPixel), 6e-4 * Math.abs(l))));
        const legend = id === 'fig-eigen' ? labels.every((label) => document.getElementById(`${id}-legend`)!.textContent!.includes(label)) : true;
        return { markup: document.getElementById(`${id}-points`)!.innerHTML + desc, shown: (id === 'fig-eigen' ? inside === centres.length : inside > 0) && read && legend };
      }));
      expect((await markers()).map((m) => m.shown)).toEqual([true, true]);
      for (let i = 0; i < 3; i++) {
        const was = await markers();
        await page.locator('#c-h').press('ArrowRight');
        const now = await markers();
        expect(now.map((m) => m.markup)).not.toEqual(was.map((m) => m.markup));
        expect(now.map((m) => m.shown)).toEqual([true, true]);
      }
      expect(await page.locator('#c-h-out').textContent()).not.toBe('0.2');

      // A slider says its value, not its position (the learning rate's is on a log scale).
      expect(await page.locator('#c-h').getAttribute('aria-valuetext')).toBe(await page.locator('#c-h-out').textContent());

      // Keyboard: a hyperparameter moves the continuous flow too, and the rings on its eigenvalue paths.
      const hp = richest.record.hyperparameters[0]!.name;
      const flow = await d('fig-field-flow');
      const ring = () => page.locator(`#fig-paths-${hp}-mark-0`).getAttribute('cx');
      const ringBefore = await ring();
      const ringLabel = await page.locator(`#fig-paths-${hp}-marks-label`).textContent();
      await page.locator(`#c-${hp}`).focus();
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      expect(await d('fig-field-flow')).not.toBe(flow);
      expect(await ring()).not.toBe(ringBefore);
      expect(await page.locator(`#fig-paths-${hp}-marks-label`).textContent()).not.toBe(ringLabel);

      // The method choice hides the other discrete trajectory.
      await page.getByLabel('alternating', { exact: true }).check();
      expect(await page.locator('#fig-field-simultaneous').getAttribute('visibility')).toBe('hidden');
      expect(await page.locator('#fig-field-alternating').getAttribute('visibility')).toBe('visible');

      // Reset brings the defaults back, the eigenvalue panels exactly as the build drew them.
      await page.locator('#reset').click();
      await page.waitForFunction((d) => document.getElementById('fig-field-simultaneous')?.getAttribute('d') === d, before);
      expect(await page.locator('#fig-eigen-pair').innerHTML()).toBe(pairAsBuilt);

      // The animation shows a dot on the trajectory and moves it along.
      await page.locator('#play').click();
      const dot = '#fig-field-dot-flow';
      await page.waitForFunction((dot) => document.querySelector(dot)?.getAttribute('visibility') === 'visible', dot);
      const start = await page.locator(dot).getAttribute('cx');
      expect(Number(start)).toBeGreaterThan(0);
      await page.waitForFunction(([dot, start]) => document.querySelector(dot!)?.getAttribute('cx') !== start, [dot, start]);
      expect(Number(await page.locator(dot).getAttribute('cx'))).toBeGreaterThan(0);
      await page.locator('#play').click();
      // Started again and again by real clicks: a first frame stamped before its click must not throw
      // (the test below hands 200 starts such a frame on purpose).
      for (let i = 0; i < 5; i++) {
        await page.locator('#play').click();
        await page.locator('#play').click();
      }
      expect(problems.console, problems.console.join('\n')).toEqual([]);

      const latency = await sliderLatency(page);
      console.log(
        `[site] slider -> redrawn trajectory (${latency.points - 1} steps, ${richest.id}): median ${latency.median.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms; ` +
          `to the next painted frame: median ${latency.frame.toFixed(1)} ms; main-thread CPU per redraw ${latency.cpu.toFixed(2)} ms`,
      );
      expect(latency.points).toBeGreaterThan(500);
      // The goal is 16 ms; the bound leaves room for a slow machine. CPU time, not the clock:
      // other processes on the machine lengthen the clock's reading, not the CPU's.
      expect(latency.cpu).toBeLessThan(50);

      keepScreenshot(await page.screenshot(), 'game-explored.png');
      noProblems(problems);
    });

    it('animates the iterates from 200 starts at random settings (seeded), the first frame stamped before the click included, with no page error', async () => {
      // The frames are handed to the animation by hand, at chosen times: a frame stamped before
      // its click (as a real one may be: its time is when it began), then one at a random time
      // within the animation's longest length (8 s), its end included.
      // The real frames ran above, clicked again and again.
      const failures = await page.evaluate((starts) => {
        // mulberry32: the same 200 settings every run.
        let seed = 20181;
        const random = (): number => {
          seed = (seed + 0x6d2b79f5) | 0;
          let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const sliders = Array.from(document.querySelectorAll<HTMLInputElement>('#controls input[type=range]'));
        const methods = Array.from(document.querySelectorAll<HTMLInputElement>('#controls input[name=method]'));
        const several = document.querySelector<HTMLInputElement>('#controls input[name=several]');
        const play = document.getElementById('play') as HTMLButtonElement;
        const dots = ['flow', 'simultaneous', 'alternating'].map((series) => [series, document.getElementById(`fig-field-dot-${series}`)!] as const);
        const realFrame = window.requestAnimationFrame;
        let pending: FrameRequestCallback | undefined;
        window.requestAnimationFrame = (callback) => ((pending = callback), 1);
        const found: string[] = [];
        try {
          for (let i = 0; i < starts; i++) {
            for (const slider of sliders) {
              const [min, max, step] = [Number(slider.min), Number(slider.max), Number(slider.step) || 1];
              slider.value = String(min + Math.round((random() * (max - min)) / step) * step);
            }
            const method = methods[Math.floor(random() * methods.length)]!;
            method.checked = true;
            if (several) several.checked = random() < 0.25;
            // One input event: the explorer reads every control at once.
            sliders[0]!.dispatchEvent(new Event('input', { bubbles: true }));
            const settings = `${sliders.map((s) => `${s.id}=${s.value}`).join(' ')} ${method.value}`;
            for (const [label, offset] of [['a frame stamped before the click', -16 * random()], ['a frame later', 8000 * random()]] as const) {
              for (const [, dot] of dots) dot.setAttribute('visibility', 'unset');
              if (label.startsWith('a frame stamped')) {
                pending = undefined;
                play.click();
              }
              const tick = pending as FrameRequestCallback | undefined;
              if (!tick) {
                found.push(`${i}, ${label}: no frame asked for (${settings})`);
                break;
              }
              tick(performance.now() + offset);
              for (const [series, dot] of dots) {
                const shown = series === 'flow' || method.value === 'both' || method.value === series;
                const [cx, cy] = ['cx', 'cy'].map((a) => Number(dot.getAttribute(a)));
                if (dot.getAttribute('visibility') !== (shown ? 'visible' : 'hidden') || !Number.isFinite(cx) || !Number.isFinite(cy)) found.push(`${i}, ${label}: the ${series} dot ${dot.getAttribute('visibility')} at (${cx}, ${cy}) (${settings})`);
              }
            }
            if (play.textContent === play.dataset.pause) play.click();
          }
        } finally {
          window.requestAnimationFrame = realFrame;
        }
        return found;
      }, 200);
      expect(failures).toEqual([]);
      noProblems(problems);
      await page.locator('#reset').click();
    });

    it('draws the runs from four more starts on request, for the methods shown, and says where they end', async () => {
      const extra = page.locator('#fig-field-extra path');
      expect(await extra.count()).toBe(0);
      await page.locator('#c-several').check();
      // Three series from each of the four starts, each a drawn path, and a dot at each start.
      expect(await extra.count()).toBe(12);
      expect(await page.locator('#fig-field-extra circle.start-extra').count()).toBe(4);
      const lengths = await extra.evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').length));
      expect(lengths.every((n) => n > 10), `${lengths}`).toBe(true);
      expect(await page.locator('#fig-field-desc').textContent()).toMatch(/the same runs from \(1\.5, 0\), \(0, 1\.5\), \(−1\.5, 0\), \(0, −1\.5\): continuous flow: \d runs? end /);
      const caption = page.locator('figure:has(#fig-field) figcaption');
      expect(await caption.textContent()).toMatch(/Lighter: the same runs from four more starts/);
      await page.locator('input[name=method][value=alternating]').check();
      expect(await extra.count()).toBe(8);
      expect(await page.locator('#fig-field-extra .traj-simultaneous').count()).toBe(0);
      await page.locator('input[name=method][value=both]').check();
      await page.locator('#c-several').uncheck();
      expect(await extra.count()).toBe(0);
      expect(await page.locator('#fig-field-desc').textContent()).not.toMatch(/same runs from/);
      expect(await caption.textContent()).not.toMatch(/Lighter/);
      noProblems(problems);
    });

    it('downloads every picture as SVG and as PNG at 300 dpi, named and marked with its parameters (the live values in the explorer)', async () => {
      // The page as the tests before left it: at its defaults again (their last steps reset it).
      const hp = richest.record.hyperparameters[0]!;
      const pictures = await page.locator('svg.plot').count();
      expect(await page.locator('.export button').count()).toBe(2 * pictures);
      const save = async (button: ReturnType<Page['locator']>): Promise<{ name: string; bytes: Buffer }> => {
        const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
        return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
      };

      // A picture of the defaults: the stability map of alternating steps.
      const map = page.locator(`svg#fig-stability-alternating-${hp.name}`);
      const bar = map.locator('xpath=following-sibling::div[@class="export"][1]');
      expect(await bar.locator('button').first().getAttribute('aria-label')).toMatch(/^Download “.+” as SVG$/);
      const svg = await save(bar.getByRole('button', { name: /as SVG$/ }));
      // Its marker stands at the explorer's (hyperparameter, h): their values, the page's defaults so far.
      expect(svg.name).toMatch(new RegExp(`^${richest.id}_stability-alternating-${hp.name}_${hp.name}-${hp.default}_h-0\\.2_.*\\.svg$`));
      const text = svg.bytes.toString('utf8');
      expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      const metadata = JSON.parse(/<metadata>(.*?)<\/metadata>/s.exec(text)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { figure: string; parameters: Record<string, unknown> };
      expect(metadata).toMatchObject({ figure: `fig-stability-alternating-${hp.name}`, parameters: { game: richest.id, [hp.name]: hp.default } });
      // The marks as on the page, and the rules that style them.
      const marks = await map.locator('path, rect, line, circle').count();
      expect((text.match(/<(path|rect|line|circle)\b/g) ?? []).length).toBe(marks);
      expect(text).toMatch(/<style>[^<]*\.rho-unstable/);

      // The PNG: its button says it is at work from the click (the handler marks it at once)
      // until the file is made.
      const pngButton = bar.getByRole('button', { name: /as PNG$/ });
      const [download, busyAtClick] = await Promise.all([page.waitForEvent('download'), pngButton.evaluate((b: HTMLButtonElement) => (b.click(), [b.getAttribute('aria-busy'), b.disabled]))]);
      expect(busyAtClick).toEqual(['true', true]);
      const png = { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
      await page.waitForFunction((b) => !(b as HTMLButtonElement).disabled && !b!.hasAttribute("aria-busy"), await pngButton.elementHandle());
      expect(png.name).toBe(svg.name.replace(/\.svg$/, '.png'));
      const bytes = png.bytes;
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const viewBox = (await map.getAttribute('viewBox'))!.split(' ').map(Number);
      expect(bytes.readUInt32BE(16)).toBe(Math.round(viewBox[2]! * 300 / 96));
      const chunks = new Map<string, Buffer>();
      for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) chunks.set(bytes.subarray(at + 4, at + 8).toString('latin1') + (chunks.has(bytes.subarray(at + 4, at + 8).toString('latin1')) ? at : ''), bytes.subarray(at + 8, at + 8 + bytes.readUInt32BE(at)));
      expect(chunks.get('pHYs')!.readUInt32BE(0)).toBe(11811);
      const texts = [...chunks].filter(([type]) => type.startsWith('tEXt')).map(([, data]) => data.toString('latin1'));
      expect(texts.find((t) => t.startsWith('Comment\0'))).toContain(`"${hp.name}":${hp.default}`);
      // Drawn: the browser decodes it, and much of it is not the white background.
      const inked = await page.evaluate(async (base64) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) coloured++;
        return coloured / (bitmap.width * bitmap.height);
      }, bytes.toString('base64'));
      expect(inked).toBeGreaterThan(0.05);

      // After the sliders moved: every picture keeps its buttons (the explorer redraws some in
      // place), and those it redraws or marks carry the values the sliders show now.
      await page.locator('#c-h').fill('700');
      await page.locator(`#c-${hp.name}`).focus();
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      expect(await page.locator('.export button').count()).toBe(2 * pictures);
      const h = (await page.locator('#c-h-out').textContent())!.trim();
      const value = (await page.locator(`#c-${hp.name}-out`).textContent())!.trim();
      expect(value).not.toBe(String(hp.default));
      const liveSvg = await save(page.locator('#fig-field ~ div.export').getByRole('button', { name: /as SVG$/ }));
      expect(liveSvg.name).toContain(`_h-${h}_`);
      expect(liveSvg.bytes.toString('utf8')).toContain(`"h":${h}`);
      const marked = await save(bar.getByRole('button', { name: /as SVG$/ }));
      expect(marked.name).toContain(`_${hp.name}-${value}_`);
      const eigen = await save(page.locator('#fig-eigen-pair ~ div.export').first().getByRole('button', { name: /as PNG$/ }));
      expect(eigen.name).toMatch(new RegExp(`^${richest.id}_eigen.*_h-${h}_`));
      await page.locator('#reset').click();
      noProblems(problems);
    });

    it('switches language to the same page and back', async () => {
      // The game page the tests before left open.
      expect(page.url()).toBe(gameUrl('en', richest.id));
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await fontsLoaded(page);
      await page.locator('a.lang-switch').click();
      await page.waitForURL(`**/zh/games/${richest.id}.html`);
      await fontsLoaded(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
      expect(await page.locator('h1').textContent()).toBe(richest.record.title.zh);
      await page.locator('a.lang-switch').click();
      await page.waitForURL(`**/en/games/${richest.id}.html`);
      await fontsLoaded(page);
      expect(await page.locator('h1').textContent()).toBe(richest.record.title.en);
      noProblems(problems);
    });

    it('copies a formula’s LaTeX with its button: the formula it sits on, not its label’s', async () => {
      // On the training page, whose variants are labelled with f(t) = ... (a formula in the label).
      await open(page, trainingUrl('en', richest.id));
      const plain = page.locator('.variant:has(button.copy)');
      const labelled = page.locator('.variant:has(.variant-label .katex):has(button.copy)');
      expect(await labelled.count()).toBeGreaterThan(0);
      for (const variant of [plain.first(), plain.nth(1), labelled.first(), labelled.nth(1)]) {
        const button = variant.locator('button.copy');
        await button.waitFor({ state: 'visible' });
        await button.click();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        const source = await variant.locator('.math annotation[encoding="application/x-tex"]').first().textContent();
        expect(copied).toBe(source);
        expect(copied.length).toBeGreaterThan(5);
        // Announced, and each button named for its formula.
        expect(await page.evaluate(() => document.getElementById('copy-status')?.textContent)).toBe('Copied');
        expect(await button.getAttribute('aria-label')).toMatch(/^Copy LaTeX: .+/);
      }
      const names = await page.locator('button.copy').evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
      expect(new Set(names).size, 'every Copy LaTeX button named apart').toBe(names.length);
      noProblems(problems);
    });
  });

  describe('the playground: the generator itself, in the page', () => {
    let context: BrowserContext;
    let problems: Problems;
    let page: Page;
    /** Not a budget: how long a wait may last before the test fails instead of hanging (a derivation takes 0.02-1 s). */
    const SETTLED_MS = 120_000;
    const ROOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
    const generated = (id: string): string => readFileSync(path.join(ROOT_DIR, 'generated', `${id}.json`), 'utf8');
    /** Waits until the worker's newest derivation is shown: of `file`, or with the command line's errors. */
    const settled = (on: Page, state: 'derived' | 'problems', file?: string): Promise<unknown> =>
      on.waitForFunction(
        ([state, file]) => document.body.dataset.playground === state && (!file || document.getElementById('pg-status')!.textContent!.includes(file)),
        [state, file] as const,
        { timeout: SETTLED_MS },
      );
    const editorText = async (): Promise<string> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#pg-download').click()]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const record = async (on: Page = page): Promise<string> => (await on.locator('#pg-record').textContent())!;

    beforeAll(async () => {
      ({ context, problems } = await watchedContext(browser, HOST, { viewport: DESKTOP, acceptDownloads: true }));
      page = await context.newPage();
      await page.goto(`${server.url}en/${PLAYGROUND_PATH}`);
      // Its first text, the template of `npm run new`, derives as the page opens.
      await settled(page, 'derived', 'derivations/my-game.ts');
    });
    afterAll(() => context?.close());

    /** What the playground showed after those moves, for each game of `drawn`, as it derived it. */
    const movedInPlayground = new Map<string, Awaited<ReturnType<typeof moved>>>();

    it('derives every game as `npm run generate` derived it, byte for byte (one typed into its editor line by line), and prints its code as the module does', async () => {
      // Every game but the last taken from the page's list of games (its file's text put in the
      // editor at once); the last typed line by line: a line's text entered as typed input (as an
      // input method commits it; not pasted), Enter between lines, so that the editor indents each
      // line itself, and the page derives the texts it passes through on the way as a reader's
      // typing would make it. The records depend on the engine's arithmetic (odex's step control,
      // optima at cusps of rho on grids of powers of ten): the browser's Math.pow is not Node's.
      // Typing each game cost the suite about 15 s of a core; `npm run bench:playground` types every game key by key.
      const differing: string[] = [];
      const typed = games.filter((g) => checked.has(g.id));
      const last = typed[typed.length - 1]!;
      const devtools = await context.newCDPSession(page);
      for (const game of typed) {
        const id = game.id;
        const file = readFileSync(path.join(ROOT_DIR, 'derivations', `${id}.ts`), 'utf8');
        if (game !== last) await page.selectOption('#pg-start', id);
        else {
          await page.locator('.cm-content').click();
          await page.keyboard.press('Control+A');
          await page.keyboard.press('Delete');
          // The inputs sent without waiting for each one's answer (the browser takes them in order): a
          // round trip each cost the test about 5 s.
          const inputs: Promise<unknown>[] = [];
          for (const [k, line] of file.split('\n').entries()) {
            if (k > 0) for (const type of ['keyDown', 'keyUp'] as const) inputs.push(devtools.send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, ...(type === 'keyDown' ? { text: '\r' } : {}) }));
            if (line.trim() !== '') inputs.push(devtools.send('Input.insertText', { text: line.trimStart() }));
          }
          await Promise.all(inputs);
        }
        // Derived afresh: nothing of this game kept yet (what earlier games left, such as the methods' linearisations, reused).
        await settled(page, 'derived', `derivations/${id}.ts`);
        expect(await page.locator('#pg-status').textContent(), id).not.toContain('the same game as an earlier text');
        if ((await record()) !== generated(id)) differing.push(id);
        // The file as typed, but for the indentation the editor gave each line (the record shows the
        // rest: its export was the file's).
        if (game === last) {
          const trimmed = (text: string): string[] => text.split('\n').map((line) => line.trimStart());
          expect(trimmed(await editorText()), id).toEqual(trimmed(file));
        }
        // The evaluators' code shown: the module's own fast paths, character for character.
        const code = (await page.locator('#pg-results .pg-code').allTextContents()).flatMap((text) => text.split(/\n\n(?=export function )/));
        const module = readFileSync(path.join(ROOT_DIR, 'generated', `${id}.ts`), 'utf8');
        expect(code.length, id).toBe(2);
        for (const fn of code) expect(module, `${id}: ${fn.split('\n')[0]}`).toContain(fn);
        // Its pictures moved here, while it is derived, for the test after (one derivation each).
        if (drawn.includes(game)) movedInPlayground.set(id, await moved(page, game));
      }
      console.log(`[site] playground: ${typed.length} games derived, ${last.id} typed: ${await page.locator('#pg-status').textContent()}`);
      expect(differing).toEqual([]);
      // Its sections as a game's own page shows them: the verdict, the formulas, the nonlinear analysis.
      expect(await page.locator('#pg-results .badge').count()).toBeGreaterThan(0);
      expect(await page.locator('#pg-results .katex').count()).toBeGreaterThan(10);
      expect(await page.locator('#pg-results #nonlinear').count()).toBe(1);

      // A comment typed key by key: the same game, its result shown again (not derived again), the record the file's.
      const shownBefore = Number(await page.evaluate(() => document.body.dataset.shown));
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('// typed in the browser\n');
      await page.waitForFunction((n) => document.body.dataset.playground === 'derived' && Number(document.body.dataset.shown) > n, shownBefore, { timeout: SETTLED_MS });
      expect(await page.locator('#pg-status').textContent()).toContain('the same game as an earlier text');
      expect(await record()).toBe(generated(last.id));
    });

    it(`redraws its pictures from the derived formulas as a slider moves, as the game's own page draws them with its generated module (${drawn.map((g) => g.id).join(', ')})`, async () => {
      // A game whose f is abstract is drawn with the sample activation: in the playground derived
      // again with it, on its page through the generated module's activation parameter. A field
      // over instance noise is the module's quadrature in both. The playground's moves were made
      // as the test before derived each of these games, so none is derived twice.
      for (const game of drawn) {
        let playground = movedInPlayground.get(game.id);
        if (!playground) {
          // Not among the games the test before derived (GAME= chose others).
          await page.selectOption('#pg-start', game.id);
          await settled(page, 'derived', `derivations/${game.id}.ts`);
          playground = await moved(page, game);
        }
        let generatedModule = movedOnOwnPage.get(game.id);
        if (!generatedModule) {
          // Not moved by the crawl: GAME= chose other games, the crawl read the page as a file
          // (another page ran its scripts), or it did not run (-t).
          const own = await context.newPage();
          await open(own, gameUrl('en', game.id));
          await own.locator('#controls').waitFor({ state: 'visible' });
          generatedModule = await moved(own, game);
          await own.close();
        }
        expect(playground.descriptions, game.id).toEqual(generatedModule.descriptions);
        expect(playground.field, game.id).toBe(generatedModule.field);
        playground.paths.forEach((path, k) => {
          expect(path.length, game.id).toBe(generatedModule.paths[k]!.length);
          // Each point written to 0.1 px: where two evaluations of a formula round a point apart, one step.
          expect(Math.max(...path.map((x, i) => Math.abs(x - generatedModule.paths[k]![i]!))), game.id).toBeLessThanOrEqual(0.1 + 1e-9);
        });
        // Moved: the defaults' pictures are not these.
        expect(playground.descriptions[0], game.id).not.toContain('(1, 1)');
      }
    });

    /** The editor's text replaced, as a reader pasting it would. */
    const paste = async (text: string): Promise<void> => {
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    };
    /** Until the page shows problems, the first one containing `needle` (or, `exact`, being it). */
    const firstProblem = (needle: string, exact = false) =>
      page.waitForFunction(([text, whole]) => {
        const first = document.querySelector('#pg-problems li')?.textContent;
        return document.body.dataset.playground === 'problems' && (whole ? first === text : first?.includes(text as string) === true);
      }, [needle, exact] as const, { timeout: SETTLED_MS });

    it('reports a malformed derivation as `npm run generate` does, and marks the text it concerns', async () => {
      const sectionsBefore = await page.locator('#pg-results > section').count();
      expect(sectionsBefore).toBeGreaterThan(0);
      await paste("export default { id: 'bad', titel: 'x', objective: [{ over: 'data', of: 'f(D(x)) * gamma' }] };");
      await settled(page, 'problems');
      // The last derivation stays, dimmed, out of reach and said to be the last text's, not emptied.
      expect(await page.locator('#pg-results > section').count()).toBe(sectionsBefore);
      expect(await page.evaluate(() => { const r = document.getElementById('pg-results')!; return r.inert && r.classList.contains('pg-stale'); })).toBe(true);
      expect(await page.locator('#pg-status').textContent()).toContain('of the last text that derived');
      // The expression's own syntax in its string: the format's functions, its symbols, a hyperparameter.
      expect(await page.locator('.cm-expr-function').allTextContents()).toEqual(['f', 'D']);
      expect(await page.locator('.cm-expr-symbol').allTextContents()).toEqual(['x']);
      expect(await page.locator('.cm-expr-name').allTextContents()).toEqual(['gamma']);
      const shown = await page.locator('#pg-problems li').allTextContents();
      expect(shown[0]).toContain("unknown field 'titel'");
      expect(await page.locator('.cm-lintRange-error').allTextContents()).toEqual(["titel: 'x'"]);
      const badText = await editorText();

      // A syntax error typed key by key: esbuild's message (its WebAssembly build, loaded for it), marked where it is.
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' }');
      await firstProblem('syntax error');
      const syntax = await page.locator('#pg-problems li').allTextContents();
      const syntaxText = await editorText();
      // A text that throws while it runs: marked at the place it throws (the property read of null).
      await paste("const w = (null as never as { w: string }).w; export default { id: 'bad', w };");
      await firstProblem('cannot be loaded');
      const thrown = await page.locator('#pg-problems li').allTextContents();
      const thrownText = await editorText();
      expect(thrown[0]).toContain("derivations/bad.ts:1:44: cannot be loaded: Cannot read properties of null (reading 'w')");
      expect(await page.locator('.cm-lintRange-error').allTextContents()).toEqual(['w']);
      await paste(syntaxText);
      await firstProblem(syntax[0]!, true);
      // The oracle: the command line itself, on the same texts as a file of a copy of the project.
      const project = tempProject();
      try {
        for (const [text, messages] of [[badText, shown], [syntaxText, syntax], [thrownText, thrown]] as const) {
          project.write('derivations/bad.ts', text);
          const result = await project.generate('--only', 'bad');
          expect(result.status).toBe(1);
          expect(messages).toEqual(result.stderr.split('\n').filter((line) => line.startsWith('error: ')));
        }
      } finally {
        project.remove();
      }
      // Named by the id the text declares, though the text does not run.
      expect(syntax[0]).toContain('derivations/bad.ts:1:');
      expect(await page.locator('.cm-lintRange-error').allTextContents()).toEqual(['}']);
      // Taken back: the text before, its messages again (the link of the next test holds it).
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace');
      await firstProblem(shown[0]!, true);
    });

    it('restores the text of a link to it, opened from the folder (file://), in Chinese', async () => {
      // The malformed text left by the test before: restored, it shows the same messages.
      const text = await editorText();
      const messages = await page.locator('#pg-problems li').allTextContents();
      await page.locator('#pg-link').click();
      const hash = new URL(page.url()).hash;
      expect(hash).toMatch(/^#game=[A-Za-z0-9_-]+$/);
      const other = await context.newPage();
      await other.goto(`file://${path.join(build.outDir, 'zh', PLAYGROUND_PATH)}${hash}`);
      await settled(other, 'problems');
      expect(await other.locator('#pg-problems li').allTextContents()).toEqual(messages);
      const [download] = await Promise.all([other.waitForEvent('download'), other.locator('#pg-download').click()]);
      expect(readFileSync((await download.path())!, 'utf8')).toBe(text);
      await other.close();
      noProblems(problems);
    });
  });

  it('reads the same without JavaScript, with static pictures', async () => {
    const { context, problems } = await watchedContext(browser, HOST, { javaScriptEnabled: false });
    const page = await context.newPage();
    // The pages are built by one function; a game with every control and one whose f is abstract cover it.
    for (const game of [richest, ...(abstract ? [abstract] : [])].filter((g) => checked.has(g.id))) {
      await open(page, gameUrl('en', game.id));
      expect(await page.locator('#controls').isVisible()).toBe(false);
      expect(await page.locator('button.copy').first().isVisible()).toBe(false);
      expect((await page.locator('#fig-field-flow').getAttribute('d'))!.length).toBeGreaterThan(100);
      expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    }
    noProblems(problems);
    await context.close();
  });

  it('works opened from the folder (file://)', async () => {
    const { context, problems } = await watchedContext(browser, HOST);
    const page = await context.newPage();
    await page.goto(`file://${path.join(build.outDir, 'en/games', `${richest.id}.html`)}`);
    await page.locator('#controls').waitFor({ state: 'visible' });
    expect(problems.console).toEqual([]);
    expect(problems.foreign).toEqual([]);
    await context.close();
  });

  it(`fits a phone’s width: a game page and two training pages (${(cycling ?? richest).id}'s in English, ${richest.id}'s in Chinese), with screenshots`, async () => {
    const { context, problems } = await watchedContext(browser, HOST, { viewport: PHONE });
    const page = await context.newPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // A formula wider than a phone scrolls in its box, which the keyboard reaches, scripts or
    // not, wherever it is on the page: every box is in the tab order and named apart from the
    // others on each of the three pages, and axe-core's rule finds no scrolling region out of
    // the keyboard's reach on the game page (axe takes a second a page of formulas).
    let scrolling = 0;
    const keyboardReachesFormulas = async (): Promise<void> => {
      const boxes = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.math')).map((b) => ({ name: b.tabIndex === 0 && b.getAttribute('role') === 'group' ? b.getAttribute('aria-label') ?? '' : '', scrolls: b.scrollWidth > b.clientWidth })));
      const names = boxes.map((b) => b.name);
      expect(names.filter((n) => n === ''), `${page.url()}: formula boxes out of the tab order or unnamed`).toEqual([]);
      expect(new Set(names).size, `${page.url()}: formula boxes of the same name`).toBe(names.length);
      scrolling += boxes.filter((b) => b.scrolls).length;
    };
    await open(page, gameUrl('en', richest.id));
    await keyboardReachesFormulas();
    expect(await axeViolations(page, ['scrollable-region-focusable']), 'scrolling regions the keyboard cannot reach (axe-core)').toEqual([]);
    await page.locator('#explore').scrollIntoViewIfNeeded();
    keepScreenshot(await page.screenshot(), `game-${richest.id}-phone.png`);
    expect(await overflow(), 'no sideways scrolling at phone width').toBeLessThanOrEqual(0);
    // Touch targets of at least 24 px; copy buttons under their formulas, not over them.
    const small = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('#controls input')).filter((i) => { const r = i.getBoundingClientRect(); return r.height < 23.5 || r.width < 23.5; }).map((i) => i.id || i.getAttribute('value')));
    expect(small, 'controls smaller than 24 CSS px').toEqual([]);
    const overlapping = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.variant')).filter((v) => {
      const button = v.querySelector<HTMLElement>('button.copy');
      const math = v.querySelector<HTMLElement>('.math');
      if (!button || button.hidden || !math) return false;
      const [b, m] = [button.getBoundingClientRect(), math.getBoundingClientRect()];
      return b.top < m.bottom && m.top < b.bottom && b.left < m.right && m.left < b.right;
    }).length);
    expect(overlapping, 'copy buttons over their formulas at phone width').toBe(0);
    // Training pages: the eigenvalue paths, the stability maps, the bounds' sentences.
    for (const [lang, game] of [['en', cycling ?? richest], ['zh', richest]] as const) {
      await open(page, trainingUrl(lang, game.id));
      await keyboardReachesFormulas();
      expect(await overflow(), `${lang} training page of ${game.id} at phone width`).toBeLessThanOrEqual(0);
      keepScreenshot(await stabilityScreen(page), `training-${game.id}-${lang}-phone.png`);
    }
    expect(scrolling, 'formula boxes that scroll at phone width').toBeGreaterThan(0);
    noProblems(problems);
    await context.close();
  });

  /** Pictures for a reader of the test's output, taken on the crawl's own visit of the page. */
  async function screenshotsOf(page: Page, url: string): Promise<void> {
    if (url === `${server.url}en/index.html`) keepScreenshot(await page.screenshot({ fullPage: true }), 'index.png');
    // The game page's first screen only: the whole page is 20 screens of formulas, and
    // rendering them all for a picture cost 1.5 s of a crawl of 18.
    if (url === gameUrl('en', richest.id)) keepScreenshot(await page.screenshot(), `game-${richest.id}.png`);
    if (url === trainingUrl('en', richest.id)) keepScreenshot(await stabilityScreen(page), `training-${richest.id}.png`);
    if (cycling && url === trainingUrl('en', cycling.id)) keepScreenshot(await stabilityScreen(page), `training-${cycling.id}.png`);
  }
});

/** A screen of a training page from its first stability map down: the whole section is 4-5
 * screens of pictures (1176 x 4229 px at the desktop width), and a picture of it all took
 * 1.1-1.5 s of a crawl of 8 s. */
async function stabilityScreen(page: Page): Promise<Buffer> {
  await page.locator('#stability svg[id^="fig-stability-"]').first().evaluate((map) => map.scrollIntoView({ block: 'start' }));
  return page.screenshot();
}

/** Time from a slider change to the redrawn trajectory of 500 steps: on the clock in the page
 * (for the report), and in CPU time of the page's main thread (Chromium's ThreadTime), which
 * other processes on the machine do not lengthen. */
async function sliderLatency(page: Page): Promise<{ median: number; p95: number; frame: number; cpu: number; points: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')!.value;
  const redraws = 40;
  const cpuBefore = await threadTime();
  const sync = await page.evaluate((redraws) => {
    const input = document.getElementById('c-h') as HTMLInputElement;
    const path = document.getElementById('fig-field-simultaneous') as unknown as SVGPathElement;
    const times: number[] = [];
    for (let i = 0; i < redraws; i++) {
      const t0 = performance.now();
      input.value = String(500 + (i % 2) * 100 + i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      path.getBBox();
      times.push(performance.now() - t0);
    }
    // Points in the path: M x,y then a relative step dx,dy per point.
    const points = (path.getAttribute('d')!.match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).length / 2;
    return { times, points };
  }, redraws);
  const cpu = ((await threadTime()) - cpuBefore) * 1000 / redraws;
  await cdp.detach();
  const frame = await page.evaluate(async () => {
    const input = document.getElementById('c-h') as HTMLInputElement;
    const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      input.value = String(400 + 4 * i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextFrame();
      times.push(performance.now() - t0);
    }
    return times;
  });
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return { median: sorted(sync.times)[redraws / 2]!, p95: sorted(sync.times)[Math.floor(redraws * 0.95)]!, frame: sorted(frame)[5]!, cpu, points: sync.points };
}
