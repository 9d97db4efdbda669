/**
 * What the bench checks before it times anything, so that a ratio never compares against a
 * wrong evaluator:
 *   - every variant of every game agrees with the generated evaluator at CHECK_POINTS to SAME
 *     relative, the nerdamer baselines away from SPOT, where they overflow (buildFunction
 *     writes e^x as powers of 325368125 and 119696244, whose ratio is e), which spotReport lists;
 *   - for a game with instance noise, every variant's error against the 60-digit oracle
 *     (noise-oracle.ts), relative to max(1, |value|), which run.ts prints beside its speed.
 */
import { KINDS, VARIANTS } from './variants.js';
import type { BenchGame, Kind, Variant } from './variants.js';
import { CHECK_POINTS, SPOT } from './points.js';
import { ORACLE_POINTS, noiseOracle } from './noise-oracle.js';

export const SAME = 1e-12;

const isBaseline = (variant: Variant): boolean => variant === 'nerdamer text' || variant === 'buildFunction';

function evaluateAt(game: BenchGame, variant: Variant, kind: Kind, [theta, phi]: readonly [number, number], p = game.defaults): Float64Array | undefined {
  const evaluate = game.evaluate(variant, kind);
  if (evaluate === undefined) return undefined;
  try {
    return evaluate(theta, phi, p, new Float64Array(kind.width));
  } catch (error) {
    throw new Error(`${variant} ${kind.name} of ${game.id} threw at (theta, phi) = (${theta}, ${phi}): ${(error as Error).message}`);
  }
}

/** |a - b| / max(|a|, |b|), worst entry; 0 where both are equal (zeros included), NaN where either is. */
function worstRelative(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    const difference = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (Number.isNaN(difference)) return Number.NaN;
    worst = Math.max(worst, difference);
  }
  return worst;
}

/** Throws, naming the game, function, variant and point, unless every present variant agrees with the generated one; returns the worst difference by variant. */
export function checkFields(games: readonly BenchGame[]): Partial<Record<Variant, number>> {
  const worst: Partial<Record<Variant, number>> = {};
  for (const game of games) {
    for (const kind of KINDS) {
      for (const point of CHECK_POINTS) {
        const expected = evaluateAt(game, 'generated', kind, point);
        if (expected === undefined) throw new Error(`generated/${game.id}.ts has no ${kind.checked}`);
        for (const variant of VARIANTS) {
          if (isBaseline(variant) && point[0] === SPOT[0] && point[1] === SPOT[1]) continue;
          const actual = evaluateAt(game, variant, kind, point);
          if (actual === undefined) continue;
          const difference = worstRelative(expected, actual);
          if (!(difference <= SAME)) {
            throw new Error(`${variant} ${kind.name} of ${game.id} at (theta, phi) = (${point.join(', ')}) is [${[...actual].join(', ')}], generated is [${[...expected].join(', ')}] (relative difference ${difference.toExponential(1)} > ${SAME})`);
          }
          worst[variant] = Math.max(worst[variant] ?? 0, difference);
        }
      }
    }
  }
  return worst;
}

/** For each nerdamer baseline, the games and functions where it is NaN or differs from the generated evaluator at SPOT. */
export function spotReport(games: readonly BenchGame[]): Record<'nerdamer text' | 'buildFunction', string[]> {
  const report = { 'nerdamer text': [] as string[], buildFunction: [] as string[] };
  for (const variant of ['nerdamer text', 'buildFunction'] as const) {
    for (const game of games) {
      for (const kind of KINDS) {
        const expected = evaluateAt(game, 'generated', kind, SPOT)!;
        const actual = evaluateAt(game, variant, kind, SPOT)!;
        const nan = [...actual].filter(Number.isNaN).length;
        const differing = [...actual].filter((x, i) => !Number.isNaN(x) && !(Math.abs(x - expected[i]!) <= 1e-9 * Math.max(1, Math.abs(expected[i]!)))).length;
        if (nan + differing > 0) report[variant].push(`${game.id} ${kind.name}${nan ? ` (NaN in ${nan}/${kind.width})` : ''}${differing ? ` (differs in ${differing}/${kind.width})` : ''}`);
      }
    }
  }
  return report;
}

/** Worst error of each present variant against the 60-digit oracle, relative to max(1, |value|), over ORACLE_POINTS; field and Jacobian together. */
export function noiseAccuracy(game: BenchGame): Partial<Record<Variant, number>> {
  const worst: Partial<Record<Variant, number>> = {};
  for (const { theta, phi, sigma } of ORACLE_POINTS) {
    const exact = noiseOracle(theta, phi, sigma);
    for (const variant of VARIANTS) {
      const field = evaluateAt(game, variant, KINDS[0], [theta, phi], { sigma });
      const jacobian = evaluateAt(game, variant, KINDS[1], [theta, phi], { sigma });
      if (field === undefined || jacobian === undefined) continue;
      const values = [...field, ...jacobian];
      const error = Math.max(...values.map((v, i) => Math.abs(v - exact[i]!) / Math.max(1, Math.abs(exact[i]!))));
      worst[variant] = Math.max(worst[variant] ?? 0, Number.isNaN(error) ? Infinity : error);
    }
  }
  return worst;
}
