/**
 * Planes of two of a training method's numbers, the others at their values: p's coefficients
 * as polynomials in the two, for the records (the site maps where the map contracts over them
 * with the runtime's Schur test). (h_G, h_D), two time scales, for every method; (q, h) for its
 * first hyperparameter q.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import { coefficients } from '../ir/polynomial.js';
import { substitute } from '../ir/traverse.js';
import type { MethodDefinition } from '../method.js';
import { RATE_SYMBOLS } from './linearise.js';
import { ONE_RATE } from './one-rate.js';

/** A plane of two of the rule's numbers, the others at their defaults: p's coefficients as
 * polynomials in them, c_k = sum of coefficients[k][i][j] x^i y^j (the site draws where M
 * contracts from them, with the runtime's Schur test). */
export interface Plane {
  readonly x: string;
  readonly y: string;
  readonly coefficients: readonly (readonly (readonly number[])[])[];
}

/** c as a polynomial in x and y with every other symbol at its value: coefficients[i][j] of x^i y^j; undefined where it is not one. */
export function bivariate(c: Expr, x: string, y: string, values: Readonly<Record<string, number>>): number[][] | undefined {
  const fixed = substitute(c, new Map(Object.entries(values).filter(([name]) => name !== x && name !== y).map(([name, v]) => [name, E.num(v)])));
  const inX = coefficients(fixed, x);
  const rows = inX?.map((cx) => coefficients(cx, y)?.map((e) => evaluate(e, { symbols: {} })));
  return rows && rows.every((row) => row !== undefined) ? (rows as number[][]) : undefined;
}

export function planesOf(method: MethodDefinition, polynomial: readonly Expr[], values: Readonly<Record<string, number>>): Plane[] {
  const oneRate = (e: Expr): Expr => substitute(e, new Map([[RATE_SYMBOLS.generator, E.sym(ONE_RATE)], [RATE_SYMBOLS.discriminator, E.sym(ONE_RATE)]]));
  const first = Object.keys(method.hyperparameters ?? {})[0];
  const candidates: { x: string; y: string; polynomial: readonly Expr[] }[] = [
    { x: RATE_SYMBOLS.generator, y: RATE_SYMBOLS.discriminator, polynomial },
    ...(first ? [{ x: first, y: ONE_RATE, polynomial: polynomial.map(oneRate) }] : []),
  ];
  return candidates.flatMap(({ x, y, polynomial }) => {
    const tensor = polynomial.map((c) => bivariate(c, x, y, values));
    return tensor.every((t) => t !== undefined) ? [{ x, y, coefficients: tensor as number[][][] }] : [];
  });
}

