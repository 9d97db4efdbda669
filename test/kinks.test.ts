/**
 * On a kink u = 0 of the field (the record's `kinks`), the Jacobian does not exist: the
 * checked `jacobian` returns its limit from the side u > 0, never a matrix built on
 * sign(0) = 0, and the record states the jump of the field and of the Jacobian across the
 * kink. Both against finite differences of the numerically evaluated objectives
 * (oracles/numeric-game.ts) a little way off the kink on each side.
 */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../generator/ir/expr.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { numericGame } from './oracles/numeric-game.js';
import type { NumericGame } from './oracles/numeric-game.js';
import { loadTestGames } from './support/games.js';
import { defaultsOf, importEvaluator } from './support/evaluators.js';
import { parseEntries } from './support/records.js';

const games = (await loadTestGames()).filter((g) => g.record.kinks.length > 0);

/** Distances from the kink at which the one-sided values are read (beyond the reach of the
 * oracle's own differences, 1e-3), extrapolated linearly to the kink; the difference step there. */
const OFF = 0.01;
const STEP = 1e-4;

/** A point with u(theta, phi) exactly 0 in doubles, found by bisection in phi at this theta. */
function pointOn(u: Expr, theta: number, p: Record<string, number>): [number, number] | undefined {
  const at = (phi: number): number => evaluate(u, { symbols: { ...p, theta, phi } });
  const grid = Array.from({ length: 61 }, (_, i) => -3 + i / 10);
  for (let i = 0; i + 1 < grid.length; i++) {
    let [low, high] = [grid[i]!, grid[i + 1]!];
    if (at(low) === 0) return [theta, low];
    if (Math.sign(at(low)) === Math.sign(at(high))) continue;
    while (high - low > 0 && (low + high) / 2 !== low && (low + high) / 2 !== high) {
      const middle = (low + high) / 2;
      if (Math.sign(at(middle)) === Math.sign(at(low))) low = middle;
      else high = middle;
    }
    for (const phi of [low, high]) if (at(phi) === 0) return [theta, phi];
  }
  return undefined;
}

/** The unit normal of u = 0 towards u > 0, by central differences of u. */
function normal(u: Expr, [theta, phi]: [number, number], p: Record<string, number>): [number, number] {
  const at = (t: number, f: number): number => evaluate(u, { symbols: { ...p, theta: t, phi: f } });
  const g = [(at(theta + STEP, phi) - at(theta - STEP, phi)) / (2 * STEP), (at(theta, phi + STEP) - at(theta, phi - STEP)) / (2 * STEP)];
  const length = Math.hypot(g[0]!, g[1]!);
  return [g[0]! / length, g[1]! / length];
}

/** The Jacobian by central differences of the oracle's field, row-major. */
function jacobianOf(oracle: NumericGame, theta: number, phi: number): number[] {
  const dTheta = [oracle.field(theta + STEP, phi), oracle.field(theta - STEP, phi)];
  const dPhi = [oracle.field(theta, phi + STEP), oracle.field(theta, phi - STEP)];
  return [0, 1].flatMap((i) => [(dTheta[0]![i]! - dTheta[1]![i]!) / (2 * STEP), (dPhi[0]![i]! - dPhi[1]![i]!) / (2 * STEP)]);
}

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (id, { record, definition }) => {
  const p = defaultsOf(record);
  const oracle = numericGame(definition, p);

  it.each(record.kinks.map((k) => [k.text, k] as const))('on the kink %s = 0: the Jacobian from the positive side, and the jumps the record states', async (_, kink) => {
    const m = await importEvaluator(id);
    const u = fromNerdamer(kink.text);
    const jumpField = parseEntries(kink.jump.field.text);
    const jumpJacobian = parseEntries(kink.jump.jacobian.text);
    let checked = 0;
    for (const theta of [0.5, 2, -0.25]) {
      const on = pointOn(u, theta, p);
      if (!on) continue;
      const [nTheta, nPhi] = normal(u, on, p);
      const at = (distance: number): [number, number] => [on[0] + distance * nTheta, on[1] + distance * nPhi];
      const where = `at (${on}), u > 0 towards (${nTheta.toFixed(3)}, ${nPhi.toFixed(3)})`;
      // Off the kink the field is smooth on each side: the oracle's differences are trusted there.
      for (const distance of [OFF, 2 * OFF, -OFF, -2 * OFF]) expect(oracle.smoothAt(...at(distance)), `${where}, ${distance} off`).toBe(true);
      /** A quantity's limit on the kink from one side: 2 g(d) - g(2d), exact to O(d^2). */
      const limitOf = (g: (point: [number, number]) => number[], sign: 1 | -1): number[] => {
        const [near, far] = [g(at(sign * OFF)), g(at(2 * sign * OFF))];
        return near.map((v, i) => 2 * v - far[i]!);
      };
      const jacobianPlus = limitOf((q) => jacobianOf(oracle, ...q), 1);
      const computed = [...m.jacobian(on[0], on[1], p)];
      computed.forEach((c, i) => expect(Math.abs(c - jacobianPlus[i]!), `${where}: J[${i}] ${c}, the limit from u > 0 ${jacobianPlus[i]}`).toBeLessThan(1e-3));
      const env = { symbols: { ...p, theta: on[0], phi: on[1] } };
      const fieldPlus = limitOf((q) => oracle.field(...q), 1);
      const fieldMinus = limitOf((q) => oracle.field(...q), -1);
      jumpField.forEach((e, i) => expect(Math.abs(evaluate(e, env) - (fieldPlus[i]! - fieldMinus[i]!)), `${where}: jump of v[${i}]`).toBeLessThan(1e-3));
      const jacobianMinus = limitOf((q) => jacobianOf(oracle, ...q), -1);
      jumpJacobian.forEach((e, i) => expect(Math.abs(evaluate(e, env) - (jacobianPlus[i]! - jacobianMinus[i]!)), `${where}: jump of J[${i}]`).toBeLessThan(1e-3));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
