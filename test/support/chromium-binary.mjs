// The Chromium binary for the browser tests, decompressed once into node_modules/.cache/.
//
// @sparticuz/chromium ships Chromium compressed inside its npm package (so `npm install` is
// all a machine needs) and decompresses its 190 MB into os.tmpdir() at each use, leaving it
// there. Here it is decompressed once, next to the package it comes from (removed with
// node_modules, a new folder for a new version), and reused by every run. Two runs starting
// at once each decompress into a folder of their own and the first rename wins, so neither
// ever starts a half-written binary.
//
// Plain JavaScript so that `npm install` can run it (package.json's "prepare": the three
// seconds of decompression belong to the install, not to the first test run); the tests
// import it through browser.ts.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGE = path.join(ROOT, 'node_modules/@sparticuz/chromium');

/** The binary in the cache, decompressed there first if need be. */
export async function chromiumBinary() {
  const version = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version;
  const cache = path.join(ROOT, 'node_modules/.cache', `sparticuz-chromium-${version}`);
  const binary = path.join(cache, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = `${cache}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // The package writes wherever os.tmpdir() points, which reads TMPDIR at each call.
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    await chromium.executablePath(path.join(PACKAGE, 'bin'));
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    renameSync(staging, cache);
  } catch (error) {
    // Another run got there first: its copy is as good as this one.
    if (!existsSync(binary)) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

// As npm's prepare: an install without the dev dependencies (no browser tests) has nothing to unpack.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href && existsSync(PACKAGE)) await chromiumBinary();
