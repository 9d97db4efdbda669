/**
 * Hand-written evaluators of every concrete game, written from the closed forms (Mescheder
 * et al. 2018) the way a careful person would, without the generator: the yardstick the
 * generated code is measured against. run.ts checks each one against generated/<id>.ts at
 * startup and aborts on a mismatch, so a fast but wrong reference cannot flatter the ratio.
 *
 * Notation: u = phi*theta, s = sigmoid(-u) = f'(u) for the standard GAN, q = sigmoid(u) = 1 - s,
 * so that s*q = sigmoid'(u) = -f''(u). Where both s and q are needed they share one exp.
 *
 * Games that are not smooth (hinge, DRAGAN, WGAN-GP, WGAN-LP) are written for the points where
 * their field is differentiable, as a person would: the Jacobian off the kinks. The benchmark
 * only compares them there (run.ts's check points avoid phi = 0, |phi| = 1 and phi theta = 1).
 */
import type { Evaluators } from './variants.js';

/** A type alias, not an interface: it then fits the Params index signature. */
type Gamma = {
  readonly gamma: number;
};
type K = {
  readonly k: number;
};
type Sigma = {
  readonly sigma: number;
};

/** sigmoid(x) = 1 / (1 + e^-x), with exp of -|x| only so that it never overflows. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Standard GAN: v = (-phi s, theta s). */
const gan: Evaluators = {
  vectorField(theta, phi, _p, out) {
    const s = sigmoid(-phi * theta);
    out[0] = -phi * s;
    out[1] = theta * s;
    return out;
  },
  jacobian(theta, phi, _p, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const sq = e * d * d; // s q = e^-|u| / (1 + e^-|u|)^2 either way
    out[0] = phi * phi * sq;
    out[1] = u * sq - s;
    out[2] = s - u * sq;
    out[3] = -theta * theta * sq;
    return out;
  },
};

/**
 * R1 (penalty on real data) and R2 (on generated data) coincide on Dirac-GAN, whose
 * discriminator's input gradient is phi everywhere: v = (-phi s, theta s - gamma phi).
 */
const zeroCentred: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const s = sigmoid(-phi * theta);
    out[0] = -phi * s;
    out[1] = theta * s - gamma * phi;
    return out;
  },
  jacobian(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const sq = e * d * d; // s q = e^-|u| / (1 + e^-|u|)^2 either way
    out[0] = phi * phi * sq;
    out[1] = u * sq - s;
    out[2] = s - u * sq;
    out[3] = -theta * theta * sq - gamma;
    return out;
  },
};

/**
 * Consensus optimisation: both players also descend gamma R with R = |v|^2 / 2
 * = r2 s^2 / 2, r2 = theta^2 + phi^2, so w = v - gamma grad R:
 *   w = (-phi s - gamma s^2 (theta - phi r2 q), theta s - gamma s^2 (phi - theta r2 q)).
 */
const consensus: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const q = u >= 0 ? d : e * d;
    const r2q = (theta * theta + phi * phi) * q;
    const gs2 = gamma * s * s;
    out[0] = -phi * s - gs2 * (theta - phi * r2q);
    out[1] = theta * s - gs2 * (phi - theta * r2q);
    return out;
  },
  // Differentiating w by hand, with ds/dtheta = -phi s q and dq/dtheta = phi s q (likewise in phi):
  jacobian(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const q = u >= 0 ? d : e * d;
    const sq = s * q;
    const r2 = theta * theta + phi * phi;
    const gs2 = gamma * s * s;
    const c = 2 * q - s;
    const offDiagonal = gs2 * q * r2 * (3 - u * c);
    out[0] = phi * phi * sq - gs2 * (1 - 4 * u * q + phi * phi * r2 * q * c);
    out[1] = u * sq - s + offDiagonal;
    out[2] = s - u * sq + offDiagonal;
    out[3] = -theta * theta * sq - gs2 * (1 - 4 * u * q + theta * theta * r2 * q * c);
    return out;
  },
};

/** WGAN (f(t) = t): v = (-phi, theta), a rotation. */
const wgan: Evaluators = {
  vectorField(theta, phi, _p, out) {
    out[0] = -phi;
    out[1] = theta;
    return out;
  },
  jacobian(_theta, _phi, _p, out) {
    out[0] = 0;
    out[1] = -1;
    out[2] = 1;
    out[3] = 0;
    return out;
  },
};

/**
 * WGAN-GP on Dirac-GAN: the discriminator ascends phi theta - gamma/2 (|phi| - 1)^2, so
 * v = (-phi, theta + gamma (sign(phi) - phi)). J is not defined at phi = 0; elsewhere J11 = -gamma.
 */
