/**
 * Finite differences: the numeric oracle for derivatives. Central differences with one
 * Richardson step (a 5-point stencil, truncation error O(h^4)), so that first derivatives
 * are good to ~1e-10 and a second level of differencing (Jacobians of a differenced field,
 * consensus penalties) is still good to ~1e-7.
 */
export function derivative(g: (x: number) => number, x: number, h = stepAt(x)): number {
  const d = (step: number): number => (g(x + step) - g(x - step)) / (2 * step);
  return richardson(d(h / 2), d(h));
}

/** The stencil's step at x: relative to x away from 0. */
const stepAt = (x: number): number => 1e-3 * Math.max(1, Math.abs(x));
/** The Richardson step: central differences at h/2 and h combined, their h^2 errors cancelled. */
const richardson = (half: number, full: number): number => (4 * half - full) / 3;

export type Field = (theta: number, phi: number) => readonly [number, number];

/** `derivative` of both components of a field along one coordinate: the same stencil, each
 * point's field evaluated once for both (half the evaluations of two calls, the same numbers). */
function derivatives(g: (x: number) => readonly [number, number], x: number, h = stepAt(x)): [number, number] {
  const d = (step: number): [number, number] => {
    const [above, below] = [g(x + step), g(x - step)];
    return [(above[0] - below[0]) / (2 * step), (above[1] - below[1]) / (2 * step)];
  };
  const [half, full] = [d(h / 2), d(h)];
  return [richardson(half[0], full[0]), richardson(half[1], full[1])];
}

/** The Jacobian of a field, row-major [dv0/dtheta, dv0/dphi, dv1/dtheta, dv1/dphi]. */
export function jacobian(v: Field, theta: number, phi: number, h?: number): [number, number, number, number] {
  const [a, c] = derivatives((t) => v(t, phi), theta, h);
  const [b, d] = derivatives((p) => v(theta, p), phi, h);
  return [a, b, c, d];
}

/** Whether g looks differentiable around x, across the whole stencil of `derivative`:
 * the 5-point slope agrees with a tiny-step central slope (a kink or jump inside the
 * stencil spoils one of them), and forward and backward slopes agree (a kink at x itself,
 * such as |phi| at 0, which central differences average away). */
export function differentiableAt(g: (x: number) => number, x: number): boolean {
  const agree = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1);
  const tiny = 1e-6 * Math.max(1, Math.abs(x));
  const centralTiny = (g(x + tiny) - g(x - tiny)) / (2 * tiny);
  const h = 1e-4 * Math.max(1, Math.abs(x));
  const oneSided = (direction: 1 | -1): number => {
    const d = (step: number): number => (g(x + direction * step) - g(x)) / (direction * step);
    return 2 * d(h / 2) - d(h);
  };
  return agree(derivative(g, x), centralTiny, 1e-5) && agree(oneSided(1), oneSided(-1), 1e-4);
}
