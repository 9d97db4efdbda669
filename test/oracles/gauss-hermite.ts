/**
 * Expectations over Gaussian noise for the oracles: Gauss-Hermite quadrature with nodes
 * and weights from the eigen-decomposition of the Jacobi matrix (Golub and Welsch), done
 * by ml-matrix -- another route than the generator's, which finds the nodes by Newton's
 * method on the Hermite polynomials.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface Rule {
  readonly nodes: readonly number[];
  readonly weights: readonly number[];
}

/** The n-point rule for the weight e^(-x^2). */
export function gaussHermite(n: number): Rule {
  const jacobi = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    jacobi.set(k - 1, k, Math.sqrt(k / 2));
    jacobi.set(k, k - 1, Math.sqrt(k / 2));
  }
  const decomposition = new EigenvalueDecomposition(jacobi, { assumeSymmetric: true });
  const vectors = decomposition.eigenvectorMatrix;
  return {
    nodes: decomposition.realEigenvalues,
    weights: decomposition.realEigenvalues.map((_, i) => Math.sqrt(Math.PI) * vectors.get(0, i) ** 2),
  };
}

const GAUSS_HERMITE = gaussHermite(60);

/**
 * The nodes and weights of E[g(e)] for e ~ N(0, sigma^2), where g varies on the scale
 * 1/sharpness in units of sigma (sharpness = sigma |phi| for a sigmoid of phi (x + e)):
 * Gauss-Hermite for gentle g; for sharp g, whose complex poles come close to the real axis
 * and spoil any fixed polynomial rule, the trapezoidal rule on [-10, 10] standard deviations
 * with a step well inside the pole distance (its error falls like exp(-2 pi d / step)).
 */
function noiseRule(sigma: number, sharpness: number): Rule {
  if (sharpness <= 0.5) {
    return {
      nodes: GAUSS_HERMITE.nodes.map((x) => Math.SQRT2 * sigma * x),
      weights: GAUSS_HERMITE.weights.map((w) => w / Math.sqrt(Math.PI)),
    };
  }
  // The poles of sigmoid(phi (x + sigma z)) lie pi / sharpness off the real z axis, and the
  // rule's error falls like exp(-2 pi (pi / sharpness) / step): at 0.4 / sharpness, and no
  // more than 0.25 for the Gaussian itself, it stays at the rounding of the sum (~1e-14 of
  // the value, as with half that step, for sigmoids and their first two derivatives).
  const step = Math.min(0.4 / sharpness, 0.25);
  const half = Math.ceil(10 / step);
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let k = -half; k <= half; k++) {
    const z = k * step;
    nodes.push(sigma * z);
    weights.push((Math.exp(-0.5 * z * z) * step) / Math.sqrt(2 * Math.PI));
  }
  return { nodes, weights };
}

/** E[g(e)] for e ~ N(0, sigma^2) (see noiseRule). */
export function expectationOverNoise(g: (e: number) => number, sigma: number, sharpness: number): number {
  const rule = noiseRule(sigma, sharpness);
  let sum = 0;
  rule.nodes.forEach((e, i) => (sum += rule.weights[i]! * g(e)));
  return sum;
}

/** E[g(e)] for a g with several outputs, each integrated by the same rule at the same nodes. */
export function expectationsOverNoise(g: (e: number) => readonly number[], sigma: number, sharpness: number): number[] {
  const rule = noiseRule(sigma, sharpness);
  let sums: number[] = [];
  rule.nodes.forEach((e, i) => {
    const values = g(e);
    sums = values.map((v, k) => (sums[k] ?? 0) + rule.weights[i]! * v);
  });
  return sums;
}