const wganGp: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    out[0] = -phi;
    out[1] = theta + gamma * (Math.sign(phi) - phi);
    return out;
  },
  jacobian(_theta, _phi, { gamma }: Gamma, out) {
    out[0] = 0;
    out[1] = -1;
    out[2] = 1;
    out[3] = -gamma;
    return out;
  },
};

/**
 * Non-saturating GAN: the generator descends softplus(u) = -f(-u) instead of f(u), so
 * v = (-phi q, theta s); the discriminator's side is the standard GAN's. Differentiating,
 * with dq/du = ds/du negated = s q:
 *   J = [[-phi^2 s q, -q (1 + u s)], [s (1 - u q), -theta^2 s q]].
 */
const nonSaturating: Evaluators = {
  vectorField(theta, phi, _p, out) {
    const u = phi * theta;
    out[0] = -phi * sigmoid(u);
    out[1] = theta * sigmoid(-u);
    return out;
  },
  jacobian(theta, phi, _p, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const q = u >= 0 ? d : e * d;
    const sq = e * d * d;
    out[0] = -phi * phi * sq;
    out[1] = -q * (1 + u * s);
    out[2] = s * (1 - u * q);
    out[3] = -theta * theta * sq;
    return out;
  },
};

/** Non-saturating GAN + R1: the same, and -gamma phi in v_phi from the penalty gamma/2 phi^2. */
const nonSaturatingR1: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    out[0] = -phi * sigmoid(u);
    out[1] = theta * sigmoid(-u) - gamma * phi;
    return out;
  },
  jacobian(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const q = u >= 0 ? d : e * d;
    const sq = e * d * d;
    out[0] = -phi * phi * sq;
    out[1] = -q * (1 + u * s);
    out[2] = s * (1 - u * q);
    out[3] = -theta * theta * sq - gamma;
    return out;
  },
};

/**
 * Least-squares GAN: L_G = (u - 1)^2 / 2 and L_D = -1/2 - u^2 / 2 (D = 0 on the data at 0), so
 * v = (-phi (u - 1), -u theta) and J = [[-phi^2, 1 - 2u], [-2u, -theta^2]].
 */
const leastSquares: Evaluators = {
  vectorField(theta, phi, _p, out) {
    const u = phi * theta;
    out[0] = -phi * (u - 1);
    out[1] = -u * theta;
    return out;
  },
  jacobian(theta, phi, _p, out) {
    const twoU = 2 * phi * theta;
    out[0] = -phi * phi;
    out[1] = 1 - twoU;
    out[2] = -twoU;
    out[3] = -theta * theta;
    return out;
  },
};

/**
 * Hinge loss: L_G = u, L_D = min(0, u - 1) - 1, so v = (-phi, theta) where u < 1 and
 * (-phi, 0) where u > 1; J is WGAN's below the kink u = 1 and [[0, -1], [0, 0]] above it.
 */
const hinge: Evaluators = {
  vectorField(theta, phi, _p, out) {
    out[0] = -phi;
    out[1] = phi * theta < 1 ? theta : 0;
    return out;
  },
  jacobian(theta, phi, _p, out) {
    out[0] = 0;
    out[1] = -1;
    out[2] = phi * theta < 1 ? 1 : 0;
    out[3] = 0;
    return out;
  },
};

/**
 * DRAGAN on Dirac-GAN: the standard GAN, and the discriminator's penalty gamma/2 (|phi| - 1)^2
 * (its input gradient is phi everywhere), so v = (-phi s, theta s + gamma (sign(phi) - phi));
 * the Jacobian is R1's, which exists for phi != 0 only.
 */
const dragan: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const s = sigmoid(-phi * theta);
    out[0] = -phi * s;
    out[1] = theta * s + gamma * (Math.sign(phi) - phi);
    return out;
  },
  jacobian: zeroCentred.jacobian,
};

/**
 * WGAN-LP: the one-sided penalty gamma/2 max(0, |phi| - 1)^2 acts only where |phi| > 1, so
 * v = (-phi, theta - gamma sign(phi) (|phi| - 1)) there and WGAN's field elsewhere; J11 is
 * -gamma beyond |phi| = 1 and 0 inside (neither defined at the kinks |phi| = 1).
 */
const wganLp: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const excess = Math.abs(phi) - 1;
    out[0] = -phi;
    out[1] = excess > 0 ? theta - gamma * Math.sign(phi) * excess : theta;
    return out;
  },
  jacobian(_theta, phi, { gamma }: Gamma, out) {
    out[0] = 0;
    out[1] = -1;
    out[2] = 1;
    out[3] = Math.abs(phi) > 1 ? -gamma : 0;
    return out;
  },
};

