/**
 * Headless Chromium for the browser tests: the one @sparticuz/chromium ships inside its npm
 * package (so `npm install` is all a machine needs, and it decompresses the binary once:
 * chromium-binary.mjs), driven through playwright-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumBinary } from './chromium-binary.mjs';

/** @sparticuz/chromium's flags are for serverless sandboxes: one process, no web security,
 * and GPU compositing emulated in software (SwiftShader) for pages that need WebGL. A test
 * wants an ordinary browser, and the site draws with SVG only: with those flags
 * left out, Chromium composites in software directly, which halves the CPU time of a crawl of
 * the site (measured: 38 -> 21 s for 64 pages, the same wall time). */
const DROPPED_FLAGS = new Set([
  '--single-process',
  '--disable-web-security',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--in-process-gpu',
]);

/** V8's tiers for a test run, which runs a great deal of page code a few times each (the
 * playground's generator, esbuild's WebAssembly, the pages' scripts): Maglev as the top tier for
 * JavaScript, Liftoff alone for WebAssembly. At V8's defaults, TurboFan's background compiles of
 * that code took more of the renderer's CPU than the code itself (its compile threads 8.4 s
 * against 4.6 s for the playground's derivation worker over the 20 games, about half of it in the
 * kernel, allocating and releasing compile memory); with these, the playground's 20 derivations
 * and its first syntax error took 12.4-13.2 s of Chromium's CPU instead of 14.2-15.5 (three
 * runs each, alternated), the whole site test 71-77 s of CPU instead of 75-81. And V8 on one
 * thread (--single-threaded: its compiles and garbage collection on the thread that runs the
 * code, none in the background): on two cores busy with the other test files, handing work
 * between threads cost more than it saved: the site test 70.6-75.0 s of the machine's CPU
 * instead of 74.6-84.3 (four runs each, alternated, on a busy machine); on an idle one the two
 * were alike (31.1-32.5 s against 30.5-32.5, three runs each, alternated). These flags change how
 * fast code runs, never what it computes. What a reader's browser does is the benchmarks'
 * to measure (`npm run bench:latency`, `bench:playground`), at V8's defaults. */
const TEST_TIERS = '--js-flags=--max-opt=2 --liftoff-only --single-threaded';

/** A headless browser. No timeout on starting it: a busy machine is slow, not broken. With
 * `forTests`, V8 runs at the tiers above; the benchmarks leave it at its defaults. */
export async function launchChromium(options: { forTests?: boolean } = {}): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromiumBinary(),
    timeout: 0,
    args: [
      ...chromium.args.filter((flag) => !DROPPED_FLAGS.has(flag)),
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Nothing leaves the machine: every request but to the loopback (which Chromium never
      // sends through a proxy) goes to a proxy on the discard port, which refuses it.
      '--proxy-server=http://127.0.0.1:9',
      ...(options.forTests ? [TEST_TIERS] : []),
      // A fresh, empty --user-data-dir: playwright's launch makes one in the temp folder and removes it on close.
    ],
  });
}

export interface Problems {
  readonly console: string[];
  readonly failed: string[];
  readonly foreign: string[];
}

/** A context that records console errors, failed requests and requests to other hosts
 * (which the browser's dead proxy refuses: see launchChromium). Nothing is routed through
 * this process, so the browser's cache works as a reader's would; each page's bytes are still
 * its own in Resource Timing (encoded and decoded body sizes, cached or not).
 * No timeouts: every wait is on a condition, which a busy machine only delays. */
export async function watchedContext(browser: Browser, host: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; problems: Problems }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(0);
  context.setDefaultNavigationTimeout(0);
  const problems: Problems = { console: [], failed: [], foreign: [] };
  context.on('request', (request) => {
    const url = new URL(request.url());
    // blob: URLs are the page's own memory (a picture's download), not a host.
    if (!['data:', 'file:', 'blob:'].includes(url.protocol) && url.hostname !== host) problems.foreign.push(url.href);
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
 * abort that request, and it would count as a failed one. So it first waits for the fonts of
 * the page it leaves, which scrolling or a screenshot may have sent for since it loaded. */
export async function open(page: Page, url: string): Promise<number | undefined> {
  if (page.url() !== 'about:blank') await fontsLoaded(page);
  const response = await page.goto(url, { waitUntil: 'load' });
  await fontsLoaded(page);
  return response?.status();
}

/** Waits until no font is loading. A font is sent for when text set in it is laid out, so
 * the page is laid out first: otherwise `ready` may resolve before a pending layout asks. */
export const fontsLoaded = (page: Page): Promise<void> =>
  page.evaluate(() => {
    document.documentElement.getBoundingClientRect();
    return document.fonts.ready.then(() => undefined);
  });

/** axe-core's source, injected into a page by `axeViolations`: read at its first use. */
let axeSource: string | undefined;

/** The serious and critical violations axe-core (Deque's accessibility engine) finds on the page,
 * as "rule (impact): target" lines: of the given rules, or of every rule (a whole run takes
 * seconds on a page of formulas). */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}), resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
  }, rules);
}
