/**
 * Hand-written evaluators of every concrete game from the closed forms (Mescheder et al. 2018),
 * without the generator: the best formula known, using identities the generator does not
 * (sigma(u) + sigma(-u) = 1, sign(phi)^2 = 1 off phi = 0, a branch for relu and step), not a
 * transliteration of the generated arithmetic. checks.ts compares each with generated/<id>.ts
 * before timing, so a fast but wrong reference cannot flatter a ratio.
 *
 * Notation: u = phi*theta, s = sigmoid(-u) = f'(u) for the standard GAN, q = sigmoid(u) = 1 - s,
 * so that s*q = sigmoid'(u) = -f''(u). Where both s and q are needed they share one exp.
 *
 * Games that are not smooth (hinge, DRAGAN, WGAN-GP, WGAN-LP) are written for the points where
 * their field is differentiable, as a person would: the Jacobian off the kinks. The benchmark
 * only compares them there (points.ts's CHECK_POINTS avoid phi = 0, |phi| = 1 and phi theta = 1).
 */
import type { Evaluators } from './variants.js';

/** A type alias, not an interface: it then fits the Params index signature. */
type Gamma = {
  readonly gamma: number;
};
type K = {
  readonly k: number;
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

/** RpGAN + R1 + R2 (R3GAN): on Dirac-GAN the pair term is the standard GAN's f(phi theta), and
 * the two penalties, gamma/2 phi^2 each, give -2 gamma phi in v_phi. */
const zeroCentredBoth: Evaluators = {
  vectorField(theta, phi, { gamma }: Gamma, out) {
    const s = sigmoid(-phi * theta);
    out[0] = -phi * s;
    out[1] = theta * s - 2 * gamma * phi;
    return out;
  },
  jacobian(theta, phi, { gamma }: Gamma, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const sq = e * d * d;
    out[0] = phi * phi * sq;
    out[1] = u * sq - s;
    out[2] = s - u * sq;
    out[3] = -theta * theta * sq - 2 * gamma;
    return out;
  },
};

/** RaSGAN: on Dirac-GAN each objective's two terms are equal (D's 2 f(u), G's -2 f(-u)):
 * the non-saturating GAN's field, doubled. */
const relativisticAverage: Evaluators = {
  vectorField(theta, phi, _p, out) {
    const u = phi * theta;
    out[0] = -2 * phi * sigmoid(u);
    out[1] = 2 * theta * sigmoid(-u);
    return out;
  },
  jacobian(theta, phi, _p, out) {
    const u = phi * theta;
    const e = Math.exp(-Math.abs(u)); // s and q from one exp
    const d = 1 / (1 + e);
    const s = u >= 0 ? e * d : d;
    const q = u >= 0 ? d : e * d;
    const sq = e * d * d;
    out[0] = -2 * phi * phi * sq;
    out[1] = -2 * q * (1 + u * s);
    out[2] = 2 * s * (1 - u * q);
    out[3] = -2 * theta * theta * sq;
    return out;
  },
};

/**
 * By game id, as in derivations/<id>.ts. gan-instance-noise is not here: its evaluator needs
 * the quadrature rules, so variants.ts builds it with noise-reference.ts's instanceNoise(rules).
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
  // The relativistic pairing loss f(D(x_f) - D(x_r)) is f(phi theta) at the pair (0, theta).
  rpgan: gan,
  'rpgan-r1': zeroCentred,
  'rpgan-r1-r2': zeroCentredBoth,
  ragan: relativisticAverage,
};
