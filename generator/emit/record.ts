/**
 * Derivation -> the derivation record, `generated/<id>.json`: every formula as nerdamer
 * text and as LaTeX (generic in f', f'', ...; concrete where f is given), the
 * hyperparameters, the eigenvalues at the equilibrium, the verdict and the declared claims.
 * The site and the tests read these records; their key order is fixed, so the JSON is
 * byte-stable.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Claims, Distribution, Player, Text, Verdict } from '../game.js';
import type { Derivation, Stage } from '../derive/derive.js';
import { kinksAnywhere } from '../derive/equilibrium.js';
import type { Eigenvalues } from '../derive/equilibrium.js';
import type { Matrix2, Vector2 } from '../derive/field.js';
import type { GeneralTerm } from '../specialise/dirac.js';
import { EPSILON } from '../specialise/dirac.js';
import type { DiscreteVerdict, Method, MethodAnalysis } from '../derive/discrete.js';
import { signOf } from '../derive/sign.js';
import { toNerdamer } from '../cas/text.js';
import { factorCommon } from '../ir/factor.js';
import { matrixToTex, toTex, vectorToTex } from '../print/tex.js';

export interface Rendered {
  readonly text: string;
  readonly tex: string;
}

export interface FormulaRecord {
  readonly id: string;
  readonly label: Text;
  readonly generic: Rendered;
  readonly concrete?: Rendered;
}

export interface NumericEigenvalues {
  readonly re: readonly [number, number];
  readonly im: readonly [number, number];
}

/** An eigenvalue pair center +- sqrt(radicand), as nerdamer text. */
export interface EigenvaluesRecord {
  readonly text: string;
  readonly center: string;
  readonly radicand: string;
}

export interface MethodRecord {
  readonly method: Method;
  readonly label: Text;
  /** The update map's Jacobian at the equilibrium. */
  readonly map: Rendered;
  readonly eigenvalues: Rendered;
  readonly spectralRadius: Rendered;
  readonly verdict: DiscreteVerdict;
  readonly reason: string;
  /** The largest stable learning rate (one rate h for both players, nG = nD = 1). */
  readonly bound?: { readonly kind: 'closed-form' | 'numeric'; readonly text?: string; readonly tex: string; readonly atDefaults: number };
}

export interface GameRecord {
  readonly $comment: string;
  readonly id: string;
  readonly file: string;
  readonly title: Text;
  readonly summary: Text;
  readonly sources: readonly string[];
  readonly slots: readonly string[];
  readonly activation: 'abstract' | 'none' | { readonly definition: string };
  readonly hyperparameters: readonly { readonly name: string; readonly tex: string; readonly default: number; readonly range: readonly [number, number]; readonly description: Text }[];
  readonly formulas: readonly FormulaRecord[];
  readonly equilibrium:
    | {
        readonly differentiable: true;
        readonly eigenvalues: { readonly generic: EigenvaluesRecord; readonly concrete?: EigenvaluesRecord; readonly atDefaults?: NumericEigenvalues };
      }
    | { readonly differentiable: false; readonly reason: string };
  readonly verdict: { readonly verdict: Verdict; readonly reason: string };
  /** Instance noise: formulas containing \`symbol\` are expectations over it ~ N(0, sigma^2). */
  readonly noise?: { readonly symbol: string; readonly sigma: string; readonly tex: string };
  /** Projections after each training step: the parameter clipped to [-bound, bound]. */
  readonly constraints: readonly { readonly parameter: 'theta' | 'phi'; readonly bound: string; readonly tex: string; readonly nearEquilibrium: string }[];
  /** Where the objectives are not differentiable (kinks of |u|, sign, relu, step), if anywhere. */
  readonly kinks: readonly string[];
  /** Training in discrete time, per method: generic in f', and concrete where f is given. */
  readonly discrete: { readonly generic: readonly MethodRecord[]; readonly concrete?: readonly MethodRecord[] };
  readonly claims: Claims;
}

const PLAYER_TEX: Record<Player, string> = { generator: 'L_{G}', discriminator: 'L_{D}' };
const DISTRIBUTION_TEX: Record<Distribution, string> = {
  data: 'x \\sim p_{\\mathcal{D}}',
  generator: 'x \\sim p_{\\theta}',
  interpolated: 'x \\sim p_{\\hat{x}}',
};
const ARGS = '(\\theta, \\phi)';

const vectorText = (v: Vector2): string => `[${v.map((x) => toNerdamer(x)).join(', ')}]`;
const matrixText = (m: Matrix2): string => `matrix(${m.map((row) => vectorText(row)).join(', ')})`;

