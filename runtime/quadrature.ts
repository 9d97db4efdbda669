/**
 * Expectations over instance noise e ~ N(0, sigma^2): the quadrature rules the generated
 * evaluators sum their integrands over, built once and kept.
 *
 * Gauss-Hermite: E[g(e)] = (1/sqrt(pi)) sum_i w_i g(sqrt(2) sigma x_i) with x_i, w_i the
 * nodes and weights of the n-point rule for the weight e^(-x^2), found as Numerical
 * Recipes' gauher finds them (section 4.5): Newton's method on the orthonormal Hermite
 * polynomials, evaluated by their three-term recurrence, from asymptotic first guesses. The
 * rules are in the form of the standard normal: nodes z_i = sqrt(2) x_i and weights
 * W_i = w_i / sqrt(pi), which sum to 1, so that E[g(e)] = sum_i W_i g(sigma z_i).
 *
 * The error. The rule is exact for polynomials of degree < 2n. The integrands of the games
 * are analytic in e, but not entire: sigmoid(phi (theta + e)) has poles a distance
 * pi / |phi| from the real axis, softplus branch points at the same places. In the variable
 * z of the standard normal that distance is pi / s, with s = sigma |slope| the integrand's
 * sharpness. The n-point Gauss-Hermite error decays like exp(-2 pi sqrt(n) / s): so slowly
 * once s is large that no fixed n serves (at s = 15, 40 nodes are wrong by 2e-2). So
 * Gauss-Hermite rules of up to 40 points serve up to s = 0.75 (noiseRule: fewer where s is
 * smaller, as measured), and beyond it the trapezoidal rule on z in
 * [-9.5, 9.5] with a step of at most 0.4 / s, whose error is of order exp(-2 pi^2 / (s step))
 * (Trefethen and Weideman, SIAM Review 2014), the tails beyond 9.5 below 1e-19: about 48 s
 * nodes, at most 2 * 4096 + 1 (reached at s = 172; beyond, the error grows like
 * exp(-8511 / s), 4e-8 at s = 400). Measured on gan-instance-noise against a rule 13 times
 * finer, relative to max(1, |value|): below 9e-16 for s <= 0.75, 9e-15 for s <= 172.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** A rule for the standard normal: E[g(z)] ~ sum_i weights[i] g(nodes[i]), its nodes symmetric about 0. */
export interface NoiseRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
  /** The same rule by pairs +-z: the positive nodes, ascending, each pair's weight (that of
   * either node), and the weight of the node at 0 (0 where there is none). Evaluators share
   * one exponential exp(b z) between the two nodes of a pair (generator/emit/evaluator/pairs.ts). */
  readonly positive: Float64Array;
  readonly pairWeights: Float64Array;
  readonly centreWeight: number;
  /** The largest |node|: how far the rule reaches, for the evaluators' guard against overflow. */
  readonly reach: number;
  /** The step between the positive nodes where they are equally spaced (the trapezoidal rules:
   * positive[k] = (k + 1) spacing), 0 where they are not (Gauss-Hermite). Over equally spaced
   * nodes exp(b z) is a geometric sequence: the evaluators multiply by exp(b spacing) from one
   * pair to the next instead of calling exp (generator/emit/evaluator/pairs.ts). */
  readonly spacing: number;
}

/** A rule from its nodes, ascending and symmetric about 0, and their weights (`spacing`: see NoiseRule). */
function byPairs(nodes: Float64Array, weights: Float64Array, spacing: number): NoiseRule {
  const n = nodes.length;
  const half = Math.floor(n / 2);
  return {
    nodes,
    weights,
    positive: nodes.slice(n - half),
    // The weights of z and -z agree to rounding; their mean keeps the rule symmetric.
    pairWeights: Float64Array.from({ length: half }, (_, i) => 0.5 * (weights[n - half + i]! + weights[half - 1 - i]!)),
    centreWeight: n % 2 === 1 ? weights[half]! : 0,
    reach: nodes[n - 1]!,
    spacing,
  };
}

/** The nodes of the Gauss-Hermite rule the evaluators use by default. */
export const HERMITE_NODE_COUNT = 40;
/** Up to this sharpness s = sigma |slope| the evaluators use the Gauss-Hermite rule, beyond it the trapezoidal one. */
export const HERMITE_MAX_SHARPNESS = 0.75;
/** The trapezoidal rule covers z in [-TRAPEZOID_REACH, TRAPEZOID_REACH] ... */
export const TRAPEZOID_REACH = 9.5;
/** ... with a step of at most TRAPEZOID_STEP / s (for 40 Gauss-Hermite nodes; (40 / n) times that for n) ... */
export const TRAPEZOID_STEP = 0.4;
/** ... and at most 2 * TRAPEZOID_MAX_HALF + 1 nodes (for 40 Gauss-Hermite nodes; n / 40 times that for n). */
export const TRAPEZOID_MAX_HALF = 4096;

/** pi^(-1/4), the value of the orthonormal Hermite polynomial of degree 0. */
const PI_TO_MINUS_QUARTER = Math.PI ** -0.25;
const NEWTON_TOLERANCE = 3e-14;
const NEWTON_ITERATIONS = 20;

