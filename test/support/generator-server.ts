/**
 * The generator's commands (`generate`, `new`) served in one long-lived process, so that a
 * test file pays the start-up (the generator's bundle, nerdamer, ts-morph: about two seconds) once instead of per
 * case. A process of its own, as a user runs the command, not vitest's module runner: the
 * generator is the bundle `npm run generate` runs, loaded and tuned as it loads it
 * (generator/bundled.mjs); through tsx instead, a server took 0.3-0.6 s more of CPU to start.
 *
 * Protocol: each line of stdin is a request `{"command": "generate" | "new", "argv": [...]}`;
 * each answer one line `{"status", "stdout", "stderr"}` with what the command printed. The
 * process ends when stdin closes. The exit code itself is `run()`'s return value, which the
 * command's `process.exit` passes on unchanged (one test spawns the real command to show it).
 */
import { createInterface } from 'node:readline';
import { format } from 'node:util';
import { loadGenerator } from '../../generator/bundled.mjs';
import { main as scaffold } from '../../generator/new.js';

interface Request {
  readonly command: 'generate' | 'new';
  readonly argv: readonly string[];
}

/** Runs `body` with console.log/.warn/.error captured as text. */
async function captured(body: () => Promise<number> | number): Promise<{ status: number; stdout: string; stderr: string }> {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  let stdout = '';
  let stderr = '';
  console.log = (...parts: unknown[]) => void (stdout += `${format(...parts)}\n`);
  console.warn = console.error = (...parts: unknown[]) => void (stderr += `${format(...parts)}\n`);
  try {
    return { status: await body(), stdout, stderr };
  } finally {
    Object.assign(console, saved);
  }
}

const { run: generate } = await loadGenerator();

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line) as Request;
  const answer = await captured(() => (request.command === 'generate' ? generate(request.argv) : scaffold(request.argv)));
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
