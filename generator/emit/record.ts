/**
 * Derivation -> the derivation record, `generated/<id>.json` (its types: contract/records.ts):
 * every formula as nerdamer text and as LaTeX (generic in f', f'', ...; concrete where f is
 * given), the hyperparameters, the eigenvalues at the equilibrium, the verdict and the
 * declared claims. Only writes: what the record states beyond the derivation is decided in
 * analyse/record-facts.ts. Its key order is fixed, so the JSON is byte-stable.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import type { Distribution, Player } from '../game.js';
import type { Derivation, Stage } from '../derive/derive.js';
import type { Eigenvalues } from '../derive/equilibrium.js';
import { onSide } from '../derive/equilibrium.js';
import { expand } from '../ir/expand.js';
import type { Matrix2, Vector2 } from '../derive/field.js';
import type { GeneralTerm } from '../specialise/dirac.js';
import { EPSILON } from '../specialise/dirac.js';
import { recordFacts } from '../analyse/record-facts.js';
import type { MethodFacts, SpectralRadiusCases } from '../analyse/record-facts.js';
import { toNerdamer } from '../cas/text.js';
import { factorCommon } from '../ir/factor.js';
import { matrixToTex, toTex, vectorToTex } from '../print/tex.js';
import { plainSymbol } from '../print/plain.js';
import type { NonlinearRecord } from '../analyse/analyse.js';
import type { ActivationRecord, BoundRecord, EigenvaluesRecord, FormulaRecord, GameRecord, KinkRecord, Method, MethodRecord, Rendered, Text } from '../contract/records.js';

// The command line writes records of this type.
export type { GameRecord };

const PLAYER_TEX: Record<Player, string> = { generator: 'L_{G}', discriminator: 'L_{D}' };
const DISTRIBUTION_TEX: Record<Distribution, string> = {
  data: 'x \\sim p_{\\mathcal{D}}',
  generator: 'x \\sim p_{\\theta}',
  interpolated: 'x \\sim p_{\\hat{x}}',
  pair: 'x_{r} \\sim p_{\\mathcal{D}},\\, x_{f} \\sim p_{\\theta}',
};
const ARGS = '(\\theta, \\phi)';

/** A kink and the jump of the field and of its Jacobian across it (on the line, where u is a parameter). */
function kinkRecord(u: Expr, stage: Stage): KinkRecord {
  const on = u.kind === 'sym' ? new Map([[u.name, E.ZERO]]) : undefined;
  const jump = (e: Expr): Expr => {
    const difference = expand(E.sub(onSide(e, u, 'positive'), onSide(e, u, 'negative')));
    return on ? expand(E.substitute(difference, on)) : difference;
  };
  const field = stage.field.map(jump) as unknown as Vector2;
  const jacobian = stage.jacobian.map((row) => row.map(jump)) as unknown as Matrix2;
  const across = `\left[\,\cdot\,\right]_{${toTex(u)} = 0}`;
  return {
    text: toNerdamer(u),
    tex: toTex(u),
    jump: {
      field: { text: vectorText(field), tex: `${across} v = ${vectorToTex(field)}` },
      jacobian: { text: matrixText(jacobian), tex: `${across} J = ${matrixToTex(jacobian)}` },
    },
  };
}

const vectorText = (v: Vector2): string => `[${v.map((x) => toNerdamer(x)).join(', ')}]`;
const matrixText = (m: Matrix2): string => `matrix(${m.map((row) => vectorText(row)).join(', ')})`;

/** "c +- i*m" or "c +- sqrt(r)", the eigenvalue pair as text. */
function eigenvaluesText(e: Eigenvalues): string {
  const center = e.center === E.ZERO ? '' : `${toNerdamer(e.center)} `;
  if (e.imaginary) return `${center}+-${toNerdamer(E.mul(e.imaginary, E.sym('i')))}`;
  if (e.radicand === E.ZERO) return `${toNerdamer(e.center)} (double)`;
  return `${center}+-sqrt(${toNerdamer(e.radicand)})`;
}

