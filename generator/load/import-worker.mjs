// Imports derivation files for load.ts in a worker thread, so that a file that never finishes
// loading (an endless loop at import) can be stopped: load.ts terminates this worker after a
// timeout. Plain JavaScript, because it runs before any TypeScript loader: it registers tsx's
// loader itself, then answers one { url } message at a time with the module's default export.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
parentPort.on('message', async ({ url }) => {
  let module;
  try {
    module = await import(url);
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
    return;
  }
  // Outside a "type": "module" package a .ts file is compiled to CommonJS, and its
  // export default arrives as module.exports.default (marked __esModule).
  const exported = module.default?.__esModule ? module.default.default : module.default;
  try {
    parentPort.postMessage({ hasDefault: exported !== undefined, definition: exported });
  } catch (error) {
    // A function or other value that is not plain data in the default export.
    parentPort.postMessage({ error: `its default export is not plain data (${error instanceof Error ? error.message : String(error)})` });
  }
});
parentPort.postMessage({ ready: true });