/** WGAN-div with p = 6: the discriminator's penalty k phi^6, so v = (-phi, theta - 6 k phi^5) and J11 = -30 k phi^4. */
const wganDiv: Evaluators = {
  vectorField(theta, phi, { k }: K, out) {
    const phi2 = phi * phi;
    out[0] = -phi;
    out[1] = theta - 6 * k * phi2 * phi2 * phi;
    return out;
  },
  jacobian(_theta, phi, { k }: K, out) {
    const phi2 = phi * phi;
    out[0] = 0;
    out[1] = -1;
    out[2] = 1;
    out[3] = -30 * k * phi2 * phi2;
    return out;
  },
};

/** A quadrature rule for the standard normal: E[g(Z)] ~ sum_i weights[i] g(nodes[i]), Z ~ N(0, 1). */
export interface NormalRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The standard GAN with instance noise e ~ N(0, sigma^2) on both samples. Both players share
 * L = E[f(phi (theta + e))] + E[f(-phi e)], so, with u_e = phi (theta + e), s_e = sigmoid(-u_e)
 * and q_e = 1 - s_e, and r_e = sigmoid(phi e) from the data term:
 *   v = (-phi E[s_e], E[(theta + e) s_e] - E[e r_e]),
 *   J00 = phi^2 E[s_e q_e],  J01 = -E[s_e] + phi E[(theta + e) s_e q_e] = -J10,
 *   J11 = -E[(theta + e)^2 s_e q_e] - E[e^2 r_e (1 - r_e)],
 * each expectation a quadrature sum, e = sigma * node, with the rule `ruleFor` gives for the
 * sharpness sigma |phi| of the integrand: the same sums the generated module computes (its
 * rules, quadrature.ts), written out by hand.
 */
export function instanceNoise(ruleFor: (sharpness: number) => NormalRule): Evaluators {
  return {
    vectorField(theta, phi, { sigma }: Sigma, out) {
      const { nodes, weights } = ruleFor(sigma * Math.abs(phi));
      let sumS = 0;
      let sumPhi = 0;
      for (let i = 0; i < nodes.length; i++) {
        const e = sigma * nodes[i]!;
        const x = theta + e;
        const s = sigmoid(-phi * x);
        sumS += weights[i]! * s;
        sumPhi += weights[i]! * (x * s - e * sigmoid(phi * e));
      }
      out[0] = -phi * sumS;
      out[1] = sumPhi;
      return out;
    },
    jacobian(theta, phi, { sigma }: Sigma, out) {
      const { nodes, weights } = ruleFor(sigma * Math.abs(phi));
      let sumS = 0;
      let sumSq = 0;
      let sumXSq = 0;
      let sumX2Sq = 0;
      for (let i = 0; i < nodes.length; i++) {
        const w = weights[i]!;
        const e = sigma * nodes[i]!;
        const x = theta + e;
        const u = phi * x;
        const a = Math.exp(-Math.abs(u)); // s and s q from one exp
        const d = 1 / (1 + a);
        const s = u >= 0 ? a * d : d;
        const sq = a * d * d;
        const b = Math.exp(-Math.abs(phi * e)); // r (1 - r) = b / (1 + b)^2 either way
        const c = 1 / (1 + b);
        sumS += w * s;
        sumSq += w * sq;
        sumXSq += w * x * sq;
        sumX2Sq += w * (x * x * sq + e * e * b * c * c);
      }
      const offDiagonal = phi * sumXSq - sumS;
      out[0] = phi * phi * sumSq;
      out[1] = offDiagonal;
      out[2] = -offDiagonal;
      out[3] = -sumX2Sq;
      return out;
    },
  };
}

/**
 * By game id, as in derivations/<id>.ts. gan-instance-noise is not here: its evaluator needs
 * the quadrature rules, so variants.ts builds it with instanceNoise(ruleFor).
 */
export const references: Readonly<Record<string, Evaluators>> = {
  gan,
  'gan-r1': zeroCentred,
  'gan-r2': zeroCentred,
  'gan-consensus': consensus,
  wgan,
  'wgan-gp': wganGp,
  'ns-gan': nonSaturating,
  'ns-gan-r1': nonSaturatingR1,
  // Clipping is a projection after each training step, not part of v: the field is WGAN's.
  'wgan-clip': wgan,
  lsgan: leastSquares,
  hinge,
  dragan,
  'wgan-lp': wganLp,
  'wgan-div': wganDiv,
};