/** Splits "a, b" at the commas outside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** The entries of a record's vector or matrix text, the inverse of vectorText and
 * matrixText: "[a, b]" -> [a, b]; "matrix([a, b], [c, d])" -> [a, b, c, d] (row-major). */
export function entriesOfText(text: string): string[] {
  const inner = text.startsWith('matrix(') ? text.slice('matrix('.length, -1) : `[${text.slice(1, -1)}]`;
  return splitTopLevel(inner).flatMap((row) => splitTopLevel(row.slice(1, -1)));
}

/** "c +- i*m" or "c +- sqrt(r)", the eigenvalue pair as text. */
export function eigenvaluesText(e: Eigenvalues): string {
  const center = e.center === E.ZERO ? '' : `${toNerdamer(e.center)} `;
  if (e.imaginary) return `${center}+-${toNerdamer(E.mul(e.imaginary, E.sym('i')))}`;
  if (e.radicand === E.ZERO) return `${toNerdamer(e.center)} (double)`;
  return `${center}+-sqrt(${toNerdamer(e.radicand)})`;
}

const eigenvaluesRecord = (e: Eigenvalues): EigenvaluesRecord => ({ text: eigenvaluesText(e), center: toNerdamer(e.center), radicand: toNerdamer(e.radicand) });

function eigenvaluesTex(e: Eigenvalues): string {
  if (e.radicand === E.ZERO) return `\\lambda_{1} = \\lambda_{2} = ${toTex(e.center)}`;
  const center = e.center === E.ZERO ? '' : toTex(e.center);
  const spread = e.imaginary
    ? `${e.imaginary === E.ONE ? '' : `${toTex(e.imaginary)}\\,`}i`
    : `\\sqrt{${toTex(e.radicand)}}`;
  return `\\lambda_{1,2} = ${center} \\pm ${spread}`;
}

/** The general objective: sum of weighted expectations, with consensus written as a norm. */
function generalObjective(player: Player, terms: readonly GeneralTerm[], consensusWeight: Expr | undefined): Rendered {
  const parts = terms.map((term) => {
    const negative = E.splitCoefficient(term.weight)[0].num < 0n;
    const magnitude = negative ? E.neg(term.weight) : term.weight;
    const weightTex = magnitude === E.ONE ? '' : `${toTex(magnitude)} `;
    const weightText = magnitude === E.ONE ? '' : `${toNerdamer(magnitude)}*`;
    return {
      negative,
      tex: `${weightTex}\\mathbb{E}_{${DISTRIBUTION_TEX[term.over]}${term.noise ? ` * \\mathcal{N}(0, ${toTex(E.pow(term.noise, E.num(2)))})` : ''}}\\left[${toTex(term.integrand)}\\right]`,
      text: `${weightText}E[x~${term.over}](${toNerdamer(term.integrand)})`,
    };
  });
  if (consensusWeight) {
    const negative = player === 'discriminator';
    parts.push({
      negative,
      tex: `${toTex(consensusWeight)} \\cdot \\frac{1}{2} \\left\\| v${ARGS} \\right\\|^{2}`,
      text: `${toNerdamer(consensusWeight)}*norm(v)^2/2`,
    });
  }
  const join = (key: 'tex' | 'text'): string =>
    parts.map((p, i) => (i === 0 ? (p.negative ? '-' : '') : p.negative ? ' - ' : ' + ') + p[key]).join('');
  return { text: join('text'), tex: `${PLAYER_TEX[player]}${ARGS} = ${join('tex')}` };
}

/** Formulas in the instance noise epsilon stand for their expectation over it. */
function expected(exprs: readonly Expr[], tex: string): string {
  return exprs.some((e) => E.dependsOn(e, EPSILON.name)) ? `\\mathbb{E}_{\\varepsilon}\\left[${tex}\\right]` : tex;
}

