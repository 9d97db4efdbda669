/**
 * The site in a real browser: a fresh build in a temporary folder, served by site/serve.ts
 * on 127.0.0.1 at a random port, read by headless Chromium (the one @sparticuz/chromium ships
 * inside its npm package, so `npm install` is all a machine needs) through playwright-core.
 *
 * Every page is crawled from the two index pages: no console error, no failed request, no
 * request to another host, no KaTeX error, every picture present and described, every link
 * and anchor resolving. Every stability map and eigenvalue-path picture is where it should be
 * and drawn. Then the behaviour: sliders redraw, the language switch, the copy button, the
 * animation, the pages without JavaScript, the article companion's slots. The figures the
 * brief asks for (build time, page weight, slider latency) are printed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SLOTS } from '../generator/contract/article.js';
import { buildSite } from '../site/build.js';
import type { BuildResult } from '../site/build.js';
import { loadGames } from '../site/data/games.js';
import { expectedPictures, hasTrainingPage } from '../site/pages/training.js';
import { startServer } from '../site/serve.js';
import type { RunningServer } from '../site/serve.js';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOST = '127.0.0.1';

/** @sparticuz/chromium's flags are for serverless sandboxes: one process, no web security.
 * A test wants an ordinary browser, so those two are left out. */
const DROPPED_FLAGS = new Set(['--single-process', '--disable-web-security']);

let temp: string;
let build: BuildResult;
let server: RunningServer;
let browser: Browser;

/** A game with hyperparameters and a Jacobian at the equilibrium, to exercise every control. */
const games = loadGames();
const richest = games.find((g) => g.record.hyperparameters.length > 0 && g.differentiable) ?? games[0]!;
const gameUrl = (lang: string, id: string): string => `${server.url}${lang}/games/${id}.html`;
const trainingUrl = (lang: string, id: string): string => `${server.url}${lang}/games/${id}-training.html`;

