/**
 * Hand-written evaluators of every concrete game, written from the closed forms (Mescheder
 * et al. 2018) the way a careful person would, without the generator: the yardstick the
 * generated code is measured against. run.ts checks each one against generated/<id>.ts at
 * startup and aborts on a mismatch, so a fast but wrong reference cannot flatter the ratio.
 *
 * Notation: u = phi*theta, s = sigmoid(-u) = f'(u) for the standard GAN, q = sigmoid(u) = 1 - s,
 * so that s*q = sigmoid'(u). Where both s and q are needed they share one exp.
 */
import type { Evaluators } from './variants.js';

/** A type alias, not an interface: it then fits the Params index signature. */
type Gamma = {
  readonly gamma: number;
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

/** By game id, as in derivations/<id>.ts. */
export const references: Readonly<Record<string, Evaluators>> = {
  gan,
  'gan-r1': zeroCentred,
  'gan-r2': zeroCentred,
  'gan-consensus': consensus,
  wgan,
  'wgan-gp': wganGp,
};
