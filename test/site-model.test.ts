/**
 * The site's own numbers and plumbing, without a browser: that what it draws comes from the
 * generated training functions with the right parameters (the update maps' eigenvalues, the
 * stability maps, the records' bounds), where its stability maps put their edges, the
 * eigenvalue paths, the flow integrator, the article's slot rules, the discrete-time adapter,
 * both languages' phrase lists, and the static server's handling of paths.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as generated from '../generated/index.js';
import { namespaceOf as generatorNamespaceOf } from '../generator/game.js';
import { ARTICLE_SLOTS } from '../generator/contract/article.js';
import type { Method, MethodRecord } from '../generator/contract/records.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { slotContent } from '../site/data/article.js';
import { fromRecord, generatedResult, methodResults } from '../site/data/discrete.js';
import { ROOT, loadGames } from '../site/data/games.js';
import { specOf } from '../site/data/game.js';
import { hasSweeps, lambdaSweep, paramsAt, spectralRadiusOver, sweepValues } from '../site/data/sweeps.js';
import { STRINGS } from '../site/i18n.js';
import { gameIds, namespaceOf } from '../site/model/evaluator.js';
import { DEFAULT_RUN, EXTRA_STARTS, RUN_RANGES, clipsOf, defaultState, eigenData, extraRuns, fieldDesc, runs } from '../site/model/explore.js';
import { SAMPLE_GAME, paramsFor } from '../site/model/params.js';
import type { PageEvaluator, Params } from '../site/model/params.js';
import { clientEn } from '../site/i18n-client.js';
import { ESCAPE_RADIUS, METHODS, discreteRun, streamlets } from '../site/model/numerics.js';
import { FLOW_EVALUATIONS, flowRun } from '../site/model/flow.js';
import { integrate } from './oracles/ode.js';
import { FAR, FIELD_BOX, SPEED_BANDS, STREAMLET_GRID, STREAMLET_LENGTH, extraLayer, fieldLayer, fieldScales, fieldSvg, speedBand, trajectoryPaths } from '../site/plots/field.js';
import { BASIN_RUN, basinOf } from '../site/data/basins.js';
import { BuildCache, siteFingerprint } from '../site/cache.js';
import { DRIFT_RUN, driftOf } from '../site/data/drift.js';
import type { Outcome } from '../site/data/basins.js';
import { numericGame } from './oracles/numeric-game.js';
import { loadTestGames } from './support/games.js';
import { pathsOf } from '../site/plots/paths.js';
import { articlePage } from '../site/pages/article.js';
import { relative, simplify } from '../site/plots/svg.js';
import { stabilityLayer, stabilityScales, stabilitySvg } from '../site/plots/stability.js';
import { startServer } from '../site/serve.js';
import type { RunningServer } from '../site/serve.js';

const games = loadGames();
/** The derivations as written, for the oracles that read them on their own. */
const definitions = new Map((await loadTestGames()).map((g) => [g.record.id, g.definition]));
const derivationOf = (id: string) => definitions.get(id)!;
const linearisable = games.filter((g) => g.differentiable);
const paramsOf = (g: (typeof games)[number]) => paramsFor(g.evaluator.sampleActivation, g.defaults);

/** The points of a path's `d` as the site writes it ("M x,y l dx,dy ... Z"), one array per subpath. */
function decode(d: string): number[][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((sub) => {
      const [start, steps = ''] = sub.replace(/Z$/, '').split('l');
      // SVG's numbers: a sign, digits with a point, an exponent.
      const numbers = (text: string) => (text.match(/-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/g) ?? []).map(Number);
      const [x0, y0] = numbers(start!);
      const out = [x0!, y0!];
      const deltas = numbers(steps);
      for (let i = 0; i < deltas.length; i += 2) {
        const [x, y] = [out.at(-2)!, out.at(-1)!];
        out.push(x + deltas[i]!, y + deltas[i + 1]!);
      }
      return out;
    });
}

describe('the games the site shows', () => {
  it('are every game the generator emitted, each with its evaluator', () => {
    expect(games.map((g) => g.id).sort()).toEqual([...gameIds].sort());
    for (const id of gameIds) expect(namespaceOf(id)).toBe(generatorNamespaceOf(id));
  });

  it('have stability maps and eigenvalue paths exactly when they have a hyperparameter and J(0, 0)', () => {
    for (const g of games) expect(hasSweeps(g), g.id).toBe(g.record.hyperparameters.length > 0 && g.differentiable);
    expect(games.filter(hasSweeps).length).toBeGreaterThan(0);
  });
});

