/**
 * Stage 3b: the equilibrium (0, 0). Checks that the objectives are differentiable there
 * and that the field vanishes there, then takes the Jacobian there, its trace and
 * determinant, and its eigenvalues in closed form:
 *   lambda = tr/2 +- sqrt(tr^2/4 - det),
 * written as re +- i*im when the radicand is minus a square. (nerdamer's complex numbers
 * are partial, so the 2x2 eigenvalues are built here from trace and determinant.)
 */
import * as Q from '../ir/rational.js';
import * as E from '../ir/expr.js';
import { childrenOf, dependsOn, nodesOf, rewrite, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import type { Player } from '../game.js';
import { toNerdamer } from '../cas/text.js';
import { expand } from '../ir/expand.js';
import type { Matrix2, Vector2 } from './field.js';
import { signOf } from './sign.js';
import { functionNamed } from '../vocabulary/functions.js';
import type { Kink as FunctionKink, Sign } from '../vocabulary/functions.js';
import type { LinearisationVerdict } from '../vocabulary/verdicts.js';

export const ORIGIN = new Map([['theta', E.ZERO], ['phi', E.ZERO]]);

/** A call of a function with a kink (vocabulary: |u|, sign(u), relu(u), step(u)), not
 * differentiable where its argument u is 0. */
export interface Kink {
  readonly player: Player;
  readonly call: E.Call;
}

const kinkOf = (node: Expr): FunctionKink | undefined => (node.kind === 'call' ? functionNamed(node.fn).kink : undefined);

/** The side of its kink a function's argument is on, where its sign is decided. */
const sideOf = (sign: Sign): 'positive' | 'negative' | undefined => (sign === 'positive' || sign === 'negative' ? sign : undefined);

/**
 * e on one side of the kink u = 0, extended smoothly across it: every function whose kink
 * argument is u (or -u) replaced by its smooth form on that side (sign(u) by +-1, |u| by +-u,
 * relu(u) by u or 0, step(u) by 1 or 0), as the vocabulary defines them.
 */
export function onSide(e: Expr, u: Expr, side: 'positive' | 'negative'): Expr {
  const opposite = side === 'positive' ? 'negative' : 'positive';
  const minusU = E.neg(u);
  return rewrite(e, (node) => {
    const kink = kinkOf(node);
    if (!kink || node.kind !== 'call') return undefined;
    if (node.arg === u) return kink[side](u);
    if (node.arg === minusU) return kink[opposite](minusU);
    return undefined;
  });
}

/**
 * The objective as it is in a neighbourhood of the equilibrium: a function with a kink
 * whose argument is provably non-zero there is replaced by its smooth form on that side
 * (relu(u) by u or 0, step(u) by 1 or 0, ...), so that a kink it masks (WGAN-LP's |phi|
 * inside relu(|phi| - 1)) is not mistaken for one at the equilibrium.
 */
function localise(e: Expr, positiveHyperparameters: readonly string[]): Expr {
  const positive = new Set(positiveHyperparameters);
  return rewrite(e, (node) => {
    const kink = kinkOf(node);
    if (!kink || node.kind !== 'call') return undefined;
    const side = sideOf(signOf(substitute(node.arg, ORIGIN), positive));
    return side ? kink[side](localise(node.arg, positiveHyperparameters)) : undefined;
  });
}

const kinksOf = (objectives: Readonly<Record<Player, Expr>>): Kink[] =>
  (['generator', 'discriminator'] as const).flatMap((player) =>
    nodesOf(objectives[player]).flatMap((node) => (node.kind === 'call' && kinkOf(node) ? [{ player, call: node }] : [])),
  );

/** Whether a smooth form of a function is constant: it then hides what happens inside. */
const isConstant = (form: (u: Expr) => Expr): boolean => !dependsOn(form(E.sym('u')), 'u');

/** Kinks whose argument vanishes at the equilibrium, in the localised objectives (`positive`: the hyperparameters known to be > 0). */
export function kinksAtEquilibrium(objectives: Readonly<Record<Player, Expr>>, positive: readonly string[]): Kink[] {
  const local = { generator: localise(objectives.generator, positive), discriminator: localise(objectives.discriminator, positive) };
  return kinksOf(local).filter((k) => substitute(k.call.arg, ORIGIN) === E.ZERO);
}

/** Every kink of the objectives, for the record: the arguments u of the kinked functions,
 * not differentiable where u = 0 (the evaluators are not differentiable there). */
export function kinksAnywhere(objectives: Readonly<Record<Player, Expr>>, positiveHyperparameters: readonly string[]): Expr[] {
  const positive = new Set(positiveHyperparameters);
  const kinks: Expr[] = [];
  // A kink of u = 0 for a parameter u inside g(w) is masked when w's sign there is decided
  // and g is constant on that side (WGAN-LP's |phi| inside max(0, |phi| - 1), where w < 0).
  const visit = (e: Expr, masks: readonly { readonly kink: FunctionKink; readonly w: Expr }[]): void => {
    const kink = kinkOf(e);
    if (!kink || e.kind !== 'call') return childrenOf(e).forEach((child) => visit(child, masks));
    const at = e.arg.kind === 'sym' ? new Map([[e.arg.name, E.ZERO]]) : undefined;
    const masked = at !== undefined && masks.some((mask) => {
      const side = sideOf(signOf(substitute(mask.w, at), positive));
      return side !== undefined && isConstant(mask.kink[side]);
    });
    if (!masked) kinks.push(e.arg);
    visit(e.arg, [...masks, { kink, w: e.arg }]);
  };
  visit(objectives.generator, []);
  visit(objectives.discriminator, []);
  return [...new Set(kinks)];
}

export function describeKinks(kinks: readonly Kink[]): string {
  return kinks
    .map((k) => `the ${k.player}'s objective contains ${toNerdamer(k.call)}, which is not differentiable where ${toNerdamer(k.call.arg)} = 0, and that is the case at (theta, phi) = (0, 0)`)
    .join('; ');
}

/** Eigenvalues center +- sqrt(radicand); `imaginary` is set when radicand = -imaginary^2. */
export interface Eigenvalues {
  readonly center: Expr;
  readonly radicand: Expr;
  readonly imaginary?: Expr;
}

/** sqrt(e) when e is provably a square (positive square coefficient, even powers). */
function squareRoot(e: Expr): Expr | undefined {
  const [coefficient, rest] = E.splitCoefficient(e);
  const rootCoefficient = Q.exactSqrt(coefficient);
  if (!rootCoefficient) return undefined;
  const factors = rest === E.ONE ? [] : rest.kind === 'mul' ? rest.factors : [rest];
  const roots: Expr[] = [];
  for (const factor of factors) {
    if (factor.kind !== 'pow' || factor.exponent.kind !== 'num' || !Q.isInteger(factor.exponent.value) || factor.exponent.value.num % 2n !== 0n) return undefined;
    roots.push(E.pow(factor.base, E.num(Q.rational(factor.exponent.value.num / 2n))));
  }
  return E.mul(E.num(rootCoefficient), ...roots);
}

export function eigenvaluesOf(trace: Expr, determinant: Expr): Eigenvalues {
  // Expanded, so that terms of tr^2/4 and det cancel and a radicand -x^2 is recognised.
  const center = expand(E.mul(E.num(0.5), trace));
  const radicand = expand(E.sub(E.mul(E.num(0.25), E.pow(trace, E.num(2))), determinant));
  const imaginary = squareRoot(E.neg(radicand));
  return { center, radicand, ...(imaginary && imaginary !== E.ZERO ? { imaginary } : {}) };
}

export const traceOf = (j: Matrix2): Expr => E.add(j[0][0], j[1][1]);
export const determinantOf = (j: Matrix2): Expr => E.sub(E.mul(j[0][0], j[1][1]), E.mul(j[0][1], j[1][0]));
const atOrigin = (e: Expr): Expr => substitute(e, ORIGIN);
export const matrixAtOrigin = (j: Matrix2): Matrix2 => [
  [atOrigin(j[0][0]), atOrigin(j[0][1])],
  [atOrigin(j[1][0]), atOrigin(j[1][1])],
];
export const vectorAtOrigin = (v: Vector2): Vector2 => [atOrigin(v[0]), atOrigin(v[1])];

export interface VerdictResult {
  readonly verdict: LinearisationVerdict;
  readonly reason: string;
  /** True when the signs were not decided symbolically (another stage may decide them). */
  readonly undecided?: true;
}

const dependsOnActivation = (e: Expr): boolean => nodesOf(e).some((n) => n.kind === 'activation');

/** The continuous-time verdict from trace and determinant (2x2: both eigenvalues have
 * negative real part iff tr < 0 and det > 0). Decided symbolically where the signs are
 * provable for every hyperparameter > 0 (and, in f abstract, f'(0) != 0: the reason says
 * so), else left inconclusive. A determinant that is 0 is a zero eigenvalue: the
 * linearisation does not decide, whatever the trace. */
export function verdictOf(trace: Expr, determinant: Expr, positiveHyperparameters: readonly string[], hyperparameters: readonly string[], negativeHyperparameters: readonly string[] = []): VerdictResult {
  // A hyperparameter whose range lies below 0 is read as minus a positive one of the same name: the
  // sign analysis knows positive symbols only.
  const mirror = new Map(negativeHyperparameters.map((name) => [name, E.neg(E.sym(name))] as const));
  const positive = new Set([...positiveHyperparameters, ...negativeHyperparameters]);
  const tr = signOf(mirror.size ? substitute(trace, mirror) : trace, positive);
  const det = signOf(mirror.size ? substitute(determinant, mirror) : determinant, positive);
  const anySign = hyperparameters.filter((name) => !positive.has(name));
  const assumptions = [
    ...(positiveHyperparameters.length ? [`every ${positiveHyperparameters.join(', ')} > 0`] : []),
    ...(negativeHyperparameters.length ? [`every ${negativeHyperparameters.join(', ')} < 0`] : []),
    ...(anySign.length ? [`${anySign.join(', ')} of any sign (${anySign.length > 1 ? 'their ranges reach' : 'its range reaches'} 0 or below)`] : []),
    ...(dependsOnActivation(trace) || dependsOnActivation(determinant) ? ["every activation with f'(0) != 0"] : []),
  ];
  const assumption = assumptions.length ? ` for ${assumptions.join(' and ')}` : '';
  if (tr === 'zero' && det === 'positive') {
    return { verdict: 'purely-imaginary', reason: `trace 0 and determinant > 0${assumption}: the eigenvalues are purely imaginary, and the linearisation does not decide whether the flow converges (the nonlinear analysis does: see nonlinear)` };
  }
  if (tr === 'negative' && det === 'positive') {
    return { verdict: 'locally-convergent', reason: `trace < 0 and determinant > 0${assumption}: both eigenvalues have negative real part` };
  }
  if (tr === 'positive' || det === 'negative') {
    return { verdict: 'unstable', reason: `${tr === 'positive' ? 'trace > 0' : 'determinant < 0'}${assumption}: an eigenvalue has positive real part` };
  }
  if (tr === 'zero' && det === 'zero') {
    return { verdict: 'inconclusive', reason: 'trace and determinant are 0: both eigenvalues are 0, and the linearisation does not decide whether the flow converges (the nonlinear analysis does: see nonlinear)' };
  }
  if (det === 'zero') {
    return { verdict: 'inconclusive', reason: `determinant 0${assumption}: an eigenvalue is 0, and the linearisation does not decide whether the flow converges (the nonlinear analysis does: see nonlinear)` };
  }
  return { verdict: 'inconclusive', reason: `the signs of trace (${tr}) and determinant (${det}) are not decided symbolically`, undecided: true };
}