/** The pair's value as TeX, "c \\pm s" (c alone for a double eigenvalue). */
function eigenvaluesValueTex(e: Eigenvalues): string {
  if (e.radicand === E.ZERO) return toTex(e.center);
  const spread = e.imaginary
    ? `${e.imaginary === E.ONE ? '' : `${toTex(e.imaginary)}\\,`}i`
    : `\\sqrt{${toTex(e.radicand)}}`;
  return `${e.center === E.ZERO ? '' : `${toTex(e.center)} `}\\pm ${spread}`;
}

const eigenvaluesTex = (e: Eigenvalues): string =>
  `${e.radicand === E.ZERO ? '\\lambda_{1} = \\lambda_{2}' : '\\lambda_{1,2}'} = ${eigenvaluesValueTex(e)}`;

const eigenvaluesRecord = (e: Eigenvalues): EigenvaluesRecord =>
  ({ text: eigenvaluesText(e), tex: eigenvaluesValueTex(e), center: toNerdamer(e.center), radicand: toNerdamer(e.radicand) });

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
  alternating: 'D^{n_{d}} G^{n_{g}}',
  extragradient: 'I + hJ + h^{2} J^{2}',
  optimistic: '\\begin{pmatrix} I + 2hJ & -hJ \\\\ I & 0 \\end{pmatrix}',
};

/** rho from trace T and determinant D of a 2x2 map, one branch when the sign is provable. */
function spectralRadiusRendered({ trace, determinant, radicand, sign }: SpectralRadiusCases): Rendered {
  // Built in the IR, so that sqrt(1) is 1 and the printers' forms apply.
  const modulus = E.sqrt(determinant);
  const largest = E.add(E.mul(E.num(0.5), E.call('abs', trace)), E.sqrt(radicand));
  const complex = { text: toNerdamer(modulus), tex: toTex(modulus) };
  const real = { text: toNerdamer(largest), tex: toTex(largest) };
  if (sign === 'negative') return { text: complex.text, tex: `\\rho(h) = ${complex.tex}` };
  if (sign === 'positive' || sign === 'zero') return { text: real.text, tex: `\\rho(h) = ${real.tex}` };
  return {
    text: `${toNerdamer(radicand)} < 0 ? ${complex.text} : ${real.text}`,
    tex: `\\rho(h) = \\begin{cases} ${complex.tex} & \\text{if } ${toTex(radicand)} < 0 \\\\ ${real.tex} & \\text{otherwise} \\end{cases}`,
  };
}

