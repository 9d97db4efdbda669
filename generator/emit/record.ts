/**
 * Derivation -> the derivation record, `generated/<id>.json` (its types: contract/records.ts):
 * every formula as nerdamer text and as LaTeX (generic in f', f'', ...; concrete where f is
 * given), the hyperparameters, the eigenvalues at the equilibrium, the verdict and the
 * declared claims. Only writes: what the record states beyond the derivation is decided in
 * analyse/record-facts.ts. Its key order is fixed, so the JSON is byte-stable.
 */
import * as E from '../ir/expr.js';
import { dependsOn, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import type { Distribution, Player } from '../game.js';
import type { Derivation, Stage } from '../derive/derive.js';
import { onSide } from '../derive/equilibrium.js';
import { expand } from '../ir/expand.js';
import type { Matrix2, Vector2 } from '../derive/field.js';
import type { GeneralTerm } from '../specialise/dirac.js';
import { EPSILON } from '../specialise/dirac.js';
import { recordFacts } from '../analyse/record-facts.js';
import { toNerdamer } from '../cas/text.js';
import { factorCommon } from '../ir/factor.js';
import { matrixToTex, toTex, vectorToTex } from '../print/tex.js';
import { plainSymbol } from '../print/plain.js';
import type { NonlinearRecord } from '../analyse/analyse.js';
import { discreteRecords, numericAtOf } from './record-methods.js';
import { eigenvaluesRecord, eigenvaluesTex, eigenvaluesText, matrixFormulaTex, matrixText, vectorText } from './record-text.js';
import type { ActivationRecord, FormulaRecord, GameRecord, KinkRecord, Rendered, RuleRecord, SimulationRecord, Text } from '../contract/records.js';

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
    return on ? expand(substitute(difference, on)) : difference;
  };
  const field = stage.field.map(jump) as unknown as Vector2;
  const jacobian = stage.jacobian.map((row) => row.map(jump)) as unknown as Matrix2;
  const across = `\\left[\\,\\cdot\\,\\right]_{${toTex(u)} = 0}`;
  return {
    text: toNerdamer(u),
    tex: toTex(u),
    jump: {
      field: { text: vectorText(field), tex: `${across} v = ${vectorToTex(field)}` },
      jacobian: { text: matrixText(jacobian), tex: `${across} J = ${matrixToTex(jacobian)}` },
    },
  };
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
  return exprs.some((e) => dependsOn(e, EPSILON.name)) ? `\\mathbb{E}_{\\varepsilon}\\left[${tex}\\right]` : tex;
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
    jacobian: { text: matrixText(stage.jacobian), tex: matrixFormulaTex(`J${ARGS}`, stage.jacobian, undefined, (t) => expected(stage.jacobian.flat(), t)) },
  };
  const q = stage.equilibrium;
  if (q.differentiable) {
    formulas['jacobian-at-equilibrium'] = { text: matrixText(q.jacobian), tex: matrixFormulaTex('J(0, 0)', q.jacobian) };
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

/** The TeX names of f, f', f'', f^(3), ... */
const derivativeName = (k: number): string => (k === 0 ? 'f(t)' : k <= 2 ? `f${"'".repeat(k)}(t)` : `f^{(${k})}(t)`);

function activationRecord(definition: string, derivatives: readonly Expr[]): ActivationRecord {
  return {
    definition,
    tex: `${derivativeName(0)} = ${toTex(derivatives[0]!)}`,
    derivatives: derivatives.map((d) => ({ text: toNerdamer(d), tex: toTex(d) })),
  };
}

export function buildRecord(derivation: Derivation, nonlinear: NonlinearRecord, rules: readonly RuleRecord[], simulations: readonly SimulationRecord[]): GameRecord {
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
          ? {
              en: `inactive: the clip changes nothing where |${c.parameter}| < ${bound.text}, a neighbourhood of the equilibrium, so the local analysis is that of the unconstrained game`,
              zh: `不起作用：在均衡点的邻域 |${c.parameter}| < ${bound.text} 内裁剪不改变任何东西，因此局部分析与无约束博弈相同`,
            }
          : { en: `the bound ${bound.text} is not provably positive: the clip may act at the equilibrium`, zh: `界 ${bound.text} 不能证明为正：裁剪可能在均衡点处起作用` },
      };
    }),
    kinks: facts.kinks.map((u) => kinkRecord(u, concrete ?? generic)),
    discrete: {
      generic: discreteRecords(generic, facts.methods.generic, definition.activation === 'abstract' ? numericAtOf(generic) : ''),
      ...(concrete && facts.methods.concrete ? { concrete: discreteRecords(concrete, facts.methods.concrete) } : {}),
    },
    rules,
    rulesElsewhere: [],
    simulations,
    nonlinear,
    notes: game.notes,
    claims: definition.claims,
  };
}
