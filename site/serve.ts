/**
 * `npm run serve`: serves the built site (site/build/) on localhost with node:http, no
 * framework. GET and HEAD of files under the root only; a folder serves its index.html.
 * `startServer` is what the browser tests use, on a random port.
 *
 *   npm run serve                 http://127.0.0.1:8080/
 *   npm run serve -- --port 3000  (or PORT=3000)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names under root, or undefined if it is outside root or absent. */
function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  if (stat.isDirectory()) {
    const index = path.join(file, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return stat.isFile() ? file : undefined;
}

export function createSiteServer(rootDir: string): Server {
  const root = path.resolve(rootDir);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // A folder without its trailing slash: redirect, so relative links resolve from inside it.
    const direct = resolveFile(root, url.pathname);
    if (direct && !url.pathname.endsWith('/') && direct.endsWith(`${path.sep}index.html`) && !url.pathname.endsWith('index.html')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (!direct) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`404 not found: ${url.pathname}\n`);
      return;
    }
    const body = readFileSync(direct);
    const type = TYPES[path.extname(direct)] ?? 'application/octet-stream';
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const sent = gzip ? compressed(direct, body) : body;
    res.writeHead(200, {
      'content-type': type,
      'content-length': sent.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : sent);
  });
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
const gzipCache = new Map<string, { size: number; mtime: number; data: Buffer }>();

function compressed(file: string, body: Buffer): Buffer {
  const { mtimeMs } = statSync(file);
  const hit = gzipCache.get(file);
  if (hit && hit.size === body.length && hit.mtime === mtimeMs) return hit.data;
  const data = gzipSync(body, { level: 6 });
  gzipCache.set(file, { size: body.length, mtime: mtimeMs, data });
  return data;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves root on host:port (port 0: a free one) and resolves once it listens. */
export function startServer(options: { root: string; host?: string; port?: number }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createSiteServer(options.root);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build');
  const flag = process.argv.indexOf('--port');
  const port = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.PORT ?? 8080));
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error('error: site/build/ has no site yet: run `npm run site` first.');
    process.exitCode = 1;
  } else {
    const server = await startServer({ root, port });
    console.log(`Serving ${path.relative(process.cwd(), root) || root}/ at ${server.url}  (Ctrl+C to stop)`);
    console.log(`  English: ${server.url}en/index.html   中文: ${server.url}zh/index.html`);
  }
}
