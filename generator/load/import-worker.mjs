// Imports derivation modules for load.ts in a worker thread, so that a file that never finishes
// loading (an endless loop at import) can be stopped: load.ts terminates this worker after a
// timeout. Each message is { url } of a module esbuild has already bundled into plain
// JavaScript (a data: URL), so no TypeScript loader is needed here; the answer is the module's
// default export, as a structured clone, or what it threw: its message, and its stack, which
// load.ts maps back to the line of the derivation that threw.
import { parentPort } from 'node:worker_threads';

// Deep enough to reach the derivation's own frame below the pieces it called.
Error.stackTraceLimit = 50;

parentPort.on('message', async ({ url }) => {
  let module;
  try {
    module = await import(url);
  } catch (error) {
    parentPort.postMessage(error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) });
    return;
  }
  const exported = module.default;
  try {
    parentPort.postMessage({ hasDefault: exported !== undefined, definition: exported });
  } catch (error) {
    // A function or other value that is not plain data in the default export (load.ts words it).
    parentPort.postMessage({ notPlainData: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
