/**
 * Polynomials in one variable inside the IR: coefficient extraction and closed-form
 * roots of degree 1, 2 and biquadratic 4. The stability bounds of the training maps are
 * roots of such polynomials in the learning rate h; nerdamer's `solve` finds them too,
 * but at 0.1-0.3 s a call it would take most of the generation budget, and its roots
 * come back with abs() and complex branches that we would have to untangle anyway.
 */
import * as E from '../ir/expr.js';
import { dependsOn, rewrite, symbolsOf } from './traverse.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';

/** Coefficients [c0, c1, ...] of e as a polynomial in `variable`, or undefined when e is not one. */
export function coefficients(e: Expr, variable: string): Expr[] | undefined {
  if (!dependsOn(e, variable)) return [e];
  switch (e.kind) {
    case 'sym': return [E.ZERO, E.ONE];
    case 'add': {
      const parts = e.terms.map((t) => coefficients(t, variable));
      if (parts.some((p) => p === undefined)) return undefined;
      const length = Math.max(...parts.map((p) => p!.length));
      return trim(Array.from({ length }, (_, k) => E.add(...parts.map((p) => p![k] ?? E.ZERO))));
    }
    case 'mul': {
      let product: Expr[] = [E.ONE];
      for (const factor of e.factors) {
        const c = coefficients(factor, variable);
        if (!c) return undefined;
        product = convolve(product, c);
      }
      return trim(product);
    }
    case 'pow': {
      if (e.exponent.kind !== 'num' || !Q.isInteger(e.exponent.value) || Q.sign(e.exponent.value) < 0) return undefined;
      const base = coefficients(e.base, variable);
      if (!base) return undefined;
      let power: Expr[] = [E.ONE];
      for (let k = 0n; k < e.exponent.value.num; k++) power = convolve(power, base);
      return trim(power);
    }
    default: return undefined;
  }
}

function convolve(a: readonly Expr[], b: readonly Expr[]): Expr[] {
  const out: Expr[] = Array.from({ length: a.length + b.length - 1 }, () => E.ZERO);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = E.add(out[i + j]!, E.mul(x, y)))));
  return out;
}

function trim(c: Expr[]): Expr[] {
  while (c.length > 1 && c[c.length - 1] === E.ZERO) c.pop();
  return c;
}

/**
 * The non-zero roots of a polynomial given by its coefficients, in closed form where the
 * degree (after dividing out the root 0) is 1, 2, or 4 with only even powers; undefined
 * otherwise. Roots may be complex for some parameter values: callers evaluate them.
 */
export function nonZeroRoots(c: readonly Expr[]): Expr[] | undefined {
  let start = 0;
  while (start < c.length && c[start] === E.ZERO) start++;
  const p = c.slice(start);
  const half = E.num(0.5);
  if (p.length <= 1) return [];
  if (p.length === 2) return [E.neg(quotient(p[0]!, p[1]!))];
  if (p.length === 3) return quadratic(p[0]!, p[1]!, p[2]!);
  if (p.length === 5 && p[1] === E.ZERO && p[3] === E.ZERO) {
    // c0 + c2 h^2 + c4 h^4: roots of the quadratic in h^2, then +- their square roots.
    const squares = quadratic(p[0]!, p[2]!, p[4]!);
    return squares.flatMap((s) => [E.pow(s, half), E.neg(E.pow(s, half))]);
  }
  return undefined;
}

function quadratic(c0: Expr, c1: Expr, c2: Expr): Expr[] {
  const discriminant = E.sub(E.pow(c1, E.num(2)), E.mul(E.num(4), c0, c2));
  const root = E.sqrt(discriminant);
  const twoA = E.mul(E.num(2), c2);
  // Where the discriminant is a square, a root is a rational function that may share a factor with 2a.
  return [quotient(E.sub(E.neg(c1), root), twoA), quotient(E.add(E.neg(c1), root), twoA)];
}

/**
 * n / d with the common factors of n and d cancelled, where both are polynomials with
 * rational coefficients in at most two symbols: (gamma - 2) / (gamma^2/8 - 1/2) is
 * 1 / (gamma/8 + 1/4), which is right at gamma = 2 where the uncancelled form is 0/0. In the
 * generic records f'(0) is the second symbol, through |f'(0)| and even powers of f'(0), both
 * powers of |f'(0)|: (4 gamma f'(0)^2 - 4 |f'(0)|) / (2 gamma^2 f'(0)^4 - 2 f'(0)^2) is
 * 4 / (2 gamma f'(0)^2 + 2 |f'(0)|). A factor that vanishes only at f'(0) = 0 goes too:
 * the generic records hold for f'(0) != 0, where J(0, 0) is not degenerate. Any other
 * quotient is left as it is.
 */
