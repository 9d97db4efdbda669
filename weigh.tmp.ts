import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { startServer } from './site/serve.js';
const server = await startServer({ root: 'site/build', host: '127.0.0.1', port: 0 });
const DROPPED = new Set(['--single-process', '--disable-web-security']);
const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: [...chromium.args.filter((f) => !DROPPED.has(f)), '--headless', '--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext()).newPage();
for (const id of process.argv.slice(2)) for (const lang of ['en', 'zh']) {
  const rs: Promise<number>[] = [];
  const l = (r: any) => { if (!/\.(woff2?|ttf)$/.test(new URL(r.url()).pathname)) rs.push(r.body().then((b: Buffer) => b.length)); };
  page.on('response', l);
  await page.goto(`${server.url}${lang}/games/${id}.html`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  page.off('response', l);
  const sizes = await Promise.all(rs);
  console.log(lang, id, Math.round(sizes.reduce((a, b) => a + b, 0) / 1024), 'KB', sizes.length);
}
await browser.close(); await server.close();
