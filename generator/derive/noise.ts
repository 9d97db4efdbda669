/**
 * Expectations over instance noise e ~ N(0, sigma^2) at the equilibrium, exactly. At
 * theta = phi = 0 every argument of f is 0 (D(x + e) = phi (x + e)), so the field and its
 * Jacobian there are polynomials in e whose coefficients hold f^(k)(0); their expectation
 * follows from the Gaussian moments E[e^k] = sigma^k (k - 1)!! for even k, 0 for odd k
 * (Mescheder et al. 2018, section 3.3, take the same route).
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { coefficients } from '../ir/polynomial.js';

function doubleFactorial(n: number): bigint {
  let product = 1n;
  for (let k = n; k > 1; k -= 2) product *= BigInt(k);
  return product;
}

/** E[e] over e ~ N(0, sigma^2) for an expression polynomial in `noise`; undefined when it is not. */
export function gaussianExpectation(e: Expr, noise: string, sigma: Expr): Expr | undefined {
  const c = coefficients(e, noise);
  if (!c) return undefined;
  return E.add(...c.map((coefficient, k) =>
    k % 2 === 1 ? E.ZERO : E.mul(coefficient, E.num(doubleFactorial(k - 1)), E.pow(sigma, E.num(k)))));
}
