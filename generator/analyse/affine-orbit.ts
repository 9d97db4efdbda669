/**
 * The periodic orbit around a switching line phi = 0 in closed form, where each one-sided
 * field is affine with its equilibrium c on the line (WGAN-GP: v+ = (-phi, theta + gamma -
 * gamma phi), zero at (-gamma, 0)). Such a field's flow from a point x0 of the line is
 * c + e^{Jt}(x0 - c). Where J's eigenvalues are alpha +- i omega (a focus), the component
 * across the line is e^{alpha t} b sin(omega t): the orbit returns to the line after exactly
 * pi / omega, and there e^{J pi/omega} = -e^{alpha pi/omega} I, so it lands at
 * c - k (x0 - c) with k = e^{alpha pi / omega}. Where J's eigenvalues are real (a node or a
 * saddle) that component is A (e^{l1 t} - e^{l2 t}), never 0 again: no return, no orbit.
 *
 * The return map of the two half-turns is then affine in the start s, with one fixed point,
 * its multiplier k+ k- and its period pi/omega+ + pi/omega- -- the orbit and the range of
 * the hyperparameters where it exists, as formulas, where the numeric return map
 * (poincare.ts) can only sample.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { coefficients } from '../ir/polynomial.js';
import { dependsOn } from '../ir/traverse.js';
import type { FilippovLine } from './filippov.js';

export interface AffineOrbit {
  /** Where the orbit crosses phi = 0 into phi > 0 (s), and where it comes back to the line (its
   * largest and smallest theta, in either order: the orbit may turn either way). */
  readonly enters: Expr;
  readonly returns: Expr;
  readonly period: Expr;
  readonly multiplier: Expr;
  /** 4 det J - tr J^2 of each side's field (one formula where the two agree): the orbit exists
   * where each is positive (both equilibria foci) and it crosses the line outside the segment. */
  readonly focusConditions: readonly Expr[];
}

/** Whether e is a + b theta + c phi with a, b, c free of theta and phi. */
function isAffine(e: Expr): boolean {
  const inTheta = coefficients(expand(e), 'theta');
  if (!inTheta || inTheta.length > 2) return false;
  if (inTheta[1] && dependsOn(inTheta[1], 'phi')) return false;
  const inPhi = coefficients(inTheta[0]!, 'phi');
  return inPhi !== undefined && inPhi.length <= 2;
}

export function affineOrbit(line: FilippovLine): AffineOrbit | undefined {
  if (line.variable !== 'phi' || ![...line.plus, ...line.minus].every(isAffine)) return undefined;
  const plus = line.boundaryEquilibria.find((b) => b.side === 1);
  const minus = line.boundaryEquilibria.find((b) => b.side === -1);
  if (!plus || !minus) return undefined;
  const half = E.num(0.5);
  const pi = E.sym('pi');
  const turn = (b: typeof plus) => {
    const omega = E.sqrt(expand(E.sub(b.determinant, E.mul(E.num(0.25), E.pow(b.trace, E.num(2))))));
    return {
      time: E.div(pi, omega),
      contraction: E.call('exp', E.div(E.mul(half, b.trace, pi), omega)),
      focus: expand(E.sub(E.mul(E.num(4), b.determinant), E.pow(b.trace, E.num(2)))),
    };
  };
  const [up, down] = [turn(plus), turn(minus)];
  const [cPlus, cMinus, kPlus, kMinus] = [plus.at, minus.at, up.contraction, down.contraction];
  // s -> theta1 = c+ - k+ (s - c+) -> c- - k- (theta1 - c-); its fixed point, which for a
  // field symmetric under (theta, phi) -> -(theta, phi) (k+ = k-, c+ = -c-) is c- (1 + k) / (1 - k).
  const symmetric = kPlus === kMinus && expand(E.add(cPlus, cMinus)) === E.ZERO;
  const enters = symmetric
    ? E.div(E.mul(cMinus, E.add(E.ONE, kMinus)), E.sub(E.ONE, kMinus))
    : E.div(E.sub(E.mul(cMinus, E.add(E.ONE, kMinus)), E.mul(cPlus, kMinus, E.add(E.ONE, kPlus))), E.sub(E.ONE, E.mul(kPlus, kMinus)));
  return {
    enters,
    returns: symmetric ? E.neg(enters) : E.sub(cPlus, E.mul(kPlus, E.sub(enters, cPlus))),
    period: E.add(up.time, down.time),
    multiplier: E.mul(kPlus, kMinus),
    focusConditions: up.focus === down.focus ? [up.focus] : [up.focus, down.focus],
  };
}
