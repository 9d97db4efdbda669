/**
 * The whole project type-checks under its strict tsconfig (tsc, as `npm run typecheck`):
 * run as a test so that it shares the machine with the others instead of going before them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from './support/records.js';

it('tsc -p . --noEmit reports nothing', async () => {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', ROOT, '--noEmit'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }).then(
    ({ stdout }) => ({ status: 0, output: stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ status: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
});
