/**
 * Stage 3a: per-player objectives -> the vector field and its Jacobian.
 *
 * v(theta, phi) = (-dL_G/dtheta, dL_D/dphi): the generator descends its objective, the
 * discriminator ascends its own (Mescheder et al. 2018, eq. 2). Consensus optimisation
 * (Mescheder et al. 2017) adds weight * 1/2 ||v||^2 to the generator's objective and
 * subtracts it from the discriminator's, so the regularised field is v - weight * grad(1/2 ||v||^2).
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import type { Player } from '../game.js';
import type { DiracGame } from '../specialise/dirac.js';
import { differentiate } from '../cas/differentiate.js';

export type Vector2 = readonly [Expr, Expr];
export type Matrix2 = readonly [Vector2, Vector2];

export const fieldOf = (objectives: Readonly<Record<Player, Expr>>): Vector2 => [
  E.neg(differentiate(objectives.generator, 'theta')),
  differentiate(objectives.discriminator, 'phi'),
];

export const jacobianOf = (v: Vector2): Matrix2 => [
  [differentiate(v[0], 'theta'), differentiate(v[0], 'phi')],
  [differentiate(v[1], 'theta'), differentiate(v[1], 'phi')],
];

/** The objectives the players actually follow, consensus penalty included. */
export function regularisedObjectives(game: DiracGame): Readonly<Record<Player, Expr>> {
  if (!game.consensusWeight) return game.objectives;
  const [vTheta, vPhi] = fieldOf(game.objectives);
  const halfSquaredNorm = E.mul(E.num(0.5), E.add(E.pow(vTheta, E.num(2)), E.pow(vPhi, E.num(2))));
  const penalty = E.mul(game.consensusWeight, halfSquaredNorm);
  return {
    generator: E.add(game.objectives.generator, penalty),
    discriminator: E.sub(game.objectives.discriminator, penalty),
  };
}
