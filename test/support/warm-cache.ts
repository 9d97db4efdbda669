/**
 * vitest's global setup: where the generator's cache holds nothing for the code as it is (a
 * fresh node_modules, or the first run after an edit of generator/ or runtime/, which changes
 * the cache's key), derive the committed games into it once, before the test files start
 * (generator/warm.mjs, what the install runs). Otherwise every generator process the tests
 * start, in both workers at once, derived the same games cold: the suite took 22 s more than
 * warm (102.9 s against 80.9 s); with this step, 7.5 s more (99.8 s against 92.2 s, at a slower
 * hour), the step's 4 s included. Where anything is kept it costs nothing (a hash of the code);
 * that is also its limit: a cache a single game's run began is taken for a warm one.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasKept } from '../../generator/cache-store.js';

export default function setup(): void {
  if (hasKept()) return;
  spawnSync(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), '../../generator/warm.mjs')], { stdio: 'inherit' });
}
