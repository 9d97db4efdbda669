/**
 * The search for the largest stable learning rate: one search, run by the generator when it
 * derives the verdicts (generator/derive/discrete.ts) and by every generated module's
 * learningRateBound.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import type { LearningRateBound, StableInterval } from './methods.js';
import { powerOfTen } from './portable.js';

/** The learning rates the search scans: 121 from 1e-6 to 1e3, evenly spaced in log h. */
export const LEARNING_RATES: readonly number[] = Array.from({ length: 121 }, (_, i) => powerOfTen(-6 + i * 0.075));

/** Below them, at the same spacing, 134 from 1e-16: scanned only where the flow's linearisation is stable and rho(1e-6) is not below 1 (the bound is then below 1e-6: J's eigenvalues -1e7 and -1 put it at 2e-7). */
const BELOW_LEARNING_RATES: readonly number[] = Array.from({ length: 134 }, (_, i) => powerOfTen(-16 + i * 0.075));

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

/** Where between two scanned h, one stable and the other not, stability changes: 60 bisections in log h. */
function edge(stable: (h: number) => boolean, low: number, high: number): number {
  const side = stable(low);
  for (let i = 0; i < 60; i++) {
    const middle = Math.sqrt(low * high);
    if (stable(middle) === side) low = middle;
    else high = middle;
  }
  return Math.sqrt(low * high);
}

/** The intervals of the scanned h (`rates`, increasing) where `stable` holds, each edge refined; one
 * that holds at the first h is taken from 0, one that holds at the last to Infinity (the end of the
 * scan). An interval narrower than the scan's spacing is missed. Shared with the analysis of the
 * methods of methods/ (generator/methods/one-rate.ts), which tests stability by Schur conditions. */
export function intervalsWhere(stable: (h: number) => boolean, rates: readonly number[]): StableInterval[] {
  const intervals: StableInterval[] = [];
  let from: number | undefined = stable(rates[0]!) ? 0 : undefined;
  for (let i = 1; i < rates.length; i++) {
    const now = stable(rates[i]!);
    if (now && from === undefined) from = edge(stable, rates[i - 1]!, rates[i]!);
    else if (!now && from !== undefined) {
      intervals.push({ from, to: edge(stable, rates[i - 1]!, rates[i]!) });
      from = undefined;
    }
  }
  if (from !== undefined) intervals.push({ from, to: Infinity });
  return intervals;
}

/** An interval's middle in log h, within the scan: where its radius tells a map that contracts from a cycling one whose radius dips below 1 by rounding. */
export const intervalMiddle = (interval: StableInterval, rates: readonly number[]): number =>
  Math.sqrt(Math.max(interval.from, rates[0]!) * Math.min(interval.to, rates[rates.length - 1]!));

/** The intervals where rho < 1, but those whose middle is within TOUCHES_ONE of 1 (rounding, not contraction). */
function stableIntervals(rho: (h: number) => number, rates: readonly number[]): StableInterval[] {
  return intervalsWhere((h) => rho(h) < 1, rates).filter((interval) => rho(intervalMiddle(interval, rates)) < 1 - TOUCHES_ONE);
}

/** A bound and where it came from: the closed form, or the bisection (when there is no closed form, or it disagrees). */
export type SearchedBound = LearningRateBound & {
  readonly closedForm: boolean;
  /** Undecided because double precision does not resolve rho from 1 where the map would converge (not an eigenvalue 1 that h does not move). */
  readonly unresolved?: true;
};

/** How far below 1 rho must be, halfway to a bound (and where the scan below 1e-6 starts), for
 * that to be more than rounding: 32 units in the last place of 1, where rho is computed to a few.
 * For simultaneous steps that margin is about (Re lambda / |lambda|)^2 / 2 for a complex pair
 * of J, and |lambda_slow| / |lambda_fast| for real ones: on the Dirac-GAN with R1, under 32 ulps
 * for a weight under 1.2e-7 (complex) or over 6e6 (real, the slow one -1/(4 gamma)). */
const RESOLVED_MARGIN = 32 * 2 ** -52;

const UNRESOLVED: SearchedBound = { verdict: 'undecided', bound: undefined, closedForm: false, unresolved: true };