/** The orthonormal Hermite polynomials of degree n and n - 1 at z, by their recurrence. */
function hermite(n: number, z: number): [number, number] {
  let p1 = PI_TO_MINUS_QUARTER;
  let p2 = 0;
  for (let j = 1; j <= n; j++) {
    const p3 = p2;
    p2 = p1;
    p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
  }
  return [p1, p2];
}

/**
 * The n-point Gauss-Hermite rule for the weight e^(-x^2): nodes x_i in increasing order and
 * weights w_i (Numerical Recipes, gauher). The nodes are symmetric; Newton's method finds
 * the non-negative ones, each from a guess near it, and the weight is 2 / H_n'(x)^2 for the
 * orthonormal H_n, whose derivative is sqrt(2n) H_{n-1}.
 */
export function gaussHermite(n: number): { readonly nodes: number[]; readonly weights: number[] } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a Gauss-Hermite rule needs a positive integer number of nodes, got ${n}`);
  const x = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const largest: number[] = [];
  let z = 0;
  for (let i = 0; i < Math.floor((n + 1) / 2); i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * largest[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * largest[1]!;
    else z = 2 * z - largest[i - 2]!;
    for (let iteration = 0; iteration < NEWTON_ITERATIONS; iteration++) {
      const [p, previous] = hermite(n, z);
      const step = p / (Math.sqrt(2 * n) * previous);
      z -= step;
      if (Math.abs(step) <= NEWTON_TOLERANCE) break;
    }
    largest.push(z);
    const derivative = Math.sqrt(2 * n) * hermite(n, z)[1];
    const weight = 2 / (derivative * derivative);
    // Increasing order: the i-th largest is at n - 1 - i, its mirror image at i.
    x[n - 1 - i] = z;
    x[i] = -z;
    w[n - 1 - i] = weight;
    w[i] = weight;
  }
  // The middle node of an odd rule is exactly 0.
  if (n % 2 === 1) x[(n - 1) / 2] = 0;
  return { nodes: x, weights: w };
}

const hermiteRules = new Map<number, NoiseRule>();

/** The n-point Gauss-Hermite rule for the standard normal (nodes sqrt(2) x_i, weights w_i / sqrt(pi)), built once per n. */
export function normalHermiteRule(n: number = HERMITE_NODE_COUNT): NoiseRule {
  let rule = hermiteRules.get(n);
  if (rule === undefined) {
    const { nodes, weights } = gaussHermite(n);
    const sqrtPi = Math.sqrt(Math.PI);
    rule = byPairs(Float64Array.from(nodes, (x) => Math.SQRT2 * x), Float64Array.from(weights, (w) => w / sqrtPi), 0);
    hermiteRules.set(n, rule);
  }
  return rule;
}

const trapezoidRules = new Map<number, NoiseRule>();

/** The trapezoidal rule for the standard normal with 2 half + 1 nodes on [-TRAPEZOID_REACH, TRAPEZOID_REACH], built once per size. */
function trapezoidRule(half: number): NoiseRule {
  let rule = trapezoidRules.get(half);
  if (rule === undefined) {
    const spacing = TRAPEZOID_REACH / half;
    const nodes = new Float64Array(2 * half + 1);
    const weights = new Float64Array(2 * half + 1);
    const density = spacing / Math.sqrt(2 * Math.PI);
    for (let k = -half; k <= half; k++) {
      const z = k * spacing;
      nodes[k + half] = z;
      weights[k + half] = density * Math.exp(-0.5 * z * z);
    }
    rule = byPairs(nodes, weights, spacing);
    trapezoidRules.set(half, rule);
  }
  return rule;
}

/** The fewest Gauss-Hermite nodes a rule takes. */
export const HERMITE_MIN_NODES = 8;
/** From this sharpness on, the whole N-point rule (below it, proportionally fewer nodes). */
const FULL_RULE_SHARPNESS = 0.6;

/**
 * The rule for an expectation over the noise whose integrand has sharpness s = sigma |slope|.
 * Up to s = 0.75 a Gauss-Hermite rule of n = min(N, max(8, N s / 0.6)) nodes, rounded up to
 * a multiple of 4, with N = `hermiteNodes`: measured on the games' integrands against a
 * 120-point rule (test/runtime.test.ts), n nodes keep the error below 2e-15 of max(1, |value|)
 * wherever this rule uses them (8 nodes up to s = 0.12, 20 to 0.3, 36 to 0.54; the
 * asymptotic exp(-2 pi sqrt(n) / s) would allow fewer, but does not hold at small n). Beyond
 * 0.75, the trapezoidal rule (its step and cap scaled by N / 40). NaN picks the N-point rule
 * (the result is NaN either way).
 */
export function noiseRule(sharpness: number, hermiteNodes: number = HERMITE_NODE_COUNT): NoiseRule {
  if (!(sharpness > HERMITE_MAX_SHARPNESS)) {
    if (!(sharpness >= 0)) return normalHermiteRule(hermiteNodes);
    return normalHermiteRule(Math.min(hermiteNodes, Math.max(HERMITE_MIN_NODES, 4 * Math.ceil((hermiteNodes * sharpness) / FULL_RULE_SHARPNESS / 4))));
  }
  const scale = hermiteNodes / HERMITE_NODE_COUNT;
  const half = Math.min(Math.ceil(((TRAPEZOID_REACH * scale) / TRAPEZOID_STEP) * sharpness), TRAPEZOID_MAX_HALF * scale);
  return trapezoidRule(half);
}
