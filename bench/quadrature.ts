/**
 * Gauss-Hermite quadrature for the bench, computed here and not taken from the generator: the
 * n-point rule for the weight e^(-x^2) by Newton's method on the orthonormal Hermite
 * polynomials (Numerical Recipes, 3rd ed., section 4.6, `gauher`), rescaled to the standard
 * normal: E[g(Z)] ~ sum_i w_i / sqrt(pi) g(sqrt(2) x_i), Z ~ N(0, 1).
 */
import type { NormalRule } from './reference.js';

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
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * x[n - 1 - i]!;
    weights[i] = w[n - 1 - i]! / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}

/**
 * The rules the generated evaluators of a game with instance noise use, by the sharpness
 * s = sigma |phi| of the integrand (generated/<id>.ts, noiseRule, documents them): the
 * `hermiteNodes`-point Gauss-Hermite rule up to s = 1; beyond it the trapezoidal rule on
 * z in [-9.5, 9.5] with ceil(23.75 s) steps each side of 0 (a step of at most 0.4 / s), at
 * most 4096, and weights step * exp(-z^2 / 2) / sqrt(2 pi). The bench builds them itself, and
 * keeps every trapezoidal rule it has built, by its size.
 */
export function noiseRules(hermiteNodes: number): (sharpness: number) => NormalRule {
  const hermite = normalGaussHermite(hermiteNodes);
  const trapezoids = new Map<number, NormalRule>();
  return (sharpness) => {
    if (!(sharpness > 1)) return hermite;
    const half = Math.min(Math.ceil(23.75 * sharpness), 4096);
    let rule = trapezoids.get(half);
    if (rule === undefined) {
      const step = 9.5 / half;
      const density = step / Math.sqrt(2 * Math.PI);
      const nodes = new Float64Array(2 * half + 1);
      const weights = new Float64Array(2 * half + 1);
      for (let k = -half; k <= half; k++) {
        const z = k * step;
        nodes[k + half] = z;
        weights[k + half] = density * Math.exp(-0.5 * z * z);
      }
      rule = { nodes, weights };
      trapezoids.set(half, rule);
    }
    return rule;
  };
}

/** The numbers of the array literal `const <name> ... = [ ... ];` in a module's source, or undefined when there is none. */
export function arrayLiteral(source: string, name: string): number[] | undefined {
  const match = new RegExp(`const ${name}\\b[^=]*=\\s*\\[([^\\]]*)\\]`).exec(source);
  if (!match) return undefined;
  return match[1]!.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
}
