/**
 * A throw-away copy of the project for tests that run the generator on other derivations:
 * derivations/, methods/ and generated/ are copied, generator/ and node_modules/ are linked, and the
 * commands run with --root pointing at the copy, in one generator process per vitest worker
 * (the test files of a worker share their modules: vitest.config.ts; see generator-server.ts).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './records.js';

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TempProject {
  readonly root: string;
  /** Runs `npm run generate -- ...args` on the copy. */
  generate(...args: string[]): Promise<CommandResult>;
  /** Runs `npm run new -- ...args` on the copy. */
  scaffold(...args: string[]): Promise<CommandResult>;
  write(relativePath: string, content: string): void;
  read(relativePath: string): string;
  /** A digest of every file in generated/, to show that nothing changed. */
  generatedDigest(): string;
  remove(): void;
}

/** The generator process of this worker: started on first use, ended with the worker (its
 * stdin closes). */
let server: { child: ChildProcessWithoutNullStreams; answers: AsyncIterator<string> } | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `npm run generate -- ...argv` or `npm run new -- ...argv` in this file's generator process. */
export function request(command: 'generate' | 'new', argv: readonly string[]): Promise<CommandResult> {
  const next = queue.then(async () => {
    if (!server) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/generator-server.ts')], { cwd: ROOT });
      // An unexpected message of the process itself (not of a command) shows in the test's output.
      child.stderr.pipe(process.stderr);
      child.unref();
      server = { child, answers: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
    }
    server.child.stdin.write(`${JSON.stringify({ command, argv })}\n`);
    const answer = await server.answers.next();
    if (answer.done) throw new Error('the generator process ended without answering');
    return JSON.parse(answer.value) as CommandResult;
  });
  queue = next.catch(() => undefined);
  return next;
}

export function tempProject(): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-'));
  for (const own of ['derivations', 'methods', 'generated']) cpSync(path.join(ROOT, own), path.join(root, own), { recursive: true });
  for (const shared of ['generator', 'node_modules']) symlinkSync(path.join(ROOT, shared), path.join(root, shared));
  return {
    root,
    generate: (...args) => request('generate', ['--root', root, ...args]),
    scaffold: (...args) => request('new', ['--root', root, ...args]),
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
