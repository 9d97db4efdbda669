/** The points the field and Jacobian are timed and checked at. */

/** n points uniform in [-range, range]^2 from mulberry32(seed): the same set on every run. */
export function points(n: number, range: number, seed: number): { readonly thetas: Float64Array; readonly phis: Float64Array } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const thetas = new Float64Array(n);
  const phis = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    thetas[i] = (2 * next() - 1) * range;
    phis[i] = (2 * next() - 1) * range;
  }
  return { thetas, phis };
}

/** The timed points: 1024 (16 KiB, in L1), uniform in [-3, 3]^2. */
export const BENCH_POINTS = points(1024, 3, 0x5eed);

/**
 * Points of the agreement check: away from every kink (phi = 0 for WGAN-GP, DRAGAN and WGAN-LP,
 * |phi| = 1 for WGAN-LP, phi theta = 1 for the hinge loss), with both branches of each
 * (|phi| < 1 and > 1, phi theta < 1 and > 1), both quadrature rules of instance noise
 * (sigma |phi| below and above 0.75 at the default sigma = 0.5); (10, 10) probes sigmoid's tails.
 */
export const CHECK_POINTS: readonly (readonly [number, number])[] = [[0.7, -1.3], [2.1, 0.4], [-1.5, -2.2], [-0.3, 2.9], [3, 3], [10, 10]];
/** Where buildFunction's powers of its rational e overflow. */
export const SPOT: readonly [number, number] = [10, 10];
