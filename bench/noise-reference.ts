/**
 * A careful hand-written evaluator of the standard GAN with instance noise e ~ N(0, sigma^2)
 * on both samples (gan-instance-noise), the yardstick of its generated module. Both players
 * share L = E[f(phi (theta + e))] + E[f(-phi e)], f(t) = -softplus(-t), so with
 * x = theta + e, s = sigmoid(-phi x), q = 1 - s and r = sigmoid(phi e):
 *   v = (-phi E[s], E[x s] - E[e r]),
 *   J00 = phi^2 E[s q],  J01 = -E[s] + phi E[x s q] = -J10,
 *   J11 = -E[x^2 s q] - E[e^2 r (1 - r)].
 *
 * The expectations are sums over the same rules as the module's (quadrature.ts, chosen by
 * the sharpness sigma |phi| at the module's threshold), with three savings a person would
 * make: the rules are built once and kept, by size; the nodes come in pairs +-z, whose
 * terms share one exponential; and exp(phi (theta +- e)) = A B^(+-1) with A = exp(phi theta)
 * and B = exp(phi e), so one exp per pair serves the model's sigmoids at both nodes and the
 * data term's r. The Gauss-Hermite rule then takes 21 exp calls where the module took 80
 * (field) or 80 and 40 divisions more (Jacobian) at eac0b2f; the module now pairs its nodes
 * too (generator/emit/evaluator/pairs.ts). Pairs also give the data terms in closed
 * form: e r(e) - e r(-e) = e (B - 1) / (B + 1), and e^2 r (1 - r) is even in e.
 *
 * The module has since gone further: over the trapezoidal rules' equally spaced nodes it takes
 * B from the last pair's by a product (pairs.ts, GEOMETRIC_RUN). This yardstick stays as it was
 * when today's ratio to it was measured (baseline.ts), so that "faster than today" carries over.
 *
 * A and B stay finite while |phi theta| + sigma |phi| reach < MAX_EXPONENT; beyond (the
 * sigmoids saturated, or a trapezoidal rule for sharpness above ~60) each node takes its
 * own stable sigmoid, as in the module.
 */
import type { NoiseRules, PairedRule } from './quadrature.js';
import type { Evaluators } from './variants.js';

type Sigma = {
  readonly sigma: number;
};

/** Below e^700 nothing overflows, and A B stays far from the subnormals. */
const MAX_EXPONENT = 700;

/** sigmoid(x) = 1 / (1 + e^-x), with exp of -|x| only so that it never overflows. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The field by one stable sigmoid per node: the path beyond MAX_EXPONENT. */
function fieldNodeByNode(theta: number, phi: number, sigma: number, rule: PairedRule, out: Float64Array): Float64Array {
  let sumS = rule.centre * sigmoid(-phi * theta);
  let sumXS = theta * sumS;
  let sumData = 0;
  for (let k = 0; k < rule.positive.length; k++) {
    const w = rule.weights[k]!;
    const e = sigma * rule.positive[k]!;
    const sPlus = sigmoid(-phi * (theta + e));
    const sMinus = sigmoid(-phi * (theta - e));
    sumS += w * (sPlus + sMinus);
    sumXS += w * ((theta + e) * sPlus + (theta - e) * sMinus);
    sumData += w * e * (sigmoid(phi * e) - sigmoid(-phi * e));
  }
  out[0] = -phi * sumS;
  out[1] = sumXS - sumData;
  return out;
}