export function quotient(n: Expr, d: Expr): Expr {
  const magnitudes = new Map<Expr, Expr>();
  const inMagnitudes = (e: Expr): Expr | undefined => withMagnitudes(e, magnitudes);
  const [numerator, denominator] = [inMagnitudes(n), inMagnitudes(d)];
  if (!numerator || !denominator) return E.div(n, d);
  const names = [...new Set([...symbolsOf(numerator), ...symbolsOf(denominator)])].sort();
  if (names.length === 0 || names.length > 2) return E.div(n, d);
  const [x, y = FREE] = names as [string, string?];
  const a = bivariate(numerator, x, y);
  const b = bivariate(denominator, x, y);
  if (!a || !b || isZeroBivariate(a) || isZeroBivariate(b)) return E.div(n, d);
  const common = bivariateGcd(a, b);
  if (common.length === 1 && common[0]!.length === 1) return E.div(n, d);
  const back = new Map([...magnitudes].map(([node, magnitude]) => [(magnitude as E.Sym).name, node]));
  const shown = (c: Bivariate): Expr => fromMagnitudes(bivariatePolynomial(c, E.sym(x), E.sym(y)), back);
  return E.div(shown(exactQuotient(a, common)), shown(exactQuotient(b, common)));
}

/** A name no expression uses: the second variable of a polynomial in one. */
const FREE = '\u0000';

/** e with each activation value X (f'(0), say) replaced by a symbol for |X|, where X occurs
 * only as |X| or in even powers; undefined where it occurs otherwise. */
function withMagnitudes(e: Expr, magnitudes: Map<Expr, Expr>): Expr | undefined {
  const magnitude = (node: Expr): Expr => {
    if (!magnitudes.has(node)) magnitudes.set(node, E.sym(`\u0000|${node.key}|`));
    return magnitudes.get(node)!;
  };
  let odd = false;
  const result = rewrite(e, (node) => {
    if (node.kind === 'call' && node.fn === 'abs' && node.arg.kind === 'activation') return magnitude(node.arg);
    if (node.kind === 'pow' && node.base.kind === 'activation' && node.exponent.kind === 'num' && Q.isInteger(node.exponent.value) && node.exponent.value.num % 2n === 0n) {
      return E.pow(magnitude(node.base), node.exponent);
    }
    if (node.kind === 'activation') odd = true;
    return undefined;
  });
  return odd ? undefined : result;
}

/** The inverse of withMagnitudes: an even power of |X| is one of X. */
const fromMagnitudes = (e: Expr, back: ReadonlyMap<string, Expr>): Expr =>
  rewrite(e, (node) => {
    const power = node.kind === 'pow' && node.base.kind === 'sym' ? node : undefined;
    const base = back.get(power ? (power.base as E.Sym).name : node.kind === 'sym' ? node.name : '');
    if (!base) return undefined;
    const exponent = power?.exponent.kind === 'num' ? power.exponent.value.num : 1n;
    return exponent % 2n === 0n ? E.pow(base, E.num(exponent)) : E.pow(E.call('abs', base), E.num(exponent));
  });

/** A polynomial in x whose coefficients are polynomials in y: c[i][j] multiplies x^i y^j. */
type Bivariate = Q.Rational[][];

function bivariate(e: Expr, x: string, y: string): Bivariate | undefined {
  const inX = coefficients(e, x);
  const rows = inX?.map((c) => rationalCoefficients(c, y));
  return rows?.every((r) => r !== undefined) ? (rows as Bivariate) : undefined;
}

const bivariatePolynomial = (c: Bivariate, x: Expr, y: Expr): Expr =>
  E.add(...c.map((row, i) => E.mul(polynomial(row, y), E.pow(x, E.num(BigInt(i))))));

const isZeroPolynomial = (p: readonly Q.Rational[]): boolean => p.every(Q.isZero);
const isZeroBivariate = (c: Bivariate): boolean => c.every(isZeroPolynomial);
/** Without zero coefficients at the top (univariate division reads the top one as the leading one). */
const tidy = (p: Q.Rational[]): Q.Rational[] => {
  while (p.length > 1 && Q.isZero(p[p.length - 1]!)) p.pop();
  return p;
};
const trimRows = (c: Bivariate): Bivariate => {
  while (c.length > 1 && isZeroPolynomial(c[c.length - 1]!)) c.pop();
  return c;
};
const times = (a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] => {
  const out = Array.from({ length: a.length + b.length - 1 }, () => Q.ZERO);
  a.forEach((p, i) => b.forEach((q, j) => (out[i + j] = Q.add(out[i + j]!, Q.mul(p, q)))));
  return tidy(out);
};
const minus = (a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] =>
  tidy(Array.from({ length: Math.max(a.length, b.length) }, (_, k) => Q.add(a[k] ?? Q.ZERO, Q.neg(b[k] ?? Q.ZERO))));