function stageFormulas(derived: Stage): Record<string, Rendered> {
  // Shown factored, as one would write them by hand: shared factors pulled out of the sums.
  const stage = {
    ...derived,
    objectives: { generator: factorCommon(derived.objectives.generator), discriminator: factorCommon(derived.objectives.discriminator) },
    field: [factorCommon(derived.field[0]), factorCommon(derived.field[1])] as const,
    jacobian: derived.jacobian.map((row) => [factorCommon(row[0]), factorCommon(row[1])] as const) as unknown as Matrix2,
  };
  const formulas: Record<string, Rendered> = {
    'objective-generator': { text: toNerdamer(stage.objectives.generator), tex: `${PLAYER_TEX.generator}${ARGS} = ${expected([stage.objectives.generator], toTex(stage.objectives.generator))}` },
    'objective-discriminator': { text: toNerdamer(stage.objectives.discriminator), tex: `${PLAYER_TEX.discriminator}${ARGS} = ${expected([stage.objectives.discriminator], toTex(stage.objectives.discriminator))}` },
    field: { text: vectorText(stage.field), tex: `v${ARGS} = ${expected(stage.field, vectorToTex(stage.field))}` },
    jacobian: { text: matrixText(stage.jacobian), tex: `J${ARGS} = ${expected(stage.jacobian.flat(), matrixToTex(stage.jacobian))}` },
  };
  const q = stage.equilibrium;
  if (q.differentiable) {
    formulas['jacobian-at-equilibrium'] = { text: matrixText(q.jacobian), tex: `J(0, 0) = ${matrixToTex(q.jacobian)}` };
    formulas['trace-determinant'] = {
      text: `[${toNerdamer(q.trace)}, ${toNerdamer(q.determinant)}]`,
      tex: `\\operatorname{tr} J(0, 0) = ${toTex(q.trace)}, \\quad \\det J(0, 0) = ${toTex(q.determinant)}`,
    };
    formulas.eigenvalues = { text: eigenvaluesText(q.eigenvalues), tex: eigenvaluesTex(q.eigenvalues) };
  }
  return formulas;
}

const LABELS: Record<string, Text> = {
  'jacobian-general': { en: 'Jacobian of a two-player game', zh: '两人博弈的雅可比矩阵' },
  discriminator: { en: 'Discriminator', zh: '判别器' },
  activation: { en: 'Activation and its derivatives', zh: '激活函数及其导数' },
  'objective-general-generator': { en: "Generator's objective", zh: '生成器的目标函数' },
  'objective-general-discriminator': { en: "Discriminator's objective", zh: '判别器的目标函数' },
  'objective-generator': { en: "Generator's objective on Dirac-GAN", zh: 'Dirac-GAN 上生成器的目标函数' },
  'objective-discriminator': { en: "Discriminator's objective on Dirac-GAN", zh: 'Dirac-GAN 上判别器的目标函数' },
  field: { en: 'Vector field', zh: '矢量场' },
  jacobian: { en: 'Jacobian of the vector field', zh: '矢量场的雅可比矩阵' },
  'jacobian-at-equilibrium': { en: 'Jacobian at the equilibrium', zh: '均衡点处的雅可比矩阵' },
  'trace-determinant': { en: 'Trace and determinant at the equilibrium', zh: '均衡点处的迹与行列式' },
  eigenvalues: { en: 'Eigenvalues at the equilibrium', zh: '均衡点处的特征值' },
};

/** The Jacobian of any two-player game with v = (-dL_G/dtheta, dL_D/dphi) (slot J-general). */
const JACOBIAN_GENERAL: Rendered = {
  text: 'matrix([-diff(L_G, theta, 2), -diff(diff(L_G, theta), phi)], [diff(diff(L_D, phi), theta), diff(L_D, phi, 2)])',
  tex: 'J = \\begin{pmatrix} -\\nabla^{2}_{\\theta} L_{G} & -\\nabla_{\\phi} \\nabla_{\\theta} L_{G} \\\\ \\nabla_{\\theta} \\nabla_{\\phi} L_{D} & \\nabla^{2}_{\\phi} L_{D} \\end{pmatrix}',
};

const METHOD_LABELS: Record<Method, Text> = {
  simultaneous: { en: 'Simultaneous gradient steps', zh: '同步梯度下降' },
  alternating: { en: 'Alternating gradient steps', zh: '交替梯度下降' },
  extragradient: { en: 'Extragradient', zh: '外梯度法' },
  optimistic: { en: 'Optimistic gradient steps', zh: '乐观梯度下降' },
};

const MAP_DEFINITION: Record<Method, string> = {
  simultaneous: 'I + hJ',
  alternating: 'G^{n_{g}} D^{n_{d}}',
  extragradient: 'I + hJ + h^{2} J^{2}',
  optimistic: '\\begin{pmatrix} I + 2hJ & -hJ \\\\ I & 0 \\end{pmatrix}',
};

