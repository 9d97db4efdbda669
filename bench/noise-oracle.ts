/**
 * The field and Jacobian of gan-instance-noise, for the accuracy the bench prints beside the
 * speed of its evaluators: the arithmetic at 60 digits (decimal.js, through
 * test/oracles/high-precision.ts), every sigmoid from its definition, the expectations over
 * e = sigma z, z ~ N(0, 1), as trapezoidal sums over z in [-REACH, REACH] accurate to well
 * below 1e-30, a margin of 1e14 over the errors measured. The integrand is analytic in the
 * strip |Im z| < pi / s (s = sigma |phi|) and the normal density grows like e^(d^2 / 2) at
 * height d, so the error is of order exp(d^2 / 2 - 2 pi d / step): with d = 0.95 pi / s and
 * step = min(0.15, 0.24 / s), below 1e-32 for every s; the tails beyond REACH = 12 weigh
 * e^(-72) < 1e-31. Nodes come in pairs +-z, which share the density and r(-e) = 1 - r(e).
 * (Formulas as in noise-reference.ts.)
 */
import { HP, exactly } from '../test/oracles/high-precision.js';

const REACH = 12;

/** The normal density at k step, k = 0 .. half, by half (the points share a few steps). */
const densities = new Map<number, HP[]>();
function densityAt(half: number, step: HP): HP[] {
  let known = densities.get(half);
  if (known === undefined) {
    known = Array.from({ length: half + 1 }, (_, k) => HP.exp(step.times(k).pow(2).div(-2)));
    densities.set(half, known);
  }
  return known;
}

/** [v_theta, v_phi, J00, J01, J10, J11] at (theta, phi) for the noise level sigma, rounded to doubles. */
export function noiseOracle(theta: number, phi: number, sigma: number): number[] {
  const sharpness = sigma * Math.abs(phi);
  const half = Math.ceil(REACH / Math.min(0.15, 0.24 / sharpness));
  const h = new HP(REACH).div(half);
  const density = densityAt(half, h);
  const [t, f, g] = [exactly(theta), exactly(phi), exactly(sigma)];
  const one = new HP(1);
  const sigmoid = (u: HP): HP => one.div(HP.exp(u.neg()).plus(1));
  let sumS = new HP(0);
  let sumXS = sumS;
  let sumER = sumS;
  let sumSq = sumS;
  let sumXSq = sumS;
  let sumX2Sq = sumS;
  let sumE2R = sumS;
  for (let k = 0; k <= half; k++) {
    const w = density[k]!;
    const e = g.times(h).times(k);
    const r = sigmoid(f.times(e));
    // e r(e) + (-e) r(-e) = e (2 r - 1); e^2 r (1 - r) is even.
    const pair = k === 0 ? 1 : 2;
    sumER = sumER.plus(w.times(e).times(r.times(2).minus(1)));
    sumE2R = sumE2R.plus(w.times(pair).times(e).times(e).times(r).times(one.minus(r)));
    for (const x of k === 0 ? [t] : [t.plus(e), t.minus(e)]) {
      const s = sigmoid(f.times(x).neg());
      const wSq = w.times(s).times(one.minus(s));
      sumS = sumS.plus(w.times(s));
      sumXS = sumXS.plus(w.times(x).times(s));
      sumSq = sumSq.plus(wSq);
      sumXSq = sumXSq.plus(wSq.times(x));
      sumX2Sq = sumX2Sq.plus(wSq.times(x).times(x));
    }
  }
  const norm = h.div(HP.sqrt(HP.acos(-1).times(2)));
  const E = (sum: HP): HP => sum.times(norm);
  const j01 = E(sumXSq).times(f).minus(E(sumS));
  return [
    E(sumS).times(f).neg(),
    E(sumXS).minus(E(sumER)),
    E(sumSq).times(f).times(f),
    j01,
    j01.neg(),
    E(sumX2Sq).plus(E(sumE2R)).neg(),
  ].map((v) => v.toNumber());
}

/**
 * Where the accuracy is measured: sharpness on both sides of the switch of rules (0.75 at
 * sigma = 0.5 is |phi| = 1.5), up to s = 3 (sigma = 1.5, phi = 2), theta up to 3.
 */
export const ORACLE_POINTS: readonly { readonly theta: number; readonly phi: number; readonly sigma: number }[] = [
  { theta: 0.7, phi: -1.3, sigma: 0.5 },
  { theta: 2.1, phi: 0.4, sigma: 0.5 },
  { theta: -1.5, phi: -2.2, sigma: 0.5 },
  { theta: -0.3, phi: 2.9, sigma: 0.5 },
  { theta: 3, phi: 3, sigma: 0.5 },
  { theta: 1, phi: 1.49, sigma: 0.5 },
  { theta: 1, phi: 1.51, sigma: 0.5 },
  { theta: 0.5, phi: 2, sigma: 1.5 },
  { theta: -2, phi: 0.1, sigma: 3 },
];
