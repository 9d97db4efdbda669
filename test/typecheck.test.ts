/**
 * The whole project type-checks under its strict tsconfig, as `npm run typecheck` does: run as
 * a test so that it shares the machine with the others instead of going before them.
 *
 * The checker is tsgo (@typescript/native-preview, TypeScript's native port, pinned): the
 * same diagnostics as tsc here in about a sixth of the CPU time (3 s against 20 s). What
 * consumers compile, the generated package, is still checked by tsc itself
 * (test/package.test.ts), so a difference between the two compilers cannot hide there.
 * Single-threaded: the other test files already keep the cores busy, and one thread spends
 * 4.2 s of CPU where several spend 5.7 s.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from './support/records.js';

it('tsgo -p . --noEmit reports nothing', async () => {
  const tsgo = path.join(ROOT, 'node_modules/@typescript/native-preview/bin/tsgo');
  const result = await promisify(execFile)(process.execPath, [tsgo, '-p', ROOT, '--noEmit', '--singleThreaded'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }).then(
    ({ stdout }) => ({ status: 0, output: stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ status: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
});