/** rho from trace T and determinant D of a 2x2 map, one branch when the sign is provable. */
function spectralRadiusRendered(trace: Expr, determinant: Expr): Rendered {
  const radicand = E.sub(E.mul(E.num(0.25), E.pow(trace, E.num(2))), determinant);
  const positive = new Set([...E.symbolsOf(radicand)]);
  const sign = signOf(radicand, positive);
  const complex = { text: `sqrt(${toNerdamer(determinant)})`, tex: `\\sqrt{${toTex(determinant)}}` };
  const real = { text: `abs(${toNerdamer(trace)})/2 + sqrt(${toNerdamer(radicand)})`, tex: `\\frac{\\left|${toTex(trace)}\\right|}{2} + \\sqrt{${toTex(radicand)}}` };
  if (sign === 'negative') return { text: complex.text, tex: `\\rho(h) = ${complex.tex}` };
  if (sign === 'positive' || sign === 'zero') return { text: real.text, tex: `\\rho(h) = ${real.tex}` };
  return {
    text: `${toNerdamer(radicand)} < 0 ? ${complex.text} : ${real.text}`,
    tex: `\\rho(h) = \\begin{cases} ${complex.tex} & \\text{if } ${toTex(radicand)} < 0 \\\\ ${real.tex} & \\text{otherwise} \\end{cases}`,
  };
}

function methodRecord(analysis: MethodAnalysis, j: Matrix2): MethodRecord {
  const { method } = analysis;
  const e = analysis.eigenvalues;
  const spread = e.imaginary ? `${e.imaginary === E.ONE ? '' : `${toTex(e.imaginary)}\\,`}i` : `\\sqrt{${toTex(e.radicand)}}`;
  const eigenvalues: Rendered = method === 'optimistic'
    ? {
        text: `${eigenvaluesText(e)}, lambda in eigenvalues(J(0, 0))`,
        tex: `\\mu = ${toTex(e.center)} \\pm ${spread}, \\quad \\lambda \\in \\operatorname{spec} J(0, 0)`,
      }
    : { text: eigenvaluesText(e), tex: `\\mu_{1,2} = ${e.center === E.ZERO ? '' : toTex(e.center)} \\pm ${spread}` };
  const map: Rendered = analysis.matrix
    ? { text: matrixText(analysis.matrix), tex: `M = ${MAP_DEFINITION[method]} = ${matrixToTex(analysis.matrix)}` }
    : { text: `matrix([I + 2*h*J, -h*J], [I, 0]), J = ${matrixText(j)}`, tex: `M = ${MAP_DEFINITION[method]}, \\quad J = ${matrixToTex(j)}` };
  const spectralRadius: Rendered = analysis.trace && analysis.determinant
    ? spectralRadiusRendered(analysis.trace, analysis.determinant)
    : { text: 'max(abs(mu))', tex: '\\rho(h) = \\max \\left|\\mu\\right|' };
  const b = analysis.bound;
  const bound = b && (b.kind === 'numeric' || !b.roots
    ? { kind: 'numeric' as const, tex: `h^{*} \\approx ${b.atDefaults.toPrecision(6)}`, atDefaults: b.atDefaults }
    : {
        kind: 'closed-form' as const,
        text: b.roots.length === 1 ? toNerdamer(b.roots[0]!) : `min(${b.roots.map((r) => toNerdamer(r)).join(', ')})`,
        tex: b.roots.length === 1
          ? `h^{*} = ${toTex(b.roots[0]!)}`
          : `h^{*} = \\min \\left\\{ r > 0 : r \\in \\left\\{ ${b.roots.map(toTex).join(', ')} \\right\\} \\right\\}`,
        atDefaults: b.atDefaults,
      });
  return { method, label: METHOD_LABELS[method], map, eigenvalues, spectralRadius, verdict: analysis.verdict, reason: analysis.reason, ...(bound ? { bound } : {}) };
}

const discreteRecords = (stage: Stage): MethodRecord[] =>
  stage.equilibrium.differentiable ? stage.discrete.map((a) => methodRecord(a, (stage.equilibrium as { jacobian: Matrix2 }).jacobian)) : [];

function numericEigenvalues(stage: Stage, defaults: Record<string, number>): NumericEigenvalues | undefined {
  if (!stage.equilibrium.differentiable) return undefined;
  const { center, radicand } = stage.equilibrium.eigenvalues;
  const c = evaluate(center, { symbols: defaults });
  const r = evaluate(radicand, { symbols: defaults });
  const s = Math.sqrt(Math.abs(r));
  return r < 0 ? { re: [c, c], im: [s, -s] } : { re: [c + s, c - s], im: [0, 0] };
}

