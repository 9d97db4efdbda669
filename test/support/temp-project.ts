/**
 * A throw-away copy of the project for tests that run the generator on other derivations:
 * derivations/ and generated/ are copied, generator/ and node_modules/ are linked, and the
 * CLI runs with --root pointing at the copy.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './records.js';

export interface TempProject {
  readonly root: string;
  /** Runs `npm run generate -- ...args` on the copy. */
  generate(...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** Runs another command of generator/ (e.g. generator/new.ts) on the copy. */
  run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string };
  write(relativePath: string, content: string): void;
  read(relativePath: string): string;
  /** A digest of every file in generated/, to show that nothing changed. */
  generatedDigest(): string;
  remove(): void;
}

export function tempProject(): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-'));
  cpSync(path.join(ROOT, 'derivations'), path.join(root, 'derivations'), { recursive: true });
  cpSync(path.join(ROOT, 'generated'), path.join(root, 'generated'), { recursive: true });
  symlinkSync(path.join(ROOT, 'generator'), path.join(root, 'generator'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, script), '--root', root, ...args], { cwd: ROOT, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return {
    root,
    generate: (...args) => run('generator/cli.ts', ...args),
    run: (script, ...args) => run(script, ...args),
    write: (relativePath, content) => writeFileSync(path.join(root, relativePath), content),
    read: (relativePath) => readFileSync(path.join(root, relativePath), 'utf8'),
    generatedDigest: () => {
      const hash = createHash('sha256');
      const directory = path.join(root, 'generated');
      // Every file, in the folders of generated/ too (runtime/, activations/).
      for (const name of (readdirSync(directory, { recursive: true }) as string[]).sort()) {
        const file = path.join(directory, name);
        if (statSync(file).isFile()) hash.update(name).update(readFileSync(file));
      }
      return hash.digest('hex');
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
