/**
 * Numbers for the global analyses: IR expressions compiled to closures over (theta, phi)
 * (the evaluator in ir/evaluate.ts allocates a memo per call, too slow inside an ODE
 * solver), and integration with odex (Hairer-Wanner GBS extrapolation) that stops exactly
 * where a watched coordinate reaches 0, located on odex's dense-output interpolant.
 * Piecewise-smooth fields are integrated one smooth piece at a time, so the solver never
 * steps across a jump of the field.
 */
import { createRequire } from 'node:module';
import type odex from 'odex';

// By file path: tsconfig maps the bare name 'odex' to its type declarations, and tsx
// follows that mapping at run time too.
const { Solver } = createRequire(import.meta.url)('odex/src/odex.js') as typeof odex;
import * as Q from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { portablePower } from '../../runtime/portable.js';

export type Scalar = (theta: number, phi: number) => number;
export type PlanarField = (theta: number, phi: number) => readonly [number, number];

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const FUNCTIONS: Record<string, (x: number) => number> = {
  exp: Math.exp, log: Math.log, abs: Math.abs, sign: Math.sign, sigmoid, softplus,
  relu: (x) => Math.max(0, x), step: (x) => (x > 0 ? 1 : 0),
};

/** e as a closure; every symbol other than theta and phi takes its value from `symbols`. */
export function compile(e: Expr, symbols: Readonly<Record<string, number>>): Scalar {
  type Node = (t: number, p: number) => number;
  const memo = new Map<Expr, Node>();
  const build = (node: Expr): Node => {
    const cached = memo.get(node);
    if (cached) return cached;
    let fn: Node;
    switch (node.kind) {
      case 'num': { const v = Q.toNumber(node.value); fn = () => v; break; }
      case 'sym': {
        if (node.name === 'theta') fn = (t) => t;
        else if (node.name === 'phi') fn = (_t, p) => p;
        else {
          const v = symbols[node.name];
          if (v === undefined) throw new Error(`compile: no value for '${node.name}'`);
          fn = () => v;
        }
        break;
      }
      case 'add': { const parts = node.terms.map(build); fn = (t, p) => { let s = 0; for (const q of parts) s += q(t, p); return s; }; break; }
      case 'mul': { const parts = node.factors.map(build); fn = (t, p) => { let s = 1; for (const q of parts) s *= q(t, p); return s; }; break; }
      case 'pow': { const b = build(node.base); const x = build(node.exponent); fn = (t, p) => portablePower(b(t, p), x(t, p)); break; }
      case 'call': { const a = build(node.arg); const g = FUNCTIONS[node.fn]!; fn = (t, p) => g(a(t, p)); break; }
      case 'activation': throw new Error('compile: the activation must be concrete');
    }
    memo.set(node, fn);
    return fn;
  };
  const root = build(e);
  return (theta, phi) => root(theta, phi);
}

export const compileField = (v: readonly [Expr, Expr], symbols: Readonly<Record<string, number>>): PlanarField => {
  const [a, b] = [compile(v[0], symbols), compile(v[1], symbols)];
  return (theta, phi) => [a(theta, phi), b(theta, phi)];
};

export interface Hit {
  /** Time of the event, or of the end when there was none. */
  readonly t: number;
  readonly theta: number;
  readonly phi: number;
  readonly hit: boolean;
}

/** Runs odex with Math.pow computed as portablePower. odex's step-size control takes fractional
 * powers of its error estimates, which engines round differently (runtime/portable.ts), so its
 * steps, and an orbit's period to the last digit, would depend on where it runs: the
 * playground's worker would not give the record `npm run generate` gives. The swap lasts one
 * synchronous call, in which only the field and the step callback below run besides odex. */
function withPortablePowers<T>(run: () => T): T {
  const pow = Math.pow;
  Math.pow = portablePower;
  try {
    return run();
  } finally {
    Math.pow = pow;
  }
}

/** |theta| or |phi| beyond this: the orbit has escaped and will not cross the line. */
const ESCAPE = 1e8;

/**
 * Integrates from `start` until `watch`(theta, phi) -- a coordinate, 0: theta, 1: phi --
 * changes sign away from the start (or tEnd). The crossing time is found by bisection on
 * the dense-output interpolant. The sign is read at the end of each step, so a step must be
 * shorter than the time between two crossings: the steps are at most 1 (the Dirac-GANs' orbits
 * take 7 or more between crossings of a line).
 */
export function integrateUntil(v: PlanarField, start: readonly [number, number], watch: 0 | 1, tEnd: number, tolerance = 1e-12): Hit {
  const solver = new Solver(2);
  solver.absoluteTolerance = solver.relativeTolerance = tolerance;
  solver.denseOutput = true;
  // The Dirac-GANs' orbits take about 2.6 steps per unit of time at most (272-525 to t = 200 over
  // the 182 runs for derivations/): 50 is room enough, and bounds the time spent on an orbit odex
  // cannot follow, which then counts as no crossing.
  solver.maxSteps = Math.ceil(50 * tEnd) + 1000;
  solver.maxStepSize = 1;
  let event: Hit | undefined;
  let side = 0;
  let reached = 0;
  const result = withPortablePowers(() => solver.solve((_t, y) => [...v(y[0]!, y[1]!)], 0, [...start], tEnd, (_n, xOld, x, y, interpolate) => {
    reached = x;
    if (!(Math.abs(y[0]!) < ESCAPE && Math.abs(y[1]!) < ESCAPE)) return false;
    const w = y[watch]!;
    if (side === 0) {
      side = Math.sign(w);
      return true;
    }
    if (Math.sign(w) === side) return true;
    let [lo, hi] = [xOld, x];
    for (let k = 0; k < 80 && hi - lo > 1e-15 * Math.max(1, hi); k++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(interpolate!(watch, mid)) === side) lo = mid; else hi = mid;
    }
    const at = [interpolate!(0, hi), interpolate!(1, hi)];
    at[watch] = 0;
    event = { t: hi, theta: at[0]!, phi: at[1]!, hit: true };
    return false;
  }));
  // No crossing: none before tEnd, or the orbit escaped (a field that grows faster than linearly
  // reaches infinity in finite time), or odex could not follow it within its steps.
  if (event) return event;
  return { t: result.outcome === 0 ? tEnd : reached, theta: result.y[0]!, phi: result.y[1]!, hit: false };
}

/** Where a property stops holding between a value where it holds and one where it does not, by
 * bisection to a relative tolerance: the middle of the last bracket. */
export function edgeBetween(holds: (value: number) => boolean, inside: number, outside: number, tolerance: number): number {
  while (Math.abs(outside - inside) > tolerance * Math.abs(outside)) {
    const middle = (inside + outside) / 2;
    if (holds(middle)) inside = middle; else outside = middle;
  }
  return (inside + outside) / 2;
}