export function buildRecord(derivation: Derivation): GameRecord {
  const { game, generic } = derivation;
  // Without an activation the generic stage is the concrete one: show it once.
  const concrete = derivation.concrete === generic ? undefined : derivation.concrete;
  const { definition } = game;
  const defaults = Object.fromEntries(game.hyperparameters.map((name) => [name, definition.hyperparameters[name]!.default]));

  const genericFormulas = stageFormulas(generic);
  const concreteFormulas = concrete ? stageFormulas(concrete) : {};
  const formulas: FormulaRecord[] = [
    { id: 'jacobian-general', label: LABELS['jacobian-general']!, generic: JACOBIAN_GENERAL },
    { id: 'discriminator', label: LABELS.discriminator!, generic: { text: definition.discriminator, tex: `D(x) = ${toTex(game.discriminator)}` } },
  ];
  if (derivation.activationDerivatives) {
    const names = ['f(t)', "f'(t)", "f''(t)", 'f^{(3)}(t)', 'f^{(4)}(t)', 'f^{(5)}(t)', 'f^{(6)}(t)'];
    const derivatives = derivation.activationDerivatives;
    formulas.push({
      id: 'activation',
      label: LABELS.activation!,
      generic: {
        text: `[${derivatives.map((d) => toNerdamer(d)).join(', ')}]`,
        tex: derivatives.map((d, k) => `${names[k]} = ${toTex(d)}`).join(', \\quad '),
      },
    });
  }
  for (const player of ['generator', 'discriminator'] as const) {
    const id = `objective-general-${player}`;
    formulas.push({ id, label: LABELS[id]!, generic: generalObjective(player, game.general[player], game.consensusWeight) });
  }
  for (const [id, rendered] of Object.entries(genericFormulas)) {
    const concreteRendered = concreteFormulas[id];
    formulas.push({ id, label: LABELS[id]!, generic: rendered, ...(concreteRendered ? { concrete: concreteRendered } : {}) });
  }

  const equilibrium: GameRecord['equilibrium'] = generic.equilibrium.differentiable
    ? {
        differentiable: true,
        eigenvalues: {
          generic: eigenvaluesRecord(generic.equilibrium.eigenvalues),
          ...(concrete?.equilibrium.differentiable ? { concrete: eigenvaluesRecord(concrete.equilibrium.eigenvalues) } : {}),
          ...(derivation.concrete ? { atDefaults: numericEigenvalues(derivation.concrete, defaults)! } : {}),
        },
      }
    : { differentiable: false, reason: generic.equilibrium.reason };

  return {
    $comment: `@generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`,
    id: definition.id,
    file: game.file,
    title: definition.title,
    summary: definition.summary,
    sources: definition.sources,
    slots: definition.slots,
    activation: definition.activation,
    hyperparameters: game.hyperparameters.map((name) => {
      const h = definition.hyperparameters[name]!;
      return { name, tex: toTex(E.sym(name)), default: h.default, range: h.range, description: h.description };
    }),
    formulas,
    equilibrium,
    verdict: derivation.verdict,
    ...(game.noise ? { noise: { symbol: EPSILON.name, sigma: toNerdamer(game.noise), tex: `\\varepsilon \\sim \\mathcal{N}(0, ${toTex(E.pow(game.noise, E.num(2)))})` } } : {}),
    constraints: game.constraints.map((c) => ({
      parameter: c.parameter,
      bound: toNerdamer(c.bound),
      tex: `${toTex(E.sym(c.parameter))} \\leftarrow \\min\\left(\\max\\left(${toTex(E.sym(c.parameter))}, -${toTex(c.bound)}\\right), ${toTex(c.bound)}\\right)`,
      // The equilibrium has the parameter at 0: a positive bound leaves a neighbourhood untouched.
      nearEquilibrium: signOf(c.bound, new Set(game.hyperparameters)) === 'positive'
        ? `inactive: the clip changes nothing where |${c.parameter}| < ${toNerdamer(c.bound)}, a neighbourhood of the equilibrium, so the local analysis is that of the unconstrained game`
        : `the bound ${toNerdamer(c.bound)} is not provably positive: the clip may act at the equilibrium`,
    })),
    kinks: kinksAnywhere(generic.objectives, game.hyperparameters),
    discrete: { generic: discreteRecords(generic), ...(concrete ? { concrete: discreteRecords(concrete) } : {}) },
    claims: definition.claims,
  };
}
