/**
 * Quadrature over instance noise for the bench's own evaluators of a game with noise. The
 * rules are computed here, not taken from the generator: the Gauss-Hermite rule by Newton's
 * method on the orthonormal Hermite polynomials (Numerical Recipes, 3rd ed., section 4.6,
 * `gauher`), rescaled to the standard normal, E[g(Z)] ~ sum_i w_i / sqrt(pi) g(sqrt(2) x_i).
 * Only the choice of rule is the generator's (runtime/quadrature.ts, the one import
 * of it here): the same node count, the same switch to the trapezoidal rule at the same
 * sharpness s = sigma |phi|, the same trapezoidal rules; so a ratio of times compares the
 * arithmetic, not the rules.
 */
import { HERMITE_MAX_SHARPNESS, HERMITE_NODE_COUNT, TRAPEZOID_MAX_HALF, TRAPEZOID_REACH, TRAPEZOID_STEP } from '../runtime/quadrature.js';

export { HERMITE_MAX_SHARPNESS, HERMITE_NODE_COUNT };

/** A quadrature rule for the standard normal: E[g(Z)] ~ sum_i weights[i] g(nodes[i]), Z ~ N(0, 1). */
export interface NormalRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * A rule whose nodes are symmetric about 0, as pairs: E[g(Z)] ~ centre g(0) + sum_k
 * weights[k] (g(positive[k]) + g(-positive[k])). Every rule here is one.
 */
export interface PairedRule {
  readonly positive: Float64Array;
  readonly weights: Float64Array;
  /** The weight of the node at 0 (0 for a rule without one). */
  readonly centre: number;
  /** The largest node. */
  readonly reach: number;
}

/** The n-point rule for N(0, 1), nodes in increasing order. */
export function normalGaussHermite(n: number): NormalRule {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`Gauss-Hermite: n = ${n}, expected an integer from 1 to 200`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.PI ** -0.25;
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    // Initial guesses for the largest roots, then each from the two before it.
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      derivative = Math.sqrt(2 * n) * p2;
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (derivative * derivative);
    w[n - 1 - i] = w[i]!;
  }
  if (n % 2 === 1) x[m - 1] = 0;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * x[n - 1 - i]!;
    weights[i] = w[n - 1 - i]! / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}

/** The trapezoidal rule on [-TRAPEZOID_REACH, TRAPEZOID_REACH] with 2 half + 1 nodes, weights step * density. */
function trapezoidRule(half: number): NormalRule {
  const step = TRAPEZOID_REACH / half;
  const density = step / Math.sqrt(2 * Math.PI);
  const nodes = new Float64Array(2 * half + 1);
  const weights = new Float64Array(2 * half + 1);
  for (let k = -half; k <= half; k++) {
    const z = k * step;
    nodes[k + half] = z;
    weights[k + half] = density * Math.exp(-0.5 * z * z);
  }
  return { nodes, weights };
}

/** The nodes above 0 of a symmetric rule, with their weights, and the weight at 0. */
function paired({ nodes, weights }: NormalRule): PairedRule {
  const n = nodes.length;
  const m = n >> 1;
  const positive = new Float64Array(m);
  const pairWeights = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    positive[k] = nodes[n - 1 - k]!;
    pairWeights[k] = weights[n - 1 - k]!;
  }
  return { positive, weights: pairWeights, centre: n % 2 ? weights[m]! : 0, reach: positive[0] ?? 0 };
}

/** Trapezoid nodes each side of 0 for sharpness s > HERMITE_MAX_SHARPNESS, as the generated module chooses them. */
const trapezoidHalf = (sharpness: number): number => Math.min(Math.ceil((TRAPEZOID_REACH / TRAPEZOID_STEP) * sharpness), TRAPEZOID_MAX_HALF);

/**
 * The rules of the generated evaluators by sharpness s = sigma |phi|: the Gauss-Hermite rule
 * up to HERMITE_MAX_SHARPNESS, the trapezoidal rule beyond; every rule built once and kept,
 * by its size, in both forms.
 */
export class NoiseRules {
  private readonly hermite: NormalRule = normalGaussHermite(HERMITE_NODE_COUNT);
  private readonly hermitePaired: PairedRule = paired(this.hermite);
  private readonly trapezoids = new Map<number, { readonly rule: NormalRule; readonly paired: PairedRule }>();

  private trapezoid(sharpness: number): { readonly rule: NormalRule; readonly paired: PairedRule } {
    const half = trapezoidHalf(sharpness);
    let built = this.trapezoids.get(half);
    if (built === undefined) {
      const rule = trapezoidRule(half);
      built = { rule, paired: paired(rule) };
      this.trapezoids.set(half, built);
    }
    return built;
  }

  /** The rule in full (NaN picks Gauss-Hermite, as in the module). */
  readonly ruleFor = (sharpness: number): NormalRule => (sharpness > HERMITE_MAX_SHARPNESS ? this.trapezoid(sharpness).rule : this.hermite);

  /** The same rule as pairs. */
  readonly pairedFor = (sharpness: number): PairedRule => (sharpness > HERMITE_MAX_SHARPNESS ? this.trapezoid(sharpness).paired : this.hermitePaired);
}