/** `numericAt`: TeX after a numeric bound, saying at which values of f^(k)(0) it was found (f abstract). */
function methodRecord({ analysis, spectralRadius: cases }: MethodFacts, j: Matrix2, numericAt: string): MethodRecord {
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
  const spectralRadius: Rendered = cases
    ? spectralRadiusRendered(cases)
    : { text: 'max(abs(mu))', tex: '\\rho(h) = \\max \\left|\\mu\\right|' };
  const b = analysis.bound;
  const bound: BoundRecord | undefined = b && (b.kind === 'numeric' || !b.roots
    ? { kind: 'numeric' as const, tex: `h^{*} \\approx ${b.atDefaults.toPrecision(6)}${numericAt}`, atDefaults: b.atDefaults }
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

const discreteRecords = (stage: Stage, methods: readonly MethodFacts[], numericAt = ''): MethodRecord[] =>
  stage.equilibrium.differentiable ? methods.map((m) => methodRecord(m, (stage.equilibrium as { jacobian: Matrix2 }).jacobian, numericAt)) : [];

/** With f abstract, a bound found numerically is found at f'(0) = 1 and f^(k)(0) = 0 above (derive.ts environmentOf): said in its TeX. */
function numericAtOf(stage: Stage): string {
  if (!stage.equilibrium.differentiable) return '';
  const orders = new Set(stage.equilibrium.jacobian.flat().flatMap((e) => E.nodesOf(e).flatMap((n) => (n.kind === 'activation' ? [n.order] : []))));
  if (orders.size === 0) return '';
  return ` \\quad \\text{at } f'(0) = 1${[...orders].some((k) => k >= 2) ? ',\\ f^{(k)}(0) = 0 \\ (k \\ge 2)' : ''}`;
}

/** The TeX names of f, f', f'', f^(3), ... */
const derivativeName = (k: number): string => (k === 0 ? 'f(t)' : k <= 2 ? `f${"'".repeat(k)}(t)` : `f^{(${k})}(t)`);

function activationRecord(definition: string, derivatives: readonly Expr[]): ActivationRecord {
  return {
    definition,
    tex: `${derivativeName(0)} = ${toTex(derivatives[0]!)}`,
    derivatives: derivatives.map((d) => ({ text: toNerdamer(d), tex: toTex(d) })),
  };
}

export function buildRecord(derivation: Derivation, nonlinear: NonlinearRecord): GameRecord {
  const { game, generic } = derivation;
  // Without an activation the generic stage is the concrete one: show it once.
  const concrete = derivation.concrete === generic ? undefined : derivation.concrete;
  const { definition } = game;
  const facts = recordFacts(derivation);

  const genericFormulas = stageFormulas(generic);
  const concreteFormulas = concrete ? stageFormulas(concrete) : {};
  const formulas: FormulaRecord[] = [
    { id: 'jacobian-general', label: LABELS['jacobian-general']!, generic: JACOBIAN_GENERAL },
    { id: 'discriminator', label: LABELS.discriminator!, generic: { text: definition.discriminator, tex: `D(x) = ${toTex(game.discriminator)}` } },
  ];
  const derivatives = facts.activationDerivatives;
  if (derivatives) {
    formulas.push({
      id: 'activation',
      label: LABELS.activation!,
      generic: {
        text: `[${derivatives.map((d) => toNerdamer(d)).join(', ')}]`,
        tex: derivatives.map((d, k) => `${derivativeName(k)} = ${toTex(d)}`).join(', \\quad '),
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
          ...(facts.eigenvaluesAtDefaults ? { atDefaults: facts.eigenvaluesAtDefaults } : {}),
        },
      }
    : { differentiable: false, reason: generic.equilibrium.reason };

  const activation = definition.activation;
  return {
    $comment: `@generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`,
    id: definition.id,
    file: game.file,
    title: definition.title,
    summary: definition.summary,
    sources: definition.sources,
    slots: definition.slots,
    // A concrete f is derived, so its derivatives are there.
    activation: typeof activation === 'object' ? activationRecord(activation.definition, derivatives!) : activation,
    hyperparameters: game.hyperparameters.map((name) => {
      const h = definition.hyperparameters[name]!;
      return { name, symbol: plainSymbol(name), tex: toTex(E.sym(name)), default: h.default, range: h.range, description: h.description };
    }),
    formulas,
    equilibrium,
    verdict: derivation.verdict,
    ...(game.noise ? { noise: { symbol: EPSILON.name, sigma: toNerdamer(game.noise), tex: `\\varepsilon \\sim \\mathcal{N}(0, ${toTex(E.pow(game.noise, E.num(2)))})` } } : {}),
    constraints: facts.constraints.map((c) => {
      const p = toTex(E.sym(c.parameter));
      const bound = { text: toNerdamer(c.bound), tex: toTex(c.bound) };
      return {
        parameter: c.parameter,
        bound: { ...bound, terms: c.terms, atDefaults: c.atDefaults },
        tex: `${p} \\leftarrow \\min\\left(\\max\\left(${p}, -${bound.tex}\\right), ${bound.tex}\\right)`,
        nearEquilibrium: c.inactiveNearEquilibrium
          ? `inactive: the clip changes nothing where |${c.parameter}| < ${bound.text}, a neighbourhood of the equilibrium, so the local analysis is that of the unconstrained game`
          : `the bound ${bound.text} is not provably positive: the clip may act at the equilibrium`,
      };
    }),
    kinks: facts.kinks.map((u) => kinkRecord(u, concrete ?? generic)),
    discrete: {
      generic: discreteRecords(generic, facts.methods.generic, definition.activation === 'abstract' ? numericAtOf(generic) : ''),
      ...(concrete && facts.methods.concrete ? { concrete: discreteRecords(concrete, facts.methods.concrete) } : {}),
    },
    nonlinear,
    notes: game.notes,
    claims: definition.claims,
  };
}