/** The Jacobian by one stable sigmoid per node: the path beyond MAX_EXPONENT. */
function jacobianNodeByNode(theta: number, phi: number, sigma: number, rule: PairedRule, out: Float64Array): Float64Array {
  const s0 = sigmoid(-phi * theta);
  const sq0 = rule.centre * s0 * (1 - s0);
  let sumS = rule.centre * s0;
  let sumSq = sq0;
  let sumXSq = theta * sq0;
  let sumX2Sq = theta * theta * sq0;
  for (let k = 0; k < rule.positive.length; k++) {
    const w = rule.weights[k]!;
    const e = sigma * rule.positive[k]!;
    for (const x of [theta + e, theta - e]) {
      const s = sigmoid(-phi * x);
      const sq = w * s * sigmoid(phi * x);
      sumS += w * s;
      sumSq += sq;
      sumXSq += x * sq;
      sumX2Sq += x * x * sq;
    }
    sumX2Sq += 2 * w * e * e * sigmoid(phi * e) * sigmoid(-phi * e);
  }
  const offDiagonal = phi * sumXSq - sumS;
  out[0] = phi * phi * sumSq;
  out[1] = offDiagonal;
  out[2] = -offDiagonal;
  out[3] = -sumX2Sq;
  return out;
}

/** The evaluators over `rules` (the bench keeps one NoiseRules per game). */
export function instanceNoise(rules: NoiseRules): Evaluators {
  return {
    vectorField(theta, phi, { sigma }: Sigma, out) {
      const rule = rules.pairedFor(sigma * Math.abs(phi));
      const a = phi * theta;
      if (!(Math.abs(a) + Math.abs(phi) * sigma * rule.reach < MAX_EXPONENT)) return fieldNodeByNode(theta, phi, sigma, rule, out);
      const A = Math.exp(a);
      // At +e: s = 1 / (1 + A B); at -e: s = 1 / (1 + A / B) = B / (B + A).
      let sumS = rule.centre / (1 + A);
      let sumXS = theta * sumS;
      let sumData = 0;
      for (let k = 0; k < rule.positive.length; k++) {
        const w = rule.weights[k]!;
        const e = sigma * rule.positive[k]!;
        const B = Math.exp(phi * e);
        const sPlus = 1 / (1 + A * B);
        const sMinus = B / (B + A);
        sumS += w * (sPlus + sMinus);
        sumXS += w * (theta * (sPlus + sMinus) + e * (sPlus - sMinus));
        sumData += w * e * ((B - 1) / (B + 1));
      }
      out[0] = -phi * sumS;
      out[1] = sumXS - sumData;
      return out;
    },
    jacobian(theta, phi, { sigma }: Sigma, out) {
      const rule = rules.pairedFor(sigma * Math.abs(phi));
      const a = phi * theta;
      if (!(Math.abs(a) + Math.abs(phi) * sigma * rule.reach < MAX_EXPONENT)) return jacobianNodeByNode(theta, phi, sigma, rule, out);
      const A = Math.exp(a);
      const d0 = 1 / (1 + A);
      const sq0 = rule.centre * A * d0 * d0; // s q = y / (1 + y)^2 at y = exp(phi x)
      let sumS = rule.centre * d0;
      let sumSq = sq0;
      let sumXSq = theta * sq0;
      let sumX2Sq = theta * theta * sq0;
      let sumData = 0;
      for (let k = 0; k < rule.positive.length; k++) {
        const w = rule.weights[k]!;
        const e = sigma * rule.positive[k]!;
        const B = Math.exp(phi * e);
        const AB = A * B;
        const dPlus = 1 / (1 + AB); // s at +e
        const dMinus = 1 / (B + A); // s at -e is B dMinus, q is A dMinus
        const sqPlus = AB * dPlus * dPlus;
        const sqMinus = AB * dMinus * dMinus;
        const xPlus = theta + e;
        const xMinus = theta - e;
        const c = 1 / (1 + B);
        sumS += w * (dPlus + B * dMinus);
        sumSq += w * (sqPlus + sqMinus);
        sumXSq += w * (xPlus * sqPlus + xMinus * sqMinus);
        sumX2Sq += w * (xPlus * xPlus * sqPlus + xMinus * xMinus * sqMinus);
        sumData += w * e * e * B * c * c;
      }
      const offDiagonal = phi * sumXSq - sumS;
      out[0] = phi * phi * sumSq;
      out[1] = offDiagonal;
      out[2] = -offDiagonal;
      out[3] = -sumX2Sq - 2 * sumData;
      return out;
    },
  };
}
