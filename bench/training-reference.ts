/**
 * Hand-written training code for the standard GAN + R1 (gan-r1), the yardstick of the
 * training section of the benchmark: the spectral radius of two update maps at the equilibrium
 * in closed form, and the four training methods as plain loops over two numbers. Written from
 * the field v = (-phi s, theta s - gamma phi), s = sigmoid(-phi theta), and its Jacobian at
 * the equilibrium J = [[0, -1/2], [1/2, -gamma]] (f'(0) = 1/2), without the generator.
 */

/** sigmoid(x) = 1 / (1 + e^-x), with exp of -|x| only so that it never overflows. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Simultaneous steps: M = I + hJ, with eigenvalues 1 + h lambda, lambda = -gamma/2 +- sqrt(gamma^2 - 1)/2.
 * For gamma < 1 they are a complex pair and |mu|^2 = det M = 1 - gamma h + h^2/4; otherwise
 * they are real, 1 - gamma h/2 +- (h/2) sqrt(gamma^2 - 1), and the larger modulus is |centre| + radius.
 */
export function spectralRadiusSimultaneous(gamma: number, h: number): number {
  if (gamma < 1) return Math.sqrt(1 - gamma * h + 0.25 * h * h);
  return Math.abs(1 - 0.5 * gamma * h) + 0.5 * h * Math.sqrt(gamma * gamma - 1);
}

/**
 * Alternating steps, hG = hD = h, one step each (the discriminator first here; the generator
 * first gives D G, a similar matrix with the same eigenvalues):
 * M = G D = [[1 - h^2/4, -(h/2)(1 - gamma h)], [h/2, 1 - gamma h]], det M = 1 - gamma h,
 * tr M = 2 - gamma h - h^2/4, and tr^2/4 - det = (h^2/4)((gamma + h/4)^2 - 1), written so that
 * nothing cancels. A complex pair (gamma + h/4 < 1) has |mu| = sqrt(det M); a real one has
 * largest modulus |tr/2| + (h/2) sqrt((gamma + h/4)^2 - 1).
 */
export function spectralRadiusAlternating(gamma: number, h: number): number {
  const a = gamma + 0.25 * h;
  if (a < 1) return Math.sqrt(1 - gamma * h);
  return Math.abs(1 - 0.5 * gamma * h - 0.125 * h * h) + 0.5 * h * Math.sqrt(a * a - 1);
}

/**
 * Extragradient steps: M = I + hJ + h^2 J^2 with J^2 = [[-1/4, gamma/2], [-gamma/2, gamma^2 - 1/4]],
 * a 2x2 matrix whose largest eigenvalue modulus is sqrt(det M) for a complex pair and
 * |tr M / 2| + sqrt(tr^2/4 - det M) for a real one.
 */
export function spectralRadiusExtragradient(gamma: number, h: number): number {
  const hh = h * h;
  const m00 = 1 - 0.25 * hh;
  const m01 = 0.5 * h * (gamma * h - 1);
  const m11 = 1 - gamma * h + hh * (gamma * gamma - 0.25);
  const halfTrace = 0.5 * (m00 + m11);
  const halfGap = 0.5 * (m00 - m11);
  // m10 = -m01, so tr^2/4 - det = ((m00 - m11)/2)^2 - m01^2.
  const discriminant = halfGap * halfGap - m01 * m01;
  if (discriminant < 0) return Math.sqrt(m00 * m11 + m01 * m01);
  return Math.abs(halfTrace) + Math.sqrt(discriminant);
}

/** The final (theta, phi) of `steps` steps, written to out[0], out[1]. */
export type Loop = (theta: number, phi: number, h: number, gamma: number, steps: number, out: Float64Array) => Float64Array;

/** Simultaneous gradient steps: x <- x + h v(x). */
export const simultaneousLoop: Loop = (theta, phi, h, gamma, steps, out) => {
  for (let k = 0; k < steps; k++) {
    const s = sigmoid(-phi * theta);
    const vTheta = -phi * s;
    const vPhi = theta * s - gamma * phi;
    theta += h * vTheta;
    phi += h * vPhi;
  }
  out[0] = theta;
  out[1] = phi;
  return out;
};

/** Alternating steps, one of each player per round, in the runtime's default order (the paper's
 * notebook's): the generator, then the discriminator at the new theta. */
export const alternatingLoop: Loop = (theta, phi, h, gamma, steps, out) => {
  for (let k = 0; k < steps; k++) {
    theta += h * (-phi * sigmoid(-phi * theta));
    phi += h * (theta * sigmoid(-phi * theta) - gamma * phi);
  }
  out[0] = theta;
  out[1] = phi;
  return out;
};

/** Extragradient: x <- x + h v(x + h v(x)). */
export const extragradientLoop: Loop = (theta, phi, h, gamma, steps, out) => {
  for (let k = 0; k < steps; k++) {
    const s = sigmoid(-phi * theta);
    const thetaAhead = theta + h * (-phi * s);
    const phiAhead = phi + h * (theta * s - gamma * phi);
    const sAhead = sigmoid(-phiAhead * thetaAhead);
    theta += h * (-phiAhead * sAhead);
    phi += h * (thetaAhead * sAhead - gamma * phiAhead);
  }
  out[0] = theta;
  out[1] = phi;
  return out;
};

/** Optimistic steps: x_{k+1} = x_k + h (2 v(x_k) - v(x_{k-1})), the first with v(x_{-1}) = v(x_0). */
export const optimisticLoop: Loop = (theta, phi, h, gamma, steps, out) => {
  const s0 = sigmoid(-phi * theta);
  let previousVTheta = -phi * s0;
  let previousVPhi = theta * s0 - gamma * phi;
  for (let k = 0; k < steps; k++) {
    const s = sigmoid(-phi * theta);
    const vTheta = -phi * s;
    const vPhi = theta * s - gamma * phi;
    theta += h * (2 * vTheta - previousVTheta);
    phi += h * (2 * vPhi - previousVPhi);
    previousVTheta = vTheta;
    previousVPhi = vPhi;
  }
  out[0] = theta;
  out[1] = phi;
  return out;
};