/** The gcd in Q[y] of the coefficients, and the polynomial divided by it. */
function contentOf(c: Bivariate): Q.Rational[] {
  return c.filter((row) => !isZeroPolynomial(row)).reduce<Q.Rational[]>((g, row) => tidy(g.length === 0 ? gcd(row, row) : gcd(g, row)), []);
}

/** The pseudo-remainder of a by b in Q[y][x]: lc(b)^k a reduced by b until its degree in x is below b's. */
function pseudoRemainder(a: Bivariate, b: Bivariate): Bivariate {
  let r = a.map((row) => [...row]);
  const lead = b[b.length - 1]!;
  while (r.length >= b.length && !(r.length === 1 && isZeroPolynomial(r[0]!))) {
    const shift = r.length - b.length;
    const top = r[r.length - 1]!;
    r = r.map((row) => times(row, lead));
    b.forEach((row, i) => (r[shift + i] = minus(r[shift + i]!, times(row, top))));
    r.pop();
    trimRows(r);
    if (r.length === 0) r = [[Q.ZERO]];
  }
  return r;
}

/** Exact division of a by b in Q[y][x] (b divides a). */
function exactQuotient(a: Bivariate, b: Bivariate): Bivariate {
  const r = a.map((row) => [...row]);
  const q: Bivariate = Array.from({ length: Math.max(1, a.length - b.length + 1) }, () => [Q.ZERO]);
  const lead = b[b.length - 1]!;
  for (let k = a.length - b.length; k >= 0; k--) {
    const factor = tidy(divide(r[k + b.length - 1]!, lead));
    q[k] = factor;
    b.forEach((row, i) => (r[k + i] = minus(r[k + i]!, times(factor, row))));
  }
  return trimRows(q);
}

/** The greatest common divisor in Q[y][x]: the gcd of the contents times the primitive
 * part of the last non-zero pseudo-remainder (the primitive remainder sequence). */
function bivariateGcd(a: Bivariate, b: Bivariate): Bivariate {
  const [ca, cb] = [contentOf(a), contentOf(b)];
  const primitive = (c: Bivariate, content: Q.Rational[]): Bivariate => c.map((row) => tidy(divide(row, content)));
  let [p, q] = a.length >= b.length ? [primitive(a, ca), primitive(b, cb)] : [primitive(b, cb), primitive(a, ca)];
  while (!(q.length === 1 && isZeroPolynomial(q[0]!))) {
    if (q.length === 1) return [gcd(ca, cb)];
    const r = pseudoRemainder(p, q);
    p = q;
    q = r.length === 1 && isZeroPolynomial(r[0]!) ? r : primitive(r, contentOf(r));
  }
  // Scaled so that its leading coefficient is 1, as the univariate gcd is monic.
  const content = gcd(ca, cb);
  const common = trimRows(p.map((row) => times(row, content)));
  const top = common[common.length - 1]!;
  const scale = Q.inverse(top[top.length - 1]!);
  return common.map((row) => row.map((k) => Q.mul(k, scale)));
}

/** The coefficients of e in `name` when they are all rational numbers. */
function rationalCoefficients(e: Expr, name: string): Q.Rational[] | undefined {
  const c = coefficients(e, name);
  return c?.every((k) => k.kind === 'num') ? c.map((k) => (k as E.Num).value) : undefined;
}

const polynomial = (c: readonly Q.Rational[], x: Expr): Expr => E.add(...c.map((k, i) => E.mul(E.num(k), E.pow(x, E.num(BigInt(i))))));

/** The quotient and remainder of a by b (b's leading coefficient non-zero), coefficients from the constant up. */
function divideWithRemainder(a: readonly Q.Rational[], b: readonly Q.Rational[]): [Q.Rational[], Q.Rational[]] {
  const remainder = [...a];
  const q: Q.Rational[] = Array.from({ length: Math.max(1, a.length - b.length + 1) }, () => Q.ZERO);
  const lead = b[b.length - 1]!;
  for (let k = a.length - b.length; k >= 0; k--) {
    const factor = Q.mul(remainder[k + b.length - 1]!, Q.inverse(lead));
    q[k] = factor;
    b.forEach((bi, i) => (remainder[k + i] = Q.add(remainder[k + i]!, Q.neg(Q.mul(factor, bi)))));
  }
  const r = remainder.slice(0, b.length - 1);
  while (r.length > 0 && Q.isZero(r[r.length - 1]!)) r.pop();
  return [q, r];
}

const divide = (a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] => divideWithRemainder(a, b)[0];

/** The monic greatest common divisor, by Euclid's algorithm over the rationals. */
function gcd(a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] {
  let [x, y] = [[...a], [...b]];
  while (y.length > 0 && !(y.length === 1 && Q.isZero(y[0]!))) [x, y] = [y, divideWithRemainder(x, y)[1]];
  const lead = x[x.length - 1]!;
  return x.map((k) => Q.mul(k, Q.inverse(lead)));
}