beforeAll(async () => {
  temp = mkdtempSync(path.join(tmpdir(), 'dirac-gan-site-'));
  build = await buildSite({ outDir: path.join(temp, 'site') });
  console.log(`[site] build: ${build.pages.length} pages in ${Math.round(build.milliseconds)} ms`);
  server = await startServer({ root: build.outDir, host: HOST, port: 0 });
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [
      ...chromium.args.filter((flag) => !DROPPED_FLAGS.has(flag)),
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A fresh, empty --user-data-dir: playwright's launch makes one in the temp folder itself.
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

interface Problems {
  readonly console: string[];
  readonly failed: string[];
  readonly foreign: string[];
}

/** A context that records console errors, failed requests and requests to other hosts
 * (which it also blocks, so nothing leaves the machine). */
async function watchedContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; problems: Problems }> {
  const context = await browser.newContext(options);
  const problems: Problems = { console: [], failed: [], foreign: [] };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'file:' || url.hostname === HOST) return route.continue();
    problems.foreign.push(url.href);
    return route.abort();
  });
  context.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.console.push(error.error().message));
  context.on('requestfailed', (request) => problems.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  context.on('response', (response) => {
    if (response.status() >= 400) problems.failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return { context, problems };
}

/** Opens a page and waits for its fonts too: leaving a page with a font still loading would
 * abort that request, and it would count as a failed one. */
async function open(page: Page, url: string): Promise<number | undefined> {
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return response?.status();
}

const noProblems = (p: Problems): void => {
  expect(p.console, 'console errors').toEqual([]);
  expect(p.failed, 'failed requests').toEqual([]);
  expect(p.foreign, 'requests to other hosts').toEqual([]);
};

/** What a page shows that the crawl checks. */
async function inspect(page: Page): Promise<{ links: string[]; anchors: string[]; katexErrors: number; katex: number; pictures: { id: string; ok: boolean; why: string }[]; lang: string }> {
  return page.evaluate(() => {
    const pictures = Array.from(document.querySelectorAll<SVGSVGElement>('svg.plot')).map((svg) => {
      const box = svg.getBoundingClientRect();
      const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? '';
      const desc = svg.querySelector(':scope > desc')?.textContent?.trim() ?? '';
      const labelled = (svg.getAttribute('aria-labelledby') ?? '').split(' ').every((id) => document.getElementById(id));
      // Something beyond the axes and the legend: a path with a real d, a line or a circle.
      const marks = Array.from(svg.querySelectorAll('path, line, circle')).filter((m) => !m.closest('.axes, .legend, defs'));
      const drawn = marks.length > 0 && marks.every((m) => m.tagName !== 'path' || (m.getAttribute('d') ?? '').length > 3);
      const why = [box.width > 50 && box.height > 50 ? '' : 'empty box', title ? '' : 'no title', desc ? '' : 'no desc', labelled ? '' : 'aria-labelledby', drawn ? '' : 'nothing drawn'].filter(Boolean).join(', ');
      return { id: svg.id, ok: why === '', why };
    });
    return {
      links: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).map((a) => a.href),
      anchors: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
      katexErrors: document.querySelectorAll('.katex-error').length,
      katex: document.querySelectorAll('.katex').length,
      pictures,
      lang: document.documentElement.lang,
    };
  });
}

describe('the built site in Chromium', () => {
  it('builds quickly', () => {
    expect(build.milliseconds).toBeLessThan(20_000);
  });

  it('loads every page cleanly, with formulas, pictures and working links', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    // The root page sends the reader on to the English index.
    await page.goto(server.url);
    await page.waitForURL('**/en/index.html');
    const queue = [`${server.url}en/index.html`, `${server.url}zh/index.html`];
    const seen = new Set<string>();
    const anchorsOf = new Map<string, Set<string>>();
    const wanted: { from: string; to: string; hash: string }[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      expect(await open(page, url), url).toBe(200);
      const found = await inspect(page);
      anchorsOf.set(page.url().split('#')[0]!, new Set(found.anchors));
      expect(found.katexErrors, `${url}: KaTeX errors`).toBe(0);
      for (const picture of found.pictures) expect(picture.why, `${url} #${picture.id}`).toBe('');
      for (const link of found.links) {
        const target = new URL(link);
        if (target.hostname !== HOST) continue;
        const bare = `${target.origin}${target.pathname}`;
        if (target.hash) wanted.push({ from: url, to: bare, hash: decodeURIComponent(target.hash.slice(1)) });
        if (!seen.has(bare)) queue.push(bare);
      }
      if (url.endsWith('/index.html')) expect(found.katex).toBeGreaterThan(0);
    }
    // Every page of both languages was reached by following links.
    for (const built of build.pages) expect(seen.has(`${server.url}${built}`), built).toBe(true);
    for (const w of wanted) expect(anchorsOf.get(w.to)?.has(w.hash), `${w.from} -> ${w.to}#${w.hash}`).toBe(true);
    noProblems(problems);
    console.log(`[site] crawled ${seen.size} pages, ${wanted.length} anchor links`);
    await context.close();
  });

  it('fills every slot of the article companion, in the article’s order', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    for (const lang of ['en', 'zh']) {
      await open(page, `${server.url}${lang}/article.html`);
      const slots = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-slot]')).map((el) => ({
          id: el.dataset.slot!,
          formulas: el.querySelectorAll('.slot-body .katex-display').length,
          pictures: Array.from(el.querySelectorAll('.slot-body svg.plot')).filter((svg) => svg.querySelectorAll(':scope > path, :scope > line, :scope > circle, :scope > g:not(.axes):not(.legend) > *').length > 0).length,
        })),
      );
      expect(slots.map((s) => s.id)).toEqual(ARTICLE_SLOTS.map((s) => s.id));
      for (const slot of slots) expect(slot.formulas + slot.pictures, `${lang} slot ${slot.id}`).toBeGreaterThan(0);
      for (const slot of ARTICLE_SLOTS) {
        const filled = slots.find((s) => s.id === slot.id)!;
        if (slot.kind === 'figure') expect(filled.pictures, `${slot.id} is a figure`).toBeGreaterThan(0);
        else expect(filled.formulas, `${slot.id} is an equation`).toBeGreaterThan(0);
      }
      // The article is cited by its title and link.
      const cited = await page.locator('main a[rel=external]').first().getAttribute('href');
      expect(cited).toMatch(/^https:\/\//);
    }
    noProblems(problems);
    await context.close();
  });

  it('draws every stability map and eigenvalue-path picture on the pages that should have them', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    let maps = 0;
    let paths = 0;
    for (const lang of ['en', 'zh']) {
      for (const game of games) {
        const expected = expectedPictures(game);
        const pages = [
          { url: gameUrl(lang, game.id), ids: expected.game },
          ...(hasTrainingPage(game) ? [{ url: trainingUrl(lang, game.id), ids: expected.training }] : []),
        ];
        for (const { url, ids } of pages) {
          await open(page, url);
          const found = await page.evaluate(() =>
            Array.from(document.querySelectorAll<SVGSVGElement>('svg[id^="fig-stability-"], svg[id^="fig-paths-"], svg[id^="fig-mu-"]')).map((svg) => {
              const box = svg.getBoundingClientRect();
              // The marks of the plot, not the swatches of its legend.
              const marks = (selector: string) => Array.from(svg.querySelectorAll(selector)).filter((m) => !m.closest('.legend'));
              const drawn = (selector: string) => marks(selector).filter((p) => (p.getAttribute('d') ?? '').length > 10).length;
              return {
                id: svg.id,
                box: box.width > 100 && box.height > 100,
                described: (svg.querySelector(':scope > title')?.textContent ?? '').length > 10 && (svg.querySelector(':scope > desc')?.textContent ?? '').length > 20,
                regions: drawn('path.rho-unstable, path.rho-cycles, path.rho-level'),
                stable: marks('rect.rho-stable').length,
                marker: marks('circle.stability-marker').length,
                paths: drawn('path.eig-path'),
                rings: marks('circle.path-mark').length,
                boundary: marks('.boundary').length,
                still: svg.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
              };
            }),
          );
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
    expect(maps).toBeGreaterThan(0);
    expect(paths).toBeGreaterThan(0);
    noProblems(problems);
    await context.close();
  });

  it('redraws the trajectory and the eigenvalues when a slider moves, by pointer or keyboard', async () => {
    const { context, problems } = await watchedContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await open(page, gameUrl('en', richest.id));
    await expect.poll(() => page.locator('#controls').isVisible()).toBe(true);
    const d = (id: string) => page.locator(`#${id}`).getAttribute('d');

    // Every slider is a native range input with a label.
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLInputElement>('input[type=range]')).filter((i) => !i.labels || i.labels.length === 0 || !i.labels[0]!.textContent?.trim()).map((i) => i.id));
    expect(unlabelled).toEqual([]);

    const before = await d('fig-field-simultaneous');
    const eigenBefore = await page.locator('#fig-eigen').innerHTML();
    await page.locator('#c-h').fill('700');
    expect(await d('fig-field-simultaneous')).not.toBe(before);
    expect(await page.locator('#fig-eigen').innerHTML()).not.toBe(eigenBefore);
    expect(await page.locator('#c-h-out').textContent()).not.toBe('0.2');

    // Keyboard: a hyperparameter moves the continuous flow too, and the rings on its eigenvalue paths.
    const hp = richest.record.hyperparameters[0]!.name;
    const flow = await d('fig-field-flow');
    const ring = () => page.locator(`#fig-paths-${hp}-mark-0`).getAttribute('cx');
    const ringBefore = await ring();
    const ringLabel = await page.locator(`#fig-paths-${hp}-marks-label`).textContent();
    await page.locator(`#c-${hp}`).focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    expect(await d('fig-field-flow')).not.toBe(flow);
    expect(await ring()).not.toBe(ringBefore);
    expect(await page.locator(`#fig-paths-${hp}-marks-label`).textContent()).not.toBe(ringLabel);

    // The method choice hides the other discrete trajectory.
    await page.getByLabel('alternating', { exact: true }).check();
    expect(await page.locator('#fig-field-simultaneous').getAttribute('visibility')).toBe('hidden');
    expect(await page.locator('#fig-field-alternating').getAttribute('visibility')).toBe('visible');

    // Reset brings the defaults back.
    await page.locator('#reset').click();
    await expect.poll(() => d('fig-field-simultaneous')).toBe(before);

    // The animation moves a dot along the trajectory.
    await page.locator('#play').click();
    await page.waitForTimeout(400);
    expect(await page.locator('#fig-field-dot-flow').getAttribute('visibility')).toBe('visible');
    expect(Number(await page.locator('#fig-field-dot-flow').getAttribute('cx'))).toBeGreaterThan(0);
    await page.locator('#play').click();

    // Time from a slider change to the redrawn trajectory of 500 steps, in the page.
    const latency = await page.evaluate(async () => {
      const input = document.getElementById('c-h') as HTMLInputElement;
      const path = document.getElementById('fig-field-simultaneous') as unknown as SVGPathElement;
      const sync: number[] = [];
      const frame: number[] = [];
      const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        input.value = String(500 + (i % 2) * 100 + i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        path.getBBox();
        sync.push(performance.now() - t0);
        if (i % 4 === 0) {
          const t1 = performance.now();
          input.value = String(400 + i);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await nextFrame();
          frame.push(performance.now() - t1);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
      // Points in the path: M x,y then a relative step dx,dy per point.
      const points = (path.getAttribute('d')!.match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).length / 2;
      return { median: median(sync), p95: p95(sync), frame: median(frame), points };
    });
    console.log(
      `[site] slider -> redrawn trajectory (${latency.points - 1} steps, ${richest.id}): median ${latency.median.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms; ` +
        `to the next painted frame: median ${latency.frame.toFixed(1)} ms`,
    );
    expect(latency.points).toBeGreaterThan(500);
    // The goal is 16 ms; the bound here leaves room for a machine busy with other tests.
    expect(latency.median).toBeLessThan(50);

    await page.screenshot({ path: path.join(ARTIFACTS, 'game-explored.png') });
    noProblems(problems);
    await context.close();
  });

  it('copies a formula’s LaTeX with its button', async () => {
    const { context, problems } = await watchedContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    const page = await context.newPage();
    await open(page, gameUrl('en', richest.id));
    const button = page.locator('button.copy').first();
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const source = await page.locator('.formula').first().locator('annotation[encoding="application/x-tex"]').first().textContent();
    expect(copied).toBe(source);
    expect(copied.length).toBeGreaterThan(5);
    noProblems(problems);
    await context.close();
  });

  it('switches language to the same page and back', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await open(page, gameUrl('en', richest.id));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('a.lang-switch').click();
    await page.waitForURL(`**/zh/games/${richest.id}.html`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('h1').textContent()).toBe(richest.record.title.zh);
    await page.locator('a.lang-switch').click();
    await page.waitForURL(`**/en/games/${richest.id}.html`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await page.locator('h1').textContent()).toBe(richest.record.title.en);
    noProblems(problems);
    await context.close();
  });

  it('reads the same without JavaScript, with static pictures', async () => {
    const { context, problems } = await watchedContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const game of games) {
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
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`file://${path.join(build.outDir, 'en/games', `${richest.id}.html`)}`);
    await expect.poll(() => page.locator('#controls').isVisible()).toBe(true);
    expect(problems.console).toEqual([]);
    expect(problems.foreign).toEqual([]);
    await context.close();
  });

  it('keeps game pages light and saves screenshots', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { context, problems } = await watchedContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const weights: string[] = [];
    for (const lang of ['en', 'zh']) {
      for (const game of games) {
        const responses: { url: string; transfer: number; raw: number }[] = [];
        const collect = async (response: import('playwright-core').Response): Promise<void> => {
          const sizes = await response.request().sizes();
          responses.push({ url: response.url(), transfer: sizes.responseBodySize, raw: (await response.body()).length });
        };
        const pending: Promise<void>[] = [];
        const listener = (response: import('playwright-core').Response): void => void pending.push(collect(response));
        page.on('response', listener);
        await page.goto(gameUrl(lang, game.id), { waitUntil: 'load' });
        await page.waitForLoadState('networkidle');
        page.off('response', listener);
        await Promise.all(pending);
        const counted = responses.filter((r) => !/\.(woff2?|ttf)$/.test(new URL(r.url).pathname));
        const transfer = counted.reduce((s, r) => s + r.transfer, 0);
        const raw = counted.reduce((s, r) => s + r.raw, 0);
        weights.push(`${lang}/${game.id} ${Math.round(raw / 1024)} KB (${Math.round(transfer / 1024)} KB gzip)`);
        // The goal: under 300 KB without fonts, uncompressed (the server gzips to about a fifth).
        expect(raw, `${lang}/${game.id}: bytes without fonts, uncompressed`).toBeLessThan(300 * 1024);
        expect(transfer, `${lang}/${game.id}: bytes transferred without fonts`).toBeLessThan(raw);
      }
    }
    console.log(`[site] game page weight without fonts, uncompressed (gzip transferred): ${weights.join('; ')}`);
    await open(page, `${server.url}en/index.html`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'index.png'), fullPage: true });
    await open(page, gameUrl('en', richest.id));
    await page.screenshot({ path: path.join(ARTIFACTS, `game-${richest.id}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, gameUrl('en', richest.id));
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `game-${richest.id}-phone.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no sideways scrolling at phone width').toBeLessThanOrEqual(0);
    // The training page: the eigenvalue paths and the stability maps, at phone width and on a desktop.
    for (const lang of ['en', 'zh']) {
      await open(page, trainingUrl(lang, richest.id));
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${lang} training page at phone width`).toBeLessThanOrEqual(0);
      await page.locator('#stability').screenshot({ path: path.join(ARTIFACTS, `training-${richest.id}-${lang}-phone.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, trainingUrl('en', richest.id));
    await page.locator('#stability').screenshot({ path: path.join(ARTIFACTS, `training-${richest.id}.png`) });
    const cycling = games.find((g) => expectedPictures(g).training.length > 0 && g.record.verdict.verdict === 'purely-imaginary');
    if (cycling) {
      await open(page, trainingUrl('en', cycling.id));
      await page.locator('#stability').screenshot({ path: path.join(ARTIFACTS, `training-${cycling.id}.png`) });
    }
    noProblems(problems);
    await context.close();
  });
});