/**
 * The verdict and the largest stable learning rate, from the spectral radius rho(h) of the update map with one learning rate h:
 *
 * - rho within 1e-9 of 1 at every scanned h means 'undecided': the linearisation does not decide;
 * - `cycles`: the map's determinant is 1 for every h (derived), so that for small h its eigenvalues may lie on the unit circle; they do when rho(1e-4) is 1 within 1e-9, and then the verdict is 'cycles-below-bound';
 * - otherwise rho(1e-3) equal to 1 to rounding (1e-13) is an eigenvalue 1 that h does not move (J(0, 0) has an eigenvalue 0; a pair of imaginary eigenvalues i w of J would give 1 + h^2 w^2 / 2, above that for w > 5e-4): 'undecided' too, though beyond some h rho may exceed 1;
 * - otherwise, where rho(1e-6) >= 1 and `smallStepsConverge` (the flow's linearisation is stable: J's eigenvalues have negative real parts, and every method here is I + hJ to first order), the bound is below 1e-6: the scan goes on down to 1e-16, and 'undecided' (`unresolved`) where rho is not below 1 even there;
 * - otherwise rho(1e-6) >= 1 means 'never-converges' where rho is below 1 at no scanned h, and 'converges-in-intervals' with the intervals where it is (away from 0: extragradient steps where J's eigenvalues have a small positive real part);
 * - the bound is the first h where rho crosses 1, found by bisection on a log grid up to 1e3 (`rates`, LEARNING_RATES by default; 'converges-for-all-h' when there is none); 'undecided' (`unresolved`) where rho halfway to it is within RESOLVED_MARGIN of 1, which rounding decides;
 * - `roots`: the closed form, the candidates where an eigenvalue meets the unit circle; the bound is the smallest positive finite one (NaN, from the square root of a negative number, is skipped), used when it agrees with the bisection to 1e-6 relative; otherwise the bisection's h.
 */
export function searchStabilityBound(rho: (h: number) => number, options: { readonly cycles?: boolean; readonly roots?: readonly number[]; readonly rates?: readonly number[]; readonly smallStepsConverge?: boolean } = {}): SearchedBound {
  if (LEARNING_RATES.every((h) => Math.abs(rho(h) - 1) < TOUCHES_ONE)) return { verdict: 'undecided', bound: undefined, closedForm: false };
  const onUnitCircle = options.cycles === true && Math.abs(rho(1e-4) - 1) < TOUCHES_ONE;
  // Not on the circle by det M = 1: a modulus 1 that small steps keep is an eigenvalue 1.
  if (!onUnitCircle && Math.abs(rho(1e-3) - 1) < STUCK_AT_ONE) return { verdict: 'undecided', bound: undefined, closedForm: false };
  let rates = options.rates ?? LEARNING_RATES;
  if (!onUnitCircle && rho(LEARNING_RATES[0]!) >= 1) {
    if (options.smallStepsConverge) {
      const start = BELOW_LEARNING_RATES.findIndex((h) => rho(h) < 1 - RESOLVED_MARGIN);
      if (start < 0) return UNRESOLVED;
      rates = [...BELOW_LEARNING_RATES.slice(start), ...rates];
    } else {
      const intervals = stableIntervals(rho, rates);
      return intervals.length > 0 ? { verdict: 'converges-in-intervals', bound: undefined, intervals, closedForm: false } : { verdict: 'never-converges', bound: undefined, closedForm: false };
    }
  }
  const crossing = firstCrossing(rho, !onUnitCircle, rates);
  if (crossing === undefined) return { verdict: 'converges-for-all-h', bound: undefined, closedForm: false };
  if (!onUnitCircle && 1 - rho(crossing / 2) < RESOLVED_MARGIN) return UNRESOLVED;
  let closedForm: number | undefined;
  for (const root of options.roots ?? []) {
    if (Number.isFinite(root) && root > 1e-12 && !(closedForm !== undefined && closedForm <= root)) closedForm = root;
  }
  const agrees = closedForm !== undefined && Math.abs(closedForm - crossing) <= 1e-6 * crossing;
  return { verdict: onUnitCircle ? 'cycles-below-bound' : 'converges-below-bound', bound: agrees ? closedForm! : crossing, closedForm: agrees };
}
