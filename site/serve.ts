/**
 * `npm run serve`: serves the built site (site/build/) on localhost with node:http, no
 * framework. GET and HEAD of files under the root only; a folder serves its index.html.
 * `startServer` is what the browser tests use, on a random port.
 *
 *   npm run serve                 http://127.0.0.1:8080/
 *   npm run serve -- --port 3000  (or PORT=3000); --help for the rest
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
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
      // The location is rebuilt from the folder found under root, never from the request:
      // '/.//evil.com/a%2f..%2f..%2fen' names the folder en/, and echoing its path would
      // redirect to //evil.com/..., another site.
      const folder = path.relative(root, path.dirname(direct)).split(path.sep).map(encodeURIComponent).join('/');
      res.writeHead(301, { location: `/${folder ? `${folder}/` : ''}${url.search}` }).end();
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
      'cache-control': cacheControl(url.pathname),
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : sent);
  });
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/** A folder named for a version (KaTeX's fonts and stylesheet, assets/katex-<version>/) never
 * changes under its name: the browser keeps it. Everything else it asks for again each time,
 * so that a rebuilt page shows at once. */
const cacheControl = (pathname: string): string => (/\/assets\/katex-\d+\.\d+\.\d+\//.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
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

const USAGE = `usage: npm run serve [-- options]

Serves the built site (run \`npm run site\` first) on http://127.0.0.1:<port>/.

options:
  --port <n>    the port, 1 to 65535 (default: $PORT, else 8080)
  --dir <dir>   the folder to serve (default: site/build)
  -h, --help    this text`;

/** The command; resolves once the server listens (0), or with 1 after printing an error. */
export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: { port: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true }).values;
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n(npm run serve -- --help lists the options)`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const portText = values.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    console.error(`error: ${values.port === undefined ? `PORT=${portText}` : `--port ${portText}`}: expected a port number from 1 to 65535`);
    return 1;
  }
  const root = values.dir === undefined ? path.join(path.dirname(fileURLToPath(import.meta.url)), 'build') : path.resolve(values.dir);
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error(values.dir === undefined ? 'error: site/build/ has no site yet: run `npm run site` first.' : `error: --dir ${values.dir}: there is no index.html there`);
    return 1;
  }
  let server: RunningServer;
  try {
    server = await startServer({ root, port });
  } catch (error) {
    const code = (error as { code?: string }).code;
    console.error(code === 'EADDRINUSE' ? `error: port ${port} is in use; choose another with --port <n>` : `error: cannot listen on port ${port}: ${(error as Error).message}`);
    return 1;
  }
  console.log(`Serving ${path.relative(process.cwd(), root) || root}/ at ${server.url}  (Ctrl+C to stop)`);
  console.log(`  English: ${server.url}en/index.html   中文: ${server.url}zh/index.html`);
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
