/**
 * The search for the largest stable learning rate: one search, run by the generator when it
 * derives the verdicts (generator/derive/discrete.ts) and by every generated module's
 * learningRateBound.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import type { LearningRateBound } from './methods.js';
import { powerOfTen } from './portable.js';

/** The learning rates the search scans: 121 from 1e-6 to 1e3, evenly spaced in log h. */
export const LEARNING_RATES: readonly number[] = Array.from({ length: 121 }, (_, i) => powerOfTen(-6 + i * 0.075));

/** How far from 1 a spectral radius may be and still count as on the unit circle. */
export const TOUCHES_ONE = 1e-9;

/** How far from 1 the spectral radius at h = 1e-3 may be for an eigenvalue 1 that h does not move (rounding only). */
const STUCK_AT_ONE = 1e-13;

/** The first scanned h at which the map is unstable (rho >= 1 for a converging method, rho > 1 beyond rounding for a cycling one), refined by 80 bisections from the scanned h before it; undefined when there is none (or the first one already is). */
function firstCrossing(rho: (h: number) => number, converging: boolean, rates: readonly number[]): number | undefined {
  const unstable = (h: number): boolean => (converging ? rho(h) >= 1 : rho(h) > 1 + TOUCHES_ONE);
  const index = rates.findIndex(unstable);
  if (index <= 0) return undefined;
  let low = rates[index - 1]!;
  let high = rates[index]!;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (unstable(middle)) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}

/** A bound and where it came from: the closed form, or the bisection (when there is no closed form, or it disagrees). */
export type SearchedBound = LearningRateBound & { readonly closedForm: boolean };

/**
 * The verdict and the largest stable learning rate, from the spectral radius rho(h) of the update map with one learning rate h:
 *
 * - rho within 1e-9 of 1 at every scanned h means 'undecided': the linearisation does not decide;
 * - `cycles`: the map's determinant is 1 for every h (derived), so that for small h its eigenvalues may lie on the unit circle; they do when rho(1e-4) is 1 within 1e-9, and then the verdict is 'cycles-below-bound';
 * - otherwise rho(1e-3) equal to 1 to rounding (1e-13) is an eigenvalue 1 that h does not move (J(0, 0) has an eigenvalue 0; a pair of imaginary eigenvalues i w of J would give 1 + h^2 w^2 / 2, above that for w > 5e-4): 'undecided' too, though beyond some h rho may exceed 1;
 * - otherwise rho(1e-6) >= 1 means 'never-converges';
 * - the bound is the first h where rho crosses 1, found by bisection on a log grid up to 1e3 (`rates`, LEARNING_RATES by default; 'converges-for-all-h' when there is none);
 * - `roots`: the closed form, the candidates where an eigenvalue meets the unit circle; the bound is the smallest positive finite one (NaN, from the square root of a negative number, is skipped), used when it agrees with the bisection to 1e-6 relative; otherwise the bisection's h.
 */
export function searchStabilityBound(rho: (h: number) => number, options: { readonly cycles?: boolean; readonly roots?: readonly number[]; readonly rates?: readonly number[] } = {}): SearchedBound {
  if (LEARNING_RATES.every((h) => Math.abs(rho(h) - 1) < TOUCHES_ONE)) return { verdict: 'undecided', bound: undefined, closedForm: false };
  const onUnitCircle = options.cycles === true && Math.abs(rho(1e-4) - 1) < TOUCHES_ONE;
  // Not on the circle by det M = 1: a modulus 1 that small steps keep is an eigenvalue 1.
  if (!onUnitCircle && Math.abs(rho(1e-3) - 1) < STUCK_AT_ONE) return { verdict: 'undecided', bound: undefined, closedForm: false };
  if (!onUnitCircle && rho(LEARNING_RATES[0]!) >= 1) return { verdict: 'never-converges', bound: undefined, closedForm: false };
  const crossing = firstCrossing(rho, !onUnitCircle, options.rates ?? LEARNING_RATES);
  if (crossing === undefined) return { verdict: 'converges-for-all-h', bound: undefined, closedForm: false };
  let closedForm: number | undefined;
  for (const root of options.roots ?? []) {
    if (Number.isFinite(root) && root > 1e-12 && !(closedForm !== undefined && closedForm <= root)) closedForm = root;
  }
  const agrees = closedForm !== undefined && Math.abs(closedForm - crossing) <= 1e-6 * crossing;
  return { verdict: onUnitCircle ? 'cycles-below-bound' : 'converges-below-bound', bound: agrees ? closedForm! : crossing, closedForm: agrees };
}
