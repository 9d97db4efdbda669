/**
 * `npm run audit:site`: axe-core, every rule, on every page of the site at a desktop's width
 * (1280 px) and a phone's (390 px), in headless Chromium, and a screenshot of each page's first
 * screen at each width into test/artifacts/audit/: what issue 13 asks of every page, which
 * takes minutes (axe spends 1-9 s on a page of formulas), so it runs here rather than in
 * `npm test`, whose browser test runs axe's scrolling-region rule on a phone-width game page
 * and checks every formula box of the pages it loads for what that rule needs. The site is built
 * into the temp folder (from the site's cache where it is warm) and served on the loopback.
 * Prints each page's serious and critical violations and the time axe took; exit 1 if any.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../site/build.js';
import { startServer } from '../site/serve.js';
import { noArguments } from './no-arguments.js';
import { ROOT } from './root.js';
import { axeViolations, launchChromium, open, watchedContext } from '../test/support/browser.js';
import { PLAYGROUND_PATH } from '../site/pages/playground.js';

const WIDTHS = [1280, 390] as const;
const HOST = '127.0.0.1';
const SCREENSHOTS = path.join(ROOT, 'test/artifacts/audit');

const USAGE = `usage: npm run audit:site

Builds the site in the temp folder and runs axe-core (every rule) on every page at 1280 and
390 px in headless Chromium, with a screenshot of each into test/artifacts/audit/ (about
six minutes on a 2-core machine); exit 1 on any serious or critical violation.
  -h, --help       this text`;
noArguments(USAGE);

const temp = mkdtempSync(path.join(tmpdir(), 'dirac-gan-a11y-'));
let failed = 0;
try {
  const build = await buildSite({ outDir: path.join(temp, 'site'), quiet: true });
  const server = await startServer({ root: build.outDir, host: HOST, port: 0 });
  const browser = await launchChromium();
  const started = performance.now();
  try {
    // One tab per width, side by side: the machine's two cores each read one.
    await Promise.all(WIDTHS.map(async (width) => {
      const { context } = await watchedContext(browser, HOST, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const relative of [...build.pages].sort()) {
        await open(page, `${server.url}${relative}`);
        // The playground's content is its first derivation's: audited once it is shown.
        if (relative.endsWith(`/${PLAYGROUND_PATH}`)) await page.waitForFunction(() => document.body.dataset.playground === 'derived', null, { timeout: 120_000 });
        const shot = path.join(SCREENSHOTS, String(width), relative.replace(/\.html$/, '.png'));
        mkdirSync(path.dirname(shot), { recursive: true });
        writeFileSync(shot, await page.screenshot());
        const t0 = performance.now();
        const violations = await axeViolations(page);
        const seconds = (performance.now() - t0) / 1000;
        failed += violations.length;
        console.log([`${width} px  ${relative.padEnd(44)} ${violations.length === 0 ? 'none' : `${violations.length} serious or critical`} (axe ${seconds.toFixed(1)} s)`, ...violations.map((v) => `    ${v}`)].join('\n'));
      }
      await context.close();
    }));
  } finally {
    await browser.close();
    await server.close();
  }
  const pages = build.pages.length * WIDTHS.length;
  console.log(`\n${pages} page views (${build.pages.length} pages at ${WIDTHS.join(' and ')} px): ${failed === 0 ? 'no serious or critical violation' : `${failed} serious or critical violations`} (${Math.round((performance.now() - started) / 1000)} s); screenshots in ${path.relative(process.cwd(), SCREENSHOTS)}/.`);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  failed = failed || 1;
} finally {
  rmSync(temp, { recursive: true, force: true });
}
process.exitCode = failed === 0 ? 0 : 1;
