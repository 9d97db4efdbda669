/**
 * A training method's map with one learning rate h = h_G = h_D, the rest at given numbers: where
 * the Schur conditions on p's coefficients hold along h (every interval in (1e-6, 1e3)), the
 * verdict and bound in the runtime's terms, and the spectral radius at any h by the same
 * conditions applied to p(r mu) (the runtime's bisection on r; degree 2 from its roots).
 */
import type { Expr } from '../ir/expr.js';
import { numericFunction, numericFunctions } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { LEARNING_RATES, TOUCHES_ONE, intervalMiddle, intervalsWhere } from '../../runtime/bound.js';
import type { StabilityVerdict, StableInterval } from '../../runtime/methods.js';
import { portablePower, powerOfTen } from '../../runtime/portable.js';
import { coefficientSymbol, schurConditions } from './schur.js';
import { hasRootAtOne, polynomialRadius, schurStable, withoutRootsAtOne } from '../../runtime/schur.js';

/** The symbol of the one learning rate. */
export const ONE_RATE = 'h';

export interface OneRate {
  /** The spectral radius of M and whether M contracts, at one learning rate h (the rest at their defaults). */
  readonly spectralRadius: (h: number) => number;
  readonly contracts: (h: number) => boolean;
  /** p's coefficients c_0, ..., c_n at h. */
  readonly coefficientsAt: (h: number) => number[];
  readonly verdict: StabilityVerdict;
  /** The largest stable h of the interval that starts at 0. */
  readonly bound?: number;
  /** Every interval of h in (1e-6, 1e3) where M contracts. */
  readonly intervals: readonly StableInterval[];
}


/** The learning rates the intervals are looked for at: from 1e-6 to 1e3, 100 a decade (the
 * runtime's 121-point grid missed a gap of instability 0.04 decades wide: lookahead's on the
 * relativistic R1 + R2 game). The conditions are closed forms: a test costs a microsecond. */
const SCAN: readonly number[] = Array.from({ length: 901 }, (_, i) => powerOfTen(-6 + i / 100));

/** The numbers along one learning rate h: where the Schur conditions hold, and what that means.
 * `smallStepsConverge`: J is stable, so a method that is I + hJ to first order converges for h
 * small enough: where it does not at 1e-6, 'undecided', not 'never-converges'. */
export function oneRateOf(inOneRate: readonly Expr[], env: Environment, smallStepsConverge = false): OneRate {
  const found = searchOneRate(inOneRate, env, smallStepsConverge);
  const { coefficientsAt } = found;
  return { ...found.verdict, coefficientsAt, spectralRadius: (h) => polynomialRadius(coefficientsAt(h), found.contracts), contracts: (h) => found.contracts(coefficientsAt(h)) };
}

type Verdict = Omit<OneRate, 'spectralRadius' | 'contracts' | 'coefficientsAt'>;

function searchOneRate(inOneRate: readonly Expr[], env: Environment, smallStepsConverge: boolean): { verdict: Verdict; coefficientsAt: (h: number) => number[]; contracts: (c: readonly number[]) => boolean } {
  const inH = numericFunctions(inOneRate, [ONE_RATE], env);
  const coefficientsAt = (h: number): number[] => inH([h]);
  const tests = conditionTests(inOneRate.length - 1);
  const contracts = (c: readonly number[]): boolean => tests.every((test) => test(c) > 0);
  return { verdict: verdictAlongH(coefficientsAt, contracts, smallStepsConverge), coefficientsAt, contracts };
}

/** The Schur conditions of a degree as functions of p's coefficients, compiled once. */
const testsByDegree = new Map<number, ((c: readonly number[]) => number)[]>();
function conditionTests(degree: number): ((c: readonly number[]) => number)[] {
  let tests = testsByDegree.get(degree);
  if (!tests) {
    const names = Array.from({ length: degree + 1 }, (_, k) => coefficientSymbol(k));
    tests = schurConditions(degree).map((c) => numericFunction(c.expression, names, { symbols: {} }));
    testsByDegree.set(degree, tests);
  }
  return tests;
}

/** The verdict with one learning rate h, from p's coefficients at h and the Schur test. */
function verdictAlongH(coefficientsAt: (h: number) => number[], contracts: (c: readonly number[]) => boolean, smallStepsConverge: boolean): Verdict {
  // An eigenvalue 1 that h does not move (p(1) = 0 for every h, from an eigenvalue 0 of J): the
  // linearisation decides nothing, unless another eigenvalue is outside the circle for small h
  // (as the runtime's search says: rho(1e-3) above 1 is 'never-converges'). Read off p(1) at
  // three h, not off a radius: a double root at 1 moves by the square root of the rounding error.
  if ([1e-3, 0.1, 1].every((h) => hasRootAtOne(coefficientsAt(h)))) {
    const others = withoutRootsAtOne(coefficientsAt(1e-3));
    // The quotient has a degree of its own: tested by the runtime's Schur-Cohn reduction, any degree.
    const inside = others.length <= 1 || schurStable(others.map((c, k) => c * portablePower(1 + TOUCHES_ONE, k)));
    return { verdict: inside ? 'undecided' : 'never-converges', intervals: [] };
  }
  const stable = (h: number): boolean => contracts(coefficientsAt(h));
  // Roots on the unit circle (a cycling map) pass the conditions now and then by rounding: an
  // interval whose radius in its middle is 1 to rounding is not one where the map contracts.
  const intervals = intervalsWhere(stable, SCAN).filter((i) => polynomialRadius(coefficientsAt(intervalMiddle(i, SCAN)), contracts) < 1 - TOUCHES_ONE);
  // J stable and the map not contracting at 1e-6: a method that is I + hJ to first order
  // converges below, where the runtime's search finds its bound (runtime/bound.ts); the Schur
  // conditions cannot follow it there (p's roots near 1 are as sensitive as the square root of
  // the rounding of its coefficients), so they do not decide.
  if (smallStepsConverge && !stable(SCAN[0]!)) return { verdict: 'undecided', intervals };
  const first = intervals[0];
  if (first && first.from === 0) {
    return Number.isFinite(first.to) ? { verdict: 'converges-below-bound', bound: first.to, intervals } : { verdict: 'converges-for-all-h', intervals };
  }
  // det M = 1 for every h and the roots on the unit circle for small h: the linearised iterates
  // cycle until a root leaves the circle, the first h where not every root is within 1 + TOUCHES_ONE.
  const within = (h: number): boolean => contracts(coefficientsAt(h).map((c, k) => c * portablePower(1 + TOUCHES_ONE, k)));
  const determinantIsOne = [1e-3, 0.5].every((h) => Math.abs(Math.abs(coefficientsAt(h)[0]!) - 1) < 1e-12);
  if (determinantIsOne && within(1e-4)) {
    const index = LEARNING_RATES.findIndex((h) => !within(h));
    if (index <= 0) return { verdict: 'cycles-below-bound', intervals };
    let [low, high] = [LEARNING_RATES[index - 1]!, LEARNING_RATES[index]!];
    for (let i = 0; i < 60; i++) {
      const middle = Math.sqrt(low * high);
      if (within(middle)) low = middle;
      else high = middle;
    }
    return { verdict: 'cycles-below-bound', bound: Math.sqrt(low * high), intervals };
  }
  // Unstable for small h: converging only on intervals further up, where there are any.
  return { verdict: intervals.length > 0 ? 'converges-in-intervals' : 'never-converges', intervals };
}

