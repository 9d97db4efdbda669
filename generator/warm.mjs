// npm's `prepare` after an install: derives the committed games once, as `npm run generate --
// --check` does, so that their derivations are in the generator's cache (cache-store.ts) and
// its bundle is built (bundled.mjs) before the first `npm run generate`, `npm start` or `npm
// test`: each of those would otherwise derive all of them cold (about 5 s of CPU; the test
// suite about 20 s longer, its generator runs and site build all waiting on the same
// derivations). As the Chromium the tests use is unpacked at install (test/support/
// chromium-binary.mjs). Never fails the install: a derivation being written may not derive yet,
// and the commands themselves report that.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const started = performance.now();
const launch = path.join(path.dirname(fileURLToPath(import.meta.url)), 'launch.mjs');
const { status } = spawnSync(process.execPath, [launch, '--check'], { stdio: 'ignore' });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(status === 0
  ? `generator: derived every game into node_modules/.cache/dirac-gan/ in ${seconds} s`
  : `generator: \`npm run generate -- --check\` did not pass (exit ${status}); run it to see why`);
