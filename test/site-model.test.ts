/**
 * The site's own numbers and plumbing, without a browser: the update maps it draws against
 * the generated training steps and the records' derived bounds, the flow integrator, the
 * article's slot rules, the discrete-time adapter, both languages' phrase lists, and the
 * static server's handling of paths.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespaceOf as generatorNamespaceOf } from '../generator/emit/index-module.js';
import { ARTICLE_SLOTS } from '../generator/slots.js';
import { slotContent } from '../site/data/article.js';
import { fromRecord, methodResults, numericResult } from '../site/data/discrete.js';
import { loadGames } from '../site/data/games.js';
import { STRINGS } from '../site/i18n.js';
import { gameIds, namespaceOf } from '../site/model/evaluator.js';
import { paramsFor } from '../site/model/params.js';
import { eigenvalues2, equilibriumJacobian, flowRun, spectralRadius, stepBounds, updateMatrix } from '../site/model/numerics.js';
import type { Method } from '../site/model/numerics.js';
import { startServer } from '../site/serve.js';
import type { RunningServer } from '../site/serve.js';

const games = loadGames();
const linearisable = games.filter((g) => g.differentiable);
const paramsOf = (g: (typeof games)[number]) => paramsFor(g.abstractActivation, g.defaults);

describe('the games the site shows', () => {
  it('are every game the generator emitted, each with its evaluator', () => {
    expect(games.map((g) => g.id).sort()).toEqual([...gameIds].sort());
    for (const id of gameIds) expect(namespaceOf(id)).toBe(generatorNamespaceOf(id));
  });
});

describe('the update maps at the equilibrium', () => {
  it('simultaneous: eigenvalues 1 + h*lambda, lambda from the generated equilibriumEigenvalues', () => {
    for (const g of linearisable) {
      const lambda = g.evaluator.equilibriumEigenvalues?.(paramsOf(g));
      if (!lambda) continue;
      const h = 0.37;
      const mu = eigenvalues2(updateMatrix(equilibriumJacobian(g.evaluator, paramsOf(g))!, 'simultaneous', h));
      const expected = [0, 1].map((i) => [1 + h * lambda.re[i]!, h * lambda.im[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      const got = [0, 1].map((i) => [mu.re[i]!, mu.im[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) expect(got[i]![k], g.id).toBeCloseTo(expected[i]![k]!, 12);
    }
  });

  it('alternating: the Jacobian of the generated alternatingStep at (0, 0), by central differences', () => {
    const eps = 1e-6;
    for (const g of linearisable) {
      const p = paramsOf(g);
      const j = equilibriumJacobian(g.evaluator, p)!;
      for (const nD of [1, 3]) {
        const h = 0.21;
        const step = (x: number, y: number) => g.evaluator.alternatingStep(x, y, { hG: h, hD: h, nG: 1, nD }, p);
        const dx = [step(eps, 0), step(-eps, 0)];
        const dy = [step(0, eps), step(0, -eps)];
        const fd = [(dx[0]![0]! - dx[1]![0]!) / (2 * eps), (dy[0]![0]! - dy[1]![0]!) / (2 * eps), (dx[0]![1]! - dx[1]![1]!) / (2 * eps), (dy[0]![1]! - dy[1]![1]!) / (2 * eps)];
        const m = updateMatrix(j, 'alternating', h, nD);
        for (let i = 0; i < 4; i++) expect(m[i], `${g.id} nD=${nD} entry ${i}`).toBeCloseTo(fd[i]!, 6);
      }
    }
  });

  it('numeric learning-rate bounds agree with the records’ derived ones', () => {
    let compared = 0;
    for (const g of linearisable.filter((x) => !x.abstractActivation)) {
      for (const derived of fromRecord(g.record)) {
        if (derived.method !== 'simultaneous' && derived.method !== 'alternating') continue;
        const numeric = numericResult(g, derived.method as Method);
        expect(numeric.verdict, `${g.id} ${derived.method}`).toBe(derived.verdict);
        if (derived.bound !== undefined) {
          expect(numeric.bound! / derived.bound, `${g.id} ${derived.method}`).toBeCloseTo(1, 6);
          compared++;
        }
      }
    }
    // Meaningful only once the records carry discrete-time results.
    if (games.some((g) => fromRecord(g.record).length > 0)) expect(compared).toBeGreaterThan(0);
  });

  it('a purely imaginary pair: simultaneous steps never converge, alternating ones cycle below 2/|lambda|', () => {
    const j = [0, -0.5, 0.5, 0] as const;
    expect(stepBounds(j, 'simultaneous')).toEqual({ convergesBelow: null, boundedBelow: null });
    const alternating = stepBounds(j, 'alternating');
    expect(alternating.convergesBelow).toBeNull();
    expect(alternating.boundedBelow).toBeCloseTo(4, 6);
    expect(spectralRadius(updateMatrix(j, 'alternating', 3.9))).toBeCloseTo(1, 12);
  });
});

describe('the continuous flow', () => {
  it('RK4 keeps theta^2 + phi^2 where the game conserves it (to 1e-5 over t = 100)', () => {
    for (const g of games.filter((x) => x.record.claims.invariant === 'theta^2 + phi^2' && !x.abstractActivation)) {
      const run = flowRun(g.evaluator, paramsOf(g), { h: 0.2, nD: 1, steps: 500, start: [1, 1] });
      const n = run.length / 2 - 1;
      expect(run[2 * n]! ** 2 + run[2 * n + 1]! ** 2, g.id).toBeCloseTo(2, 5);
    }
  });
});

describe('the article companion', () => {
  it('has a game and a rule for every slot, a figure for figures and formulas for equations', () => {
    for (const slot of ARTICLE_SLOTS) {
      const content = slotContent(slot, games);
      expect(content.kind === 'formulas', slot.id).toBe(slot.kind === 'equation');
    }
  });
});

describe('discrete-time results', () => {
  it('reads a record’s results per method, preferring those with f substituted', () => {
    const rendered = (tex: string) => ({ text: tex, tex });
    const entry = (method: string, bound: number) => ({
      method,
      label: { en: method, zh: method },
      map: rendered('M'),
      eigenvalues: rendered('\\mu'),
      spectralRadius: rendered('\\rho'),
      verdict: 'converges-below-bound',
      reason: 'because',
      bound: { kind: 'closed-form', tex: 'h^{*} = 1', atDefaults: bound },
    });
    const results = fromRecord({ discrete: { generic: [entry('simultaneous', 1), entry('extragradient', 3)], concrete: [entry('simultaneous', 2)] } });
    expect(results.map((r) => [r.method, r.bound, r.verdict])).toEqual([
      ['simultaneous', 2, 'converges-below-bound'],
      ['extragradient', 3, 'converges-below-bound'],
    ]);
    expect(results[0]!.formulas!.map((f) => f.key)).toEqual(['bound', 'map', 'eigenvalues', 'spectralRadius']);
    expect(fromRecord({})).toEqual([]);
  });

  it('gives every game a result for each method the pictures use', () => {
    for (const g of games) {
      const methods = methodResults(g).map((r) => r.method);
      expect(methods).toContain('simultaneous');
      expect(methods).toContain('alternating');
    }
  });
});

describe('the two languages', () => {
  it('have the same phrases', () => {
    const shape = (x: unknown): unknown =>
      typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, shape(v)])).valueOf() : typeof x;
    expect(shape(STRINGS.zh)).toEqual(shape(STRINGS.en));
  });
});

describe('the static server', () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-serve-'));
    mkdirSync(path.join(root, 'site/en'), { recursive: true });
    writeFileSync(path.join(root, 'secret.txt'), 'not served');
    writeFileSync(path.join(root, 'site/index.html'), '<!doctype html><p>root</p>');
    writeFileSync(path.join(root, 'site/en/index.html'), `<!doctype html><p>${'english '.repeat(200)}</p>`);
    server = await startServer({ root: path.join(root, 'site') });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves files, folders by their index, and nothing outside its root', async () => {
    expect((await fetch(`${server.url}index.html`)).status).toBe(200);
    const folder = await fetch(`${server.url}en`, { redirect: 'manual' });
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('/en/');
    expect(await (await fetch(`${server.url}en/`)).text()).toContain('english');
    for (const escape of ['../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', '%00']) expect((await fetch(`${server.url}${escape}`)).status, escape).toBe(404);
    expect((await fetch(`${server.url}index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('compresses text for a browser that asks', async () => {
    const response = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${server.url}en/index.html`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    expect(response.encoding).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toContain('english');
  });
});