describe('the update maps at the equilibrium, from the generated module', () => {
  it('simultaneous: the explorer’s eigenvalues are 1 + h*lambda, lambda from equilibriumEigenvalues', () => {
    for (const g of linearisable) {
      const lambda = g.evaluator.equilibriumEigenvalues!(paramsOf(g));
      const state = { ...defaultState(specOf(g, 'en')), h: 0.37, method: 'simultaneous' as const };
      const mu = eigenData(STRINGS.en, g.evaluator, paramsOf(g), state)!.series[0]!.eigenvalues;
      const expected = [0, 1].map((i) => [1 + 0.37 * lambda.re[i]!, 0.37 * lambda.im[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      const got = [0, 1].map((i) => [mu.re[i]!, mu.im[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) expect(got[i]![k], g.id).toBeCloseTo(expected[i]![k]!, 12);
    }
  });

  it('alternating with n_D: the explorer’s eigenvalues are those of the Jacobian of alternatingStep at (0, 0)', () => {
    const eps = 1e-6;
    for (const g of linearisable) {
      const p = paramsOf(g);
      const module = (generated as unknown as Record<string, { alternatingStep: (t: number, f: number, s: object, p: object) => Float64Array }>)[namespaceOf(g.id)]!;
      for (const nD of [1, 3]) {
        const h = 0.21;
        const step = (x: number, y: number) => module.alternatingStep(x, y, { hG: h, hD: h, nG: 1, nD }, p);
        const dx = [step(eps, 0), step(-eps, 0)];
        const dy = [step(0, eps), step(0, -eps)];
        const [a, b, c, d] = [(dx[0]![0]! - dx[1]![0]!) / (2 * eps), (dy[0]![0]! - dy[1]![0]!) / (2 * eps), (dx[0]![1]! - dx[1]![1]!) / (2 * eps), (dy[0]![1]! - dy[1]![1]!) / (2 * eps)];
        const state = { ...defaultState(specOf(g, 'en')), h, nD, method: 'alternating' as const };
        const mu = eigenData(STRINGS.en, g.evaluator, p, state)!.series[0]!.eigenvalues;
        // The eigenvalues' sum and product are the trace and determinant of the map.
        expect(mu.re[0]! + mu.re[1]!, `${g.id} nD=${nD} trace`).toBeCloseTo(a + d, 6);
        expect(mu.re[0]! * mu.re[1]! - mu.im[0]! * mu.im[1]!, `${g.id} nD=${nD} det`).toBeCloseTo(a * d - b * c, 6);
      }
    }
  });

  it('the pages’ learning-rate bounds are the generated ones, and agree with the records’ where f is concrete', () => {
    let compared = 0;
    for (const g of linearisable) {
      for (const r of methodResults(g)) {
        const direct = g.evaluator.learningRateBound!(r.method as (typeof METHODS)[number], paramsOf(g));
        expect(r.bound, `${g.id} ${r.method}`).toBe(direct.bound);
        if (g.abstractActivation) continue;
        const derived = fromRecord(g.record).find((d) => d.method === r.method)!;
        expect(direct.verdict, `${g.id} ${r.method}`).toBe(derived.verdict);
        if (derived.bound !== undefined) {
          expect(direct.bound! / derived.bound, `${g.id} ${r.method}`).toBeCloseTo(1, 6);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('a game without J(0, 0) has no verdict, no bound and no spectral radius', () => {
    for (const g of games.filter((x) => !x.differentiable)) {
      for (const m of METHODS) expect(generatedResult(g, m), g.id).toEqual({ method: m, source: 'numeric' });
    }
  });
});

describe('the stability maps', () => {
  /** Each game's map for a method, drawn once for the tests that read it. */
  const layers = new Map<string, ReturnType<typeof stabilityLayer>>();
  const layerOf = (g: (typeof games)[number], m: (typeof METHODS)[number]): ReturnType<typeof stabilityLayer> => {
    const key = `${g.id} ${m}`;
    if (!layers.has(key)) {
      const hp = g.record.hyperparameters[0]!;
      layers.set(key, stabilityLayer(hp.range, spectralRadiusOver(g, hp, m)));
    }
    return layers.get(key)!;
  };

  it('take rho from the generated spectralRadius at the swept hyperparameter', () => {
    for (const g of games.filter(hasSweeps)) {
      const hp = g.record.hyperparameters[0]!;
      for (const m of METHODS) {
        const rho = spectralRadiusOver(g, hp, m);
        for (const [v, h] of [[hp.range[0], 0.01], [hp.default, 0.2], [hp.range[1], 3]] as const) {
          // The sweep's unchecked radius (updateMapRadius) and the checked one (from the
          // eigenvalues) are two roundings of one number.
          const checked = g.evaluator.spectralRadius!(m, { h }, paramsAt(g, hp, v));
          expect(Math.abs(rho(v, h) - checked), `${g.id} ${m}`).toBeLessThanOrEqual(1e-14 * Math.max(1, checked));
        }
      }
    }
  });

  it('shade what the learning-rate bound says at the default: converging below it, not above', () => {
    for (const g of games.filter(hasSweeps)) {
      const hp = g.record.hyperparameters[0]!;
      for (const m of METHODS) {
        const b = g.evaluator.learningRateBound!(m, paramsAt(g, hp, hp.default));
        const rho = spectralRadiusOver(g, hp, m);
        const layer = layerOf(g, m);
        if (b.verdict === 'converges-below-bound') {
          expect(layer.converges, `${g.id} ${m}`).toBe(true);
          expect(rho(hp.default, b.bound * 0.99), `${g.id} ${m}`).toBeLessThan(1);
          expect(rho(hp.default, b.bound * 1.01), `${g.id} ${m}`).toBeGreaterThan(1);
        }
        if (b.verdict === 'cycles-below-bound') expect(layer.cycles, `${g.id} ${m}`).toBe(true);
        if (b.verdict === 'never-converges') expect(layer.diverges && !layer.cycles, `${g.id} ${m}`).toBe(true);
      }
    }
  });

  it('label each level line with its value, at a point where the checked spectral radius is that value', () => {
    let labels = 0;
    for (const g of games.filter(hasSweeps)) {
      const hp = g.record.hyperparameters[0]!;
      const s = stabilityScales(hp.range);
      for (const m of METHODS) {
        const layer = layerOf(g, m);
        const lines = [...layer.svg.matchAll(/class="rho-level /g)].length;
        const found = [...layer.svg.matchAll(/<text class="rho-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([\d.]+)<\/text>/g)];
        expect(found.length, `${g.id} ${m}`).toBeLessThanOrEqual(lines);
        for (const [, x, y, level] of found) {
          // The anchor, to 0.1 px, back in (hyperparameter, h): rho there is the level, to what 0.1 px moves it.
          const [value, h] = [s.x.invert(Number(x)), s.y.invert(Number(y))];
          const rho = g.evaluator.spectralRadius!(m, { h }, paramsAt(g, hp, value));
          const slope = Math.abs(g.evaluator.spectralRadius!(m, { h: s.y.invert(Number(y) - 0.5) }, paramsAt(g, hp, value)) - rho) + Math.abs(g.evaluator.spectralRadius!(m, { h }, paramsAt(g, hp, s.x.invert(Number(x) + 0.5))) - rho);
          expect(Math.abs(rho - Number(level)), `${g.id} ${m} at ${value}, ${h}`).toBeLessThanOrEqual(0.2 * slope + 1e-9);
          labels++;
        }
      }
    }
    expect(labels).toBeGreaterThan(0);
  });

  it('shade the converging region in three bands of rho, each in the legend where the map has it', () => {
    const text = { title: 't', desc: 'd', xLabel: 'x', yLabel: 'y', bands: ['band A', 'band B', 'band C'] as const, cycles: 'c', diverges: 'v', marker: 'm' };
    for (const g of games.filter(hasSweeps)) {
      const hp = g.record.hyperparameters[0]!;
      for (const m of METHODS) {
        const layer = layerOf(g, m);
        // The checked spectral radius on a coarse grid of its own: each band it meets, the map has.
        const met = [false, false, false];
        for (let i = 0; i < 12; i++) {
          for (let k = 0; k < 12; k++) {
            const value = hp.range[0] * (hp.range[1] / hp.range[0]) ** ((i + 0.5) / 12);
            const rho = g.evaluator.spectralRadius!(m, { h: 1e-3 * 1e4 ** ((k + 0.5) / 12) }, paramsAt(g, hp, value));
            if (rho < 1 - 1e-9) met[rho < 0.9 ? 0 : rho < 0.99 ? 1 : 2] = true;
          }
        }
        met.forEach((has, band) => { if (has) expect(layer.bands[band], `${g.id} ${m} band ${band}`).toBe(true); });
        const svg = stabilitySvg({ id: 'map', range: hp.range, layer, marker: { value: hp.default, h: 0.2 }, text });
        expect(text.bands.filter((label) => svg.includes(label)), `${g.id} ${m}`).toEqual(text.bands.filter((_, band) => layer.bands[band]));
      }
    }
  });

  it('put the edge of a band where rho is exactly 1 where rho leaves it, not a grid cell off', () => {
    // rho = 1 for h < 2 (the iterates cycle), then growing: the edge is the line h = 2.
    const layer = stabilityLayer([0.1, 10], (_, h) => (h < 2 ? 1 : 1 + (h - 2)));
    expect(layer).toMatchObject({ converges: false, cycles: true, diverges: true });
    const s = stabilityScales([0.1, 10]);
    const y = s.y(2);
    const [x0, x1] = s.x.range();
    const d = /class="rho-unstable" d="([^"]*)"/.exec(layer.svg)![1]!;
    // The vertices placed between samples: the rings also run round the grid's padding, a
    // cell outside the plot, through its samples' centres, and the clip hides them.
    const cell = (x1 - x0) / 96;
    const ys = decode(d).flatMap((ring) => ring.filter((_, i) => i % 2 === 1 && ring[i - 1]! > x0 - 0.75 * cell && ring[i - 1]! < x1 + 0.75 * cell));
    const inside = ys.filter((py) => Math.abs(py - y) < 5);
    expect(inside.length).toBeGreaterThan(0);
    for (const py of inside) expect(Math.abs(py - y)).toBeLessThanOrEqual(0.1);
  });
});

describe('the eigenvalue paths', () => {
  it('follow each eigenvalue when a formula swaps their order', () => {
    const spectra = [0, 1, 2, 3].map((k) => (k < 2 ? { re: [k, -k], im: [1, -1] } : { re: [-k, k], im: [-1, 1] }));
    const paths = pathsOf(spectra);
    expect(paths[0]!.re).toEqual([0, 1, 2, 3]);
    expect(paths[1]!.im).toEqual([-1, -1, -1, -1]);
  });

  it('sweep J(0, 0) with the generated equilibriumEigenvalues over the hyperparameter’s range', () => {
    for (const g of games.filter(hasSweeps)) {
      const hp = g.record.hyperparameters[0]!;
      const values = sweepValues(hp.range, 5);
      expect(values[0]).toBeCloseTo(hp.range[0], 12);
      expect(values[4]).toBeCloseTo(hp.range[1], 12);
      const spectra = lambdaSweep(g, hp, values);
      expect(spectra[2], g.id).toEqual(g.evaluator.equilibriumEigenvalues!(paramsAt(g, hp, values[2]!)));
    }
  });
});

describe('the pictures’ paths', () => {
  it('are written relative to the rounded points, so no rounding accumulates', () => {
    const points = Array.from({ length: 400 }, (_, i) => [100 + 40 * Math.cos(i / 7) + i * 0.013, 100 + 40 * Math.sin(i / 7)]).flat();
    const [decoded] = decode(relative(points));
    expect(decoded!.length).toBe(points.length);
    decoded!.forEach((x, i) => expect(Math.abs(x - points[i]!)).toBeLessThanOrEqual(0.05 + 1e-9));
  });

  it('write far-off points (a run that diverged, 1e18 and more) as numbers that read back as they were', () => {
    // The last points of a run that diverged: the path keeps every step, however far.
    const points = [1, 1, 18575346909545185000, 2.4, -6793348426059685000, -2.4, -7e44, 0];
    const [decoded] = decode(relative(points));
    expect(decoded!.length).toBe(points.length);
    decoded!.forEach((x, i) => expect(Math.abs(x - points[i]!), `${i}: ${relative(points)}`).toBeLessThanOrEqual(Math.max(0.05 + 1e-9, Math.abs(points[i - 2] ?? 0) * 1e-15, Math.abs(points[i]!) * 1e-15)));
  });

  it('drop only the points within the tolerance of the line through the others', () => {
    const line = [0, 0, 1, 0.01, 2, 0, 3, 5, 4, 0];
    expect(simplify(line, 0.3)).toEqual([0, 0, 2, 0, 3, 5, 4, 0]);
  });
});

describe('the basins of attraction', () => {
  /** Where the method's iterates go from a start, by an independent iteration: the method's
   * update rule written here, on the field of finite differences of the objectives. */
  function outcomeByOracle(game: (typeof games)[number], method: Method, h: number, start: readonly [number, number]): Outcome {
    const definition = derivationOf(game.id);
    const oracle = numericGame(definition, game.defaults, game.evaluator.sampleActivation ? (t) => game.evaluator.sampleActivation![1]!(t) : undefined);
    let [theta, phi] = start;
    let previous = oracle.field(theta, phi);
    for (let k = 0; k < BASIN_RUN.steps; k++) {
      const v = oracle.field(theta, phi);
      let next: readonly [number, number];
      if (method === 'extragradient') {
        const w = oracle.field(theta + h * v[0], phi + h * v[1]);
        next = [theta + h * w[0], phi + h * w[1]];
      } else if (method === 'optimistic') {
        next = [theta + 2 * h * v[0] - h * previous[0], phi + 2 * h * v[1] - h * previous[1]];
      } else if (method === 'alternating') {
        // The generator first (the default order), then the discriminator at the new theta.
        const theta1 = theta + h * v[0];
        next = [theta1, phi + h * oracle.field(theta1, phi)[1]];
      } else next = [theta + h * v[0], phi + h * v[1]];
      previous = v;
      [theta, phi] = oracle.project(next[0], next[1]);
      const r = Math.hypot(theta, phi);
      if (!(r <= BASIN_RUN.divergenceBound)) return 'diverged';
      if (r < BASIN_RUN.tolerance) return 'converged';
    }
    return 'running';
  }

  it('agree with an independent iteration at sampled starts, away from the basin\'s edge', () => {
    const cases = [['wgan-div', 'extragradient'], ['wgan-div', 'optimistic'], ['gan-r1', 'optimistic'], ['hinge', 'extragradient']] as const;
    let compared = 0;
    for (const [id, method] of cases) {
      const game = games.find((g) => g.id === id)!;
      const basin = basinOf(game, method)!;
      expect(basin, `${id} ${method}`).toBeDefined();
      const n = basin.phis.length;
      const at = (i: number, k: number): Outcome | undefined => (i < 0 || k < 0 || i >= n || k >= n ? undefined : basin.outcomes[i * n + k]);
      // Three starts a case, spread over the box: the corners' neighbours and the middle.
      for (const [i, k] of [[2, 2], [7, 11], [12, 5]] as const) {
        const here = at(i, k)!;
        // Next to a cell of another outcome the two iterations may round to different sides.
        if ([[i - 1, k], [i + 1, k], [i, k - 1], [i, k + 1]].some(([a, b]) => at(a!, b!) !== undefined && at(a!, b!) !== here) || here === 'running') continue;
        expect(outcomeByOracle(game, method, basin.h, [basin.thetas[i]!, basin.phis[k]!]), `${id} ${method} from (${basin.thetas[i]}, ${basin.phis[k]})`).toBe(here);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
    // And the picture is not one colour everywhere: WGAN-div's extragradient steps diverge from far away.
    const mixed = basinOf(games.find((g) => g.id === 'wgan-div')!, 'extragradient')!;
    expect(new Set(mixed.outcomes)).toEqual(new Set(['converged', 'diverged']));
  });
});

describe('the drift of alternating iterates where the linearisation says they cycle', () => {
  it('matches an independent iteration on the field of finite differences of the objectives', () => {
    const found = new Map<string, string>();
    for (const id of ['gan', 'ns-gan', 'wgan-div']) {
      const game = games.find((g) => g.id === id)!;
      const drift = driftOf(game, 'alternating')!;
      expect(drift, id).toBeDefined();
      const oracle = numericGame(derivationOf(id), game.defaults);
      let [theta, phi] = DRIFT_RUN.start;
      const r2: number[] = [theta * theta + phi * phi];
      for (let k = 0; k < DRIFT_RUN.steps; k++) {
        // The generator first (the default order), then the discriminator at the new theta.
        theta += drift.h * oracle.field(theta, phi)[0];
        phi += drift.h * oracle.field(theta, phi)[1];
        r2.push(theta * theta + phi * phi);
      }
      const tenth = Math.floor(r2.length / 10);
      const ratio = Math.max(...r2.slice(-tenth)) / Math.max(...r2.slice(tenth, 2 * tenth));
      expect(Math.abs(drift.ratio - ratio), `${id}: ${drift.ratio} vs ${ratio}`).toBeLessThan(1e-4);
      found.set(id, drift.kind);
    }
    // The flows of GAN and NS-GAN differ beyond the linearisation (exact centre, weakly attracting): so do their iterates.
    expect(Object.fromEntries(found)).toEqual({ gan: 'stays', 'ns-gan': 'in', 'wgan-div': 'in' });
  });
});

describe('the field picture', () => {
  it('draws the training methods\' iterates as dots over their lines (a zero-length piece at every point, which the stylesheet\'s round cap draws as a disc), the flow as a line', () => {
    const run = Float64Array.of(1, 1, 0.5, 0.8, 0.2, 0.4, 0.21, 0.41, -1.3, 0.05);
    const text = { title: 't', desc: 'd', xLabel: 'x', yLabel: 'y', legend: { flow: 'f', simultaneous: 's', alternating: 'a', start: 'o', equilibrium: 'e' } };
    const svg = fieldSvg({ id: 'fig', lines: [], runs: { flow: run, simultaneous: run, alternating: run }, text });
    const attribute = (id: string, name: string) => new RegExp(`<path id="${id}"[^>]* ${name}="([^"]*)"`).exec(svg)?.[1];
    for (const series of ['simultaneous', 'alternating']) {
      const [line] = decode(attribute(`fig-${series}`, 'd')!);
      const dots = attribute(`fig-${series}-iterates`, 'd')!;
      expect(attribute(`fig-${series}-iterates`, 'class'), series).toContain('iterates');
      // Every piece of the dots is a move then a line of length 0: "M x,y h0", then "m dx,dy h0".
      expect(dots, series).toMatch(/^M[^mh]+h0(m[^mh]+h0)*$/);
      const pieces = dots.split(/[Mm]/).filter(Boolean).map((piece) => (piece.replace(/h0$/, '').match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).map(Number));
      const centres = pieces.reduce<number[]>((at, [dx, dy], i) => (i === 0 ? [dx!, dy!] : [...at, at.at(-2)! + dx!, at.at(-1)! + dy!]), []);
      expect(centres.length, series).toBe(run.length);
      centres.forEach((c, i) => expect(c, `${series} ${i}`).toBeCloseTo(line![i]!, 9));
    }
    expect(svg).not.toMatch(/fig-flow-iterates|marker-mid|<marker/);
  });

  it('draws a run that diverges far past the picture with numbers a path holds, its last piece towards where the run went (LSGAN\'s alternating steps at h = 5, n_D = 10, from (1, -2.4): 1.6e41)', () => {
    const lsgan = games.find((g) => g.id === 'lsgan')!;
    const run = discreteRun(lsgan.evaluator, paramsOf(lsgan), 'alternating', { h: RUN_RANGES.h[1], nD: RUN_RANGES.nD[1], steps: DEFAULT_RUN.steps, start: [1, -2.4] });
    expect(run.status).toBe('diverged');
    expect(Math.max(...Array.from(run.path, Math.abs))).toBeGreaterThan(1e38);
    const s = fieldScales();
    const { line, dots } = trajectoryPaths(run.path, s, true);
    // Chromium parses path data into single-precision floats: every number must be one.
    for (const d of [line, dots]) for (const text of d.match(/-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/g)!) expect(Math.abs(Number(text)), text).toBeLessThan(3.4e38);
    const [drawn] = decode(line);
    const n = run.path.length / 2;
    expect(drawn!.length).toBe(2 * n);
    // The last piece points where the run's last step went, in the picture's units.
    const [ax, ay, bx, by] = [s.x(run.path[2 * n - 4]!), s.y(run.path[2 * n - 3]!), s.x(run.path[2 * n - 2]!), s.y(run.path[2 * n - 1]!)];
    const [cx, cy] = [drawn!.at(-2)! - drawn!.at(-4)!, drawn!.at(-1)! - drawn!.at(-3)!];
    expect(Math.abs(Math.atan2(cy, cx) - Math.atan2(by - ay, bx - ax))).toBeLessThan(1e-3);
    expect(Math.max(Math.abs(drawn!.at(-2)!), Math.abs(drawn!.at(-1)!))).toBeCloseTo(FAR, 0);
    const css = readFileSync(path.join(ROOT, 'site/assets/style.css'), 'utf8');
    expect(/\.iterates \{[^}]*stroke-linecap: round[^}]*\}/.test(css)).toBe(true);
    expect(/\.iterates \{[^}]*fill: none[^}]*\}/.test(css)).toBe(true);
  });
});

describe('the four more starts', () => {
  it('run from each start as odex integrates the flow there (to half a pixel), and are drawn from it, the series shown', () => {
    const g = games.find((x) => x.id === 'gan-r1')!;
    const spec = specOf(g, 'en');
    const state = { ...defaultState(spec), steps: 100, several: true };
    const extra = extraRuns(g.evaluator, spec, state);
    expect(extra.length).toBe(EXTRA_STARTS.length);
    const p = paramsOf(g);
    const field = (theta: number, phi: number): [number, number] => {
      const out = g.evaluator.vectorField(theta, phi, p);
      return [out[0]!, out[1]!];
    };
    const [left, right] = fieldScales().x.range() as [number, number];
    const halfPixel = (FIELD_BOX.theta[1] - FIELD_BOX.theta[0]) / (right - left) / 2;
    EXTRA_STARTS.forEach((start, i) => {
      const exact = integrate(field, start, state.steps, state.h);
      const path = extra[i]!.flow.path;
      expect([path[0], path[1]], `start ${start}`).toEqual([...start]);
      for (const k of [25, 50, 100]) expect(Math.hypot(path[2 * k]! - exact.theta[k]!, path[2 * k + 1]! - exact.phi[k]!), `from ${start}, step ${k}`).toBeLessThan(halfPixel);
    });
    const s = fieldScales();
    const layer = extraLayer(extra.map((r) => ({ flow: r.flow.path, simultaneous: r.simultaneous.path, alternating: r.alternating.path })), new Set(['flow', 'simultaneous'] as const), s);
    expect(layer.match(/<path class="traj traj-flow traj-extra"/g)?.length).toBe(EXTRA_STARTS.length);
    expect(layer.match(/<path class="traj traj-simultaneous traj-extra"/g)?.length).toBe(EXTRA_STARTS.length);
    expect(layer).not.toMatch(/traj-alternating/);
    const circles = [...layer.matchAll(/<circle [^>]*cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(circles).toEqual(EXTRA_STARTS.map(([a, b]) => [Number(s.x(a).toFixed(1)), Number(s.y(b).toFixed(1))]));
  });
});

describe('the continuous flow', () => {
  /** A pixel of the field picture, in the units of theta and phi. */
  const pixel = (): number => {
    const [left, right] = fieldScales().x.range() as [number, number];
    return (FIELD_BOX.theta[1] - FIELD_BOX.theta[0]) / (right - left);
  };

  it('keeps theta^2 + phi^2 where the game conserves it, to a hundredth of a pixel, at the default and the largest h of the slider (t = 100 and 10,000)', () => {
    const conserving = games.filter((x) => x.record.claims.invariant === 'theta^2 + phi^2' && !x.abstractActivation);
    expect(conserving.length).toBeGreaterThan(1);
    for (const g of conserving) {
      for (const { h, steps } of [{ h: 0.2, steps: 500 }, { h: RUN_RANGES.h[1], steps: RUN_RANGES.steps[1] }]) {
        const run = flowRun(g.evaluator, paramsOf(g), { h, nD: 1, steps, start: [1, 1] });
        expect(run.steps, g.id).toBe(steps);
        const n = run.path.length / 2 - 1;
        expect(Math.abs(Math.hypot(run.path[2 * n]!, run.path[2 * n + 1]!) - Math.SQRT2), `${g.id} at h = ${h}`).toBeLessThan(pixel() / 100);
      }
    }
  });

  it('reads a closed orbit off its first revolution where the analysis proves every orbit closed: within a hundredth of a pixel of the exact motion at t = 10,000, with a thousandth of the evaluations', () => {
    const closed = games.filter((g) => specOf(g, 'en').closedOrbits);
    // Exact centres with a conserved quadratic form and a smooth field; not the exact centres whose
    // field has kinks or clips (hinge, WGAN-LP, clipped WGAN), nor a focus that attracts (NS-GAN).
    expect(closed.map((g) => g.id)).toEqual(expect.arrayContaining(['gan', 'wgan']));
    for (const id of ['hinge', 'wgan-lp', 'wgan-clip', 'ns-gan']) expect(specOf(games.find((g) => g.id === id)!, 'en').closedOrbits, id).toBe(false);
    for (const g of closed) {
      const p = paramsOf(g);
      const v = new Float64Array(2);
      for (const start of [[1, 1], [0, -1.5]] as const) {
        const r = Math.hypot(...start);
        // The oracle: the orbit is the circle of radius r (the invariant theta^2 + phi^2), along
        // which the angle alpha moves at omega = (theta v_phi - phi v_theta) / r^2 of the checked
        // field; the period is the integral of 1 / omega over a turn (the trapezoidal rule, exact
        // to rounding for a smooth periodic integrand), and alpha(T) is alpha's own ODE run over
        // T mod P by classical RK4 in steps of 1e-4.
        const omega = (alpha: number): number => {
          const [x, y] = [r * Math.cos(alpha), r * Math.sin(alpha)];
          g.evaluator.vectorField(x, y, p, v);
          return (x * v[1]! - y * v[0]!) / (r * r);
        };
        const nodes = 4000;
        let period = 0;
        for (let i = 0; i < nodes; i++) period += 1 / Math.abs(omega((2 * Math.PI * i) / nodes));
        period *= (2 * Math.PI) / nodes;
        const { h, steps } = { h: RUN_RANGES.h[1], steps: RUN_RANGES.steps[1] };
        const left = h * steps - period * Math.floor((h * steps) / period);
        let alpha = Math.atan2(start[1], start[0]);
        const n = Math.ceil(left / 1e-4);
        const dt = left / n;
        for (let i = 0; i < n; i++) {
          const k1 = omega(alpha), k2 = omega(alpha + (dt / 2) * k1), k3 = omega(alpha + (dt / 2) * k2), k4 = omega(alpha + dt * k3);
          alpha += (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        let evaluations = 0;
        const counted = { ...g.evaluator, vectorFieldUnchecked: (theta: number, phi: number, q: Params, out: Float64Array) => (evaluations++, g.evaluator.vectorFieldUnchecked(theta, phi, q, out)) };
        const run = flowRun(counted, p, { h, nD: 1, steps, start }, [], true);
        expect([run.status, run.steps], `${g.id} from ${start}`).toEqual(['running', steps]);
        expect(Math.hypot(run.path.at(-2)! - r * Math.cos(alpha), run.path.at(-1)! - r * Math.sin(alpha)), `${g.id} from ${start}`).toBeLessThan(pixel() / 100);
        // One revolution integrated (about 500 evaluations), where integrating through took 300,000-570,000.
        expect(evaluations, `${g.id} from ${start}`).toBeLessThan(2000);
      }
      // The page's runs read it so too (the spec says the orbits are closed).
      let evaluations = 0;
      const counted = { ...g.evaluator, vectorFieldUnchecked: (theta: number, phi: number, q: Params, out: Float64Array) => (evaluations++, g.evaluator.vectorFieldUnchecked(theta, phi, q, out)) };
      const spec = specOf(g, 'en');
      runs(counted, spec, { ...defaultState(spec), h: RUN_RANGES.h[1], steps: RUN_RANGES.steps[1] });
      expect(evaluations, g.id).toBeLessThan(2000);
    }
  });

  it('integrates on where a flow said to have closed orbits does not come back to its start (a premise failed): NS-GAN\'s attracting focus, forced', () => {
    const nsGan = games.find((g) => g.id === 'ns-gan')!;
    const settings = { h: 1, nD: 1, steps: 200, start: [1, 1] as const };
    const forced = flowRun(nsGan.evaluator, paramsOf(nsGan), settings, [], true);
    expect(forced.path).toEqual(flowRun(nsGan.evaluator, paramsOf(nsGan), settings, [], false).path);
    expect(Math.hypot(forced.path.at(-2)!, forced.path.at(-1)!)).toBeLessThan(Math.SQRT2 * 0.999);
  });

  it('follows odex from (1, 1) across the slider\'s range of h, on every game whose f is concrete and that has no clip: to a hundredth of a pixel where the field is smooth, to h pixels where it jumps', () => {
    for (const g of games.filter((x) => !x.abstractActivation)) {
      const p = paramsOf(g);
      const field = (theta: number, phi: number): [number, number] => {
        const out = g.evaluator.vectorField(theta, phi, p);
        return [out[0]!, out[1]!];
      };
      const clips = clipsOf(specOf(g, 'en'), g.record.hyperparameters.length ? Object.fromEntries(g.record.hyperparameters.map((hp) => [hp.name, hp.default])) : {});
      // The clipped flow is the constrained one, which odex does not follow.
      if (clips.length > 0) continue;
      // Where the field jumps (the record's kinks), the flow's steps there are h / 16 long with
      // an error up to a tenth of a pixel (flow.ts): first order, an error in proportion to h
      // (measured: 0.07 px at h = 0.2, 0.3 at h = 1, 1-2 at h = 5, where four RK4 substeps were
      // 0.04, 2.7 and 112 px off).
      for (const h of [RUN_RANGES.h[0] * 10, 0.2, 1, RUN_RANGES.h[1]]) {
        const within = g.record.kinks.length > 0 ? h * pixel() : pixel() / 100;
        const steps = 20;
        const run = flowRun(g.evaluator, p, { h, nD: 1, steps, start: [1, 1] });
        expect(run.status, `${g.id} at h = ${h}`).toBe('running');
        const exact = integrate(field, [1, 1], (steps + 0.5) * h, h);
        for (let k = 0; k <= steps; k += 5) {
          expect(Math.hypot(run.path[2 * k]! - exact.theta[k]!, run.path[2 * k + 1]! - exact.phi[k]!), `${g.id} at h = ${h}, step ${k}`).toBeLessThan(within);
        }
      }
    }
  });

  it('runs its steps where the field jumps and the flow slides along the jump, at a bounded cost (hinge from the four more starts, at the default h and at 1)', () => {
    const hinge = games.find((g) => g.id === 'hinge')!;
    expect(hinge.record.kinks.length).toBeGreaterThan(0);
    let evaluations = 0;
    const counted = { ...hinge.evaluator, vectorFieldUnchecked: (theta: number, phi: number, p: Params, out: Float64Array) => (evaluations++, hinge.evaluator.vectorFieldUnchecked(theta, phi, p, out)) };
    for (const h of [DEFAULT_RUN.h, 1]) {
      for (const start of EXTRA_STARTS) {
        evaluations = 0;
        const run = flowRun(counted, paramsOf(hinge), { h, nD: 1, steps: DEFAULT_RUN.steps, start });
        expect([run.status, run.steps], `from ${start} at h = ${h}`).toEqual(['running', DEFAULT_RUN.steps]);
        expect(Math.hypot(run.path.at(-2)!, run.path.at(-1)!), `from ${start} at h = ${h}`).toBeLessThan(4);
        // Steps of h / 16 along the jump: a hundred or so evaluations a step (an error control
        // that tried to resolve the jump took thousands).
        expect(evaluations / DEFAULT_RUN.steps, `from ${start} at h = ${h}`).toBeLessThan(200);
      }
    }
  });

  it('stays where a stiff field holds it beside a kink: DRAGAN at its largest weight and h, 2000 steps (t = 10,000), ends where a fine RK4 ends', () => {
    const dragan = games.find((g) => g.id === 'dragan')!;
    const [, largest] = dragan.record.hyperparameters[0]!.range;
    const run = flowRun(dragan.evaluator, { gamma: largest }, { h: RUN_RANGES.h[1], nD: 1, steps: RUN_RANGES.steps[1], start: [1, 1] });
    expect(run.status).toBe('running');
    // Classical RK4 with dt = 1e-3 (4e7 evaluations, run once; dt = 2e-3 agrees to 1e-9):
    // (-19.99999999922, 3.6e-12). A step of h / 16 across the kink phi = 0 with an error of 0.1
    // threw this flow to phi = -1 at step 1337.
    expect(Math.hypot(run.path.at(-2)! + 19.99999999922, run.path.at(-1)! - 3.6e-12)).toBeLessThan(pixel() / 100);
  });

  it('bounds its work: a stiff field stops after FLOW_EVALUATIONS evaluations and says so; a flow that blows up within a step diverges there', () => {
    let evaluations = 0;
    const stiff = { vectorFieldUnchecked: (theta: number, phi: number, _p: Params, out: Float64Array) => ((evaluations++, (out[0] = -1e4 * theta), (out[1] = -phi)), out) } as unknown as PageEvaluator;
    const run = flowRun(stiff, {}, { h: RUN_RANGES.h[1], nD: 1, steps: RUN_RANGES.steps[1], start: [1, 1] });
    expect(run.status).toBe('stopped');
    expect(evaluations).toBeGreaterThan(FLOW_EVALUATIONS);
    expect(evaluations).toBeLessThan(FLOW_EVALUATIONS + 8);
    expect(run.path.length).toBe(2 * (run.steps + 1));
    expect(fieldDesc(clientEn, specOf(games[0]!, 'en'), defaultState(specOf(games[0]!, 'en')), { flow: run, simultaneous: run, alternating: run })).toContain(clientEn.stops(clientEn.flow, run.steps));
    // theta' = theta^2 from 1 blows up at t = 1, inside the first step of h = 5.
    const blowUp = { vectorFieldUnchecked: (theta: number, _phi: number, _p: Params, out: Float64Array) => ((out[0] = theta * theta), (out[1] = 0), out) } as unknown as PageEvaluator;
    const escaped = flowRun(blowUp, {}, { h: 5, nD: 1, steps: 10, start: [1, 0] });
    expect([escaped.status, escaped.steps]).toEqual(['diverged', 1]);
    expect(escaped.path[2]!).toBeGreaterThan(ESCAPE_RADIUS);
  });

  it('follows the clipped game\'s flow, put inside its bounds as the steps are, to a tenth of a pixel from every start (against RK4 with 4000 substeps a step, each clipped)', () => {
    const clipped = games.filter((g) => g.record.constraints.length > 0 && !g.abstractActivation);
    expect(clipped.length).toBeGreaterThan(0);
    for (const g of clipped) {
      const p = paramsOf(g);
      const clips = clipsOf(specOf(g, 'en'), Object.fromEntries(g.record.hyperparameters.map((hp) => [hp.name, hp.default])));
      const v = new Float64Array(2);
      const at = (x: number, y: number): [number, number] => (g.evaluator.vectorFieldUnchecked(x, y, p, v), [v[0]!, v[1]!]);
      const clamp = (z: number[]): void => {
        for (const { index, bound } of clips) z[index] = Math.min(Math.max(z[index]!, -bound), bound);
      };
      const { h } = DEFAULT_RUN;
      const steps = 20;
      for (const start of [[1, 1] as const, ...EXTRA_STARTS]) {
        const run = flowRun(g.evaluator, p, { h, nD: 1, steps, start }, clips);
        // The training steps' projection after every update, with updates 4000 times shorter.
        const z = [...start];
        const substeps = 4000;
        const dt = h / substeps;
        for (let k = 1; k <= steps; k++) {
          for (let i = 0; i < substeps; i++) {
            const k1 = at(z[0]!, z[1]!);
            const k2 = at(z[0]! + (dt / 2) * k1[0], z[1]! + (dt / 2) * k1[1]);
            const k3 = at(z[0]! + (dt / 2) * k2[0], z[1]! + (dt / 2) * k2[1]);
            const k4 = at(z[0]! + dt * k3[0], z[1]! + dt * k3[1]);
            z[0] = z[0]! + (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            z[1] = z[1]! + (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            clamp(z);
          }
          if (k % 5 === 0) expect(Math.hypot(run.path[2 * k]! - z[0]!, run.path[2 * k + 1]! - z[1]!), `${g.id} from ${start}, step ${k}`).toBeLessThan(pixel() / 10);
        }
      }
    }
  });

  it('takes at most half RK4\'s sixteen evaluations of the field a step at the page\'s defaults, on the median game, and never twice as many', () => {
    const perStep = games.filter((x) => !x.abstractActivation).map((g) => {
      let evaluations = 0;
      const counted = { ...g.evaluator, vectorFieldUnchecked: (theta: number, phi: number, p: Params, out: Float64Array) => (evaluations++, g.evaluator.vectorFieldUnchecked(theta, phi, p, out)) };
      flowRun(counted, paramsOf(g), { ...DEFAULT_RUN, nD: 1 });
      return evaluations / DEFAULT_RUN.steps;
    }).sort((a, b) => a - b);
    expect(perStep[Math.floor(perStep.length / 2)], perStep.join(', ')).toBeLessThanOrEqual(8);
    expect(perStep.at(-1), perStep.join(', ')).toBeLessThan(32);
  });

  it('is clipped as the record’s constraints say, like the generated steps', () => {
    const clipped = games.filter((g) => g.record.constraints.length > 0);
    expect(clipped.length).toBeGreaterThan(0);
    for (const g of clipped) {
      const spec = specOf(g, 'en');
      const r = runs(g.evaluator, spec, defaultState(spec));
      for (const c of g.record.constraints) {
        // The bound read by the CAS from its text, apart from the site's reading of its terms.
        const bound = evaluate(fromNerdamer(c.bound.text), { symbols: g.defaults });
        const index = c.parameter === 'theta' ? 0 : 1;
        for (const series of ['flow', 'simultaneous', 'alternating'] as const) {
          const path = r[series].path;
          for (let k = 1; k < path.length / 2; k++) expect(Math.abs(path[2 * k + index]!), `${g.id} ${series}`).toBeLessThanOrEqual(bound + 1e-12);
        }
      }
    }
  });
});

describe('the article companion', () => {
  it('draws its figures at the paper’s set-ups: WGAN clipped to |phi| <= 0.3, its iterates bounded', () => {
    const html = articlePage(loadGames(), 'en');
    const desc = /<desc id="slot-fig-wgan-field-desc">([^<]*)<\/desc>/.exec(html)![1]!;
    expect(desc).toMatch(/^Phase portrait of WGAN with weight clipping/);
    const ends = [...desc.matchAll(/(simultaneous|alternating) steps ends at \(([^,]+), ([^)]+)\)/g)].map((m) => [Number(m[2]!.replace('−', '-')), Number(m[3]!.replace('−', '-'))]);
    expect(ends).toHaveLength(2);
    for (const [theta, phi] of ends) {
      expect(Math.abs(phi!)).toBeLessThanOrEqual(0.3);
      expect(Math.hypot(theta!, phi!)).toBeLessThan(2);
    }
    expect(html).toContain('the penalty’s weight is γ = 1');
  });

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
    const entry = (method: Method, bound: number): MethodRecord => ({
      method,
      label: { en: method, zh: method },
      map: rendered('M'),
      eigenvalues: rendered('\\mu'),
      spectralRadius: rendered('\\rho'),
      verdict: 'converges-below-bound',
      reason: { en: 'because', zh: '因为' },
      bound: { kind: 'numeric', tex: 'h^{*} \\approx 1', atDefaults: bound },
    });
    const results = fromRecord({ discrete: { generic: [entry('simultaneous', 1), entry('extragradient', 3)], concrete: [entry('simultaneous', 2)] } });
    expect(results.map((r) => [r.method, r.bound, r.verdict])).toEqual([
      ['simultaneous', 2, 'converges-below-bound'],
      ['extragradient', 3, 'converges-below-bound'],
    ]);
    expect(results[0]!.formulas!.map((f) => f.key)).toEqual(['bound', 'map', 'eigenvalues', 'spectralRadius']);
    expect(fromRecord({ discrete: { generic: [] } })).toEqual([]);
  });

  it('gives every game a result for each of the four methods', () => {
    for (const g of games) expect(methodResults(g).map((r) => r.method).sort(), g.id).toEqual([...METHODS].sort());
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

describe('the build cache', () => {
  const games = loadGames();
  const dir = path.join(tmpdir(), 'dirac-gan-cache-keys');
  /** generated/ as it is, but the files `changed` names. */
  const reading = (changed: Readonly<Record<string, string>> = {}) => (id: string, extension: 'ts' | 'json') =>
    changed[`${id}.${extension}`] ?? readFileSync(path.join(ROOT, 'generated', `${id}.${extension}`));

  it('keys a game by its record, its module, the sample game’s files where f is abstract, and the site’s fingerprint', () => {
    const game = games.find((g) => !g.abstractActivation)!;
    const abstract = games.find((g) => g.abstractActivation)!;
    const key = (g: (typeof games)[number], changed?: Record<string, string>, fingerprint = 'site') => new BuildCache(dir, fingerprint, reading(changed)).key(g);
    expect(key(game)).toBe(key(game));
    expect(key({ ...game, record: { ...game.record, title: { ...game.record.title, en: 'Changed' } } })).not.toBe(key(game));
    expect(key(game, { [`${game.id}.ts`]: '// changed' })).not.toBe(key(game));
    expect(key(game, {}, 'site changed')).not.toBe(key(game));
    // The abstract game is drawn with the sample game's activation, its TeX from the sample's record.
    expect(key(abstract, { [`${SAMPLE_GAME}.json`]: '{}' })).not.toBe(key(abstract));
    expect(key(abstract, { [`${SAMPLE_GAME}.ts`]: '// changed' })).not.toBe(key(abstract));
    expect(key(game, { [`${SAMPLE_GAME}.json`]: '{}' })).toBe(key(game));
  });

  it('fingerprints the site’s code and the shared generated code, never a build’s output', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-fingerprint-'));
    const put = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    put('site/pages/a.ts', 'a');
    put('generated/runtime/r.ts', 'r');
    const before = siteFingerprint(root);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    put('site/build/en/index.html', 'built');
    put('site/build.tmp-123/en/index.html', 'building');
    expect(siteFingerprint(root)).toBe(before);
    put('site/pages/a.ts', 'b');
    const changed = siteFingerprint(root);
    expect(changed).not.toBe(before);
    put('generated/runtime/r.ts', 's');
    expect(siteFingerprint(root)).not.toBe(changed);
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps what it is given, a damaged entry is a miss, and pruning keeps only the keys asked for', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dirac-gan-cache-'));
    const cache = new BuildCache(folder, 'site', reading());
    const key = cache.key(games[0]!);
    cache.set(key, { 'en/a.html': '<p>a</p>' });
    cache.set('old', { 'en/b.html': '<p>b</p>' });
    expect(cache.get(key)).toEqual({ 'en/a.html': '<p>a</p>' });
    expect(cache.get('missing')).toBeUndefined();
    writeFileSync(path.join(folder, 'cut.json'), '{"en/a.html": "<p>');
    expect(cache.get('cut')).toBeUndefined();
    cache.prune();
    expect(readdirSync(folder)).toEqual([`${key}.json`]);
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('the article companion', () => {
  it('closes with a summary: every game of the article once, with the verdict of its record and the flow’s', () => {
    const games = loadGames();
    const html = articlePage(games, 'en');
    const summary = html.slice(html.indexOf('id="section-summary"'));
    const rows = [...summary.matchAll(/<tr><th scope="row"><a href="games\/([^"]+)\.html">/g)].map((m) => m[1]);
    expect(rows).toEqual(games.filter((g) => g.record.slots.length > 0).map((g) => g.id));
    for (const g of games.filter((g) => g.record.slots.length > 0)) {
      const row = summary.slice(summary.indexOf(`games/${g.id}.html`)).split('</tr>')[0]!;
      expect(row, g.id).toContain(STRINGS.en.verdict[g.record.verdict.verdict]!);
    }
  });
});

describe('the field’s streamlets', () => {
  it('are shaded by |v|: a darker band never holds a slower start than a lighter one (|v| from the finite-difference field of the objectives), all three bands used', () => {
    const game = loadGames().find((g) => g.id === 'gan-r1')!;
    const oracle = numericGame(derivationOf(game.id), game.defaults);
    const lines = streamlets(game.evaluator, game.defaults, FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH);
    const speeds = lines.map((l) => Math.hypot(...oracle.field(l.points[0]!, l.points[1]!)));
    lines.forEach((l, i) => expect(Math.abs(l.speed - speeds[i]!), 'the speed a streamlet carries').toBeLessThanOrEqual(1e-6 * Math.max(1, speeds[i]!)));
    const [least, greatest] = [Math.min(...lines.map((l) => l.speed)), Math.max(...lines.map((l) => l.speed))];
    const bands = lines.map((l) => speedBand(l.speed, least, greatest));
    expect(new Set(bands)).toEqual(new Set([0, 1, 2]));
    for (let band = 1; band < SPEED_BANDS; band++) {
      const slowest = Math.min(...speeds.filter((_, i) => bands[i] === band));
      const fastest = Math.max(...speeds.filter((_, i) => bands[i] === band - 1));
      expect(slowest, `band ${band} against band ${band - 1}`).toBeGreaterThan(fastest * (1 - 1e-6));
    }
    const layer = fieldLayer(lines, fieldScales());
    for (let band = 0; band < SPEED_BANDS; band++) expect(layer).toContain(`class="streamlet speed-${band}"`);
  });

  describe('follow the streamlines of the normalised field', () => {
    const { x } = fieldScales();
    const pixel = (FIELD_BOX.theta[1] - FIELD_BOX.theta[0]) / (x(FIELD_BOX.theta[1]) - x(FIELD_BOX.theta[0]));
    const ds = STREAMLET_LENGTH / 5;
    /** d(theta, phi)/ds = v / |v|: the streamline by arc length. */
    const directionOf = (game: (typeof games)[number]) => (theta: number, phi: number): [number, number] => {
      const [a, b] = game.evaluator.vectorField(theta, phi, paramsOf(game));
      const size = Math.hypot(a!, b!);
      return [a! / size, b! / size];
    };
    /** The largest distance (in px of the picture) from a streamlet's points to `exact`'s, over the game's streamlets. */
    const worstPixels = (game: (typeof games)[number], exact: (start: [number, number], pieces: number) => { theta: number[]; phi: number[] }): number => {
      let worst = 0;
      for (const line of streamlets(game.evaluator, paramsOf(game), FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH)) {
        const pieces = line.points.length / 2 - 1;
        const path = exact([line.points[0]!, line.points[1]!], pieces);
        for (let n = 1; n <= pieces; n++) worst = Math.max(worst, Math.hypot(line.points[2 * n]! - path.theta[n]!, line.points[2 * n + 1]! - path.phi[n]!) / pixel);
      }
      return worst;
    };

    it('within 0.2 px of the picture (odex), on every game whose field is one smooth formula', () => {
      const smooth = games.filter((g) => g.record.kinks.length === 0);
      expect(smooth.length).toBeGreaterThan(10);
      for (const game of smooth) {
        const direction = directionOf(game);
        expect(worstPixels(game, (start, pieces) => integrate(direction, start, pieces * ds, ds, 1e-10)), game.id).toBeLessThanOrEqual(0.2);
      }
    });

    it('within 3 px where the field jumps across a kink (hinge’s 1 - phi theta = 0), against 100 RK4 steps a piece', () => {
      // odex would stall at the jump; small fixed steps cross it (or slide along it) as the flow does.
      const kinked = games.filter((g) => g.record.kinks.length > 0);
      expect(kinked.map((g) => g.id)).toContain('hinge');
      for (const game of kinked) {
        const direction = directionOf(game);
        const fine = (start: [number, number], pieces: number) => {
          let [a, b] = start;
          const path = { theta: [a], phi: [b] };
          const h = ds / 100;
          for (let n = 0; n < pieces * 100; n++) {
            const k1 = direction(a, b);
            const k2 = direction(a + (h / 2) * k1[0], b + (h / 2) * k1[1]);
            const k3 = direction(a + (h / 2) * k2[0], b + (h / 2) * k2[1]);
            const k4 = direction(a + h * k3[0], b + h * k3[1]);
            a += (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            b += (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            if ((n + 1) % 100 === 0) {
              path.theta.push(a);
              path.phi.push(b);
            }
          }
          return path;
        };
        expect(worstPixels(game, fine), game.id).toBeLessThanOrEqual(3);
      }
    });
  });
});
