/**
 * Complex numbers for the normal forms of planar maps (map-drift.ts, normal-form.ts), and the
 * eigenbasis of a real 2x2 matrix with a complex pair of eigenvalues mu, conj(mu): A q = mu q,
 * A^T p = conj(mu) p, with <q, q> = 1 and <p, q> = 1 for <p, q> = conj(p) . q (Kuznetsov,
 * Elements of Applied Bifurcation Theory, section 4.7), so that z = <p, x> is the complex
 * coordinate along q and x = q z + conj(q) conj(z) for real x.
 */
export interface Complex { readonly re: number; readonly im: number }
export const c = (re: number, im = 0): Complex => ({ re, im });
export const cadd = (a: Complex, b: Complex): Complex => c(a.re + b.re, a.im + b.im);
export const csub = (a: Complex, b: Complex): Complex => c(a.re - b.re, a.im - b.im);
export const cmul = (a: Complex, b: Complex): Complex => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const cdiv = (a: Complex, b: Complex): Complex => {
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
};
export const conj = (a: Complex): Complex => c(a.re, -a.im);
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);

export type Vector = readonly [Complex, Complex];
/** <p, q> = conj(p) . q */
export const inner = (p: Vector, q: Vector): Complex => cadd(cmul(conj(p[0]), q[0]), cmul(conj(p[1]), q[1]));

export interface Eigenbasis {
  /** The eigenvalue with positive imaginary part. */
  readonly mu: Complex;
  readonly q: Vector;
  readonly p: Vector;
}

/** The eigenbasis of a real 2x2 matrix whose eigenvalues are a complex pair, else undefined. */
export function eigenbasis(a: readonly (readonly number[])[]): Eigenbasis | undefined {
  const trace = a[0]![0]! + a[1]![1]!;
  const determinant = a[0]![0]! * a[1]![1]! - a[0]![1]! * a[1]![0]!;
  const discriminant = trace * trace - 4 * determinant;
  if (!(discriminant < 0)) return undefined;
  const mu = c(trace / 2, Math.sqrt(-discriminant) / 2);
  // q: (A - mu) q = 0, q = (a01, mu - a00) unless a01 = 0; normalised <q, q> = 1.
  let q: Vector = a[0]![1]! !== 0 ? [c(a[0]![1]!), cadd(mu, c(-a[0]![0]!))] : [cadd(mu, c(-a[1]![1]!)), c(a[1]![0]!)];
  const norm = Math.sqrt(inner(q, q).re);
  q = [cdiv(q[0], c(norm)), cdiv(q[1], c(norm))];
  // p: A^T p = conj(mu) p, normalised <p, q> = 1.
  const muBar = conj(mu);
  let p: Vector = a[1]![0]! !== 0 ? [c(a[1]![0]!), cadd(muBar, c(-a[0]![0]!))] : [cadd(muBar, c(-a[1]![1]!)), c(a[0]![1]!)];
  const pq = inner(p, q);
  // <p, q> = conj(p) . q: dividing p by conj(<p, q>) makes it 1.
  p = [cdiv(p[0], conj(pq)), cdiv(p[1], conj(pq))];
  return { mu, q, p };
}
