/**
 * The continuous-time part of a game module: its parameters (and the table the runtime
 * checks them against), both players' objectives, the vector field and its Jacobian
 * (checked, and unchecked fast paths), and the equilibrium: the Jacobian there and its
 * eigenvalues, or why there is none.
 */
import { StructureKind, VariableDeclarationKind } from '../ts-morph.js';
import type { StatementStructures } from 'ts-morph';
import * as E from '../../ir/expr.js';
import type { Derivation } from '../../derive/derive.js';
import { activationProperty } from '../../vocabulary/activation.js';
import { matrixToTex, toTex, vectorToTex } from '../../print/tex.js';
import { computation, hyperparameterLocals } from './blocks.js';
import { expectation, intoOut } from './noise.js';
import { toTs } from '../../print/ts.js';
import { onSide } from '../../derive/equilibrium.js';
import { toNerdamer } from '../../cas/text.js';
import {
  FAST_PARAMETERS, THETA_PHI, display, docs, expectedTex, exportedFunction, exportedInterface, noiseDoc, numberProperty, paramsParameter, quote, arrow, call, constStatement,
} from './context.js';
import type { Context, Line, Statement } from './context.js';

/** The module's table of what the checked entry points check of p (runtime/training.ts, ParameterTable). */
export const PARAMETER_TABLE = 'parameterTable';
const CHECK_PARAMS = `checkedParameters(${PARAMETER_TABLE}, p);`;
/** The module's J(0, 0) into out, which equilibriumEigenvalues and the stability table share. */
export const EQUILIBRIUM_JACOBIAN = 'equilibriumJacobian';

/** Params (and Activation, when f is abstract), the defaults when there can be any, and the parameter table. */
export function parameterTypes(context: Context, derivation: Derivation): Statement[] {
  const { hyperparameters: definitions, title } = derivation.game.definition;
  const members = context.hyperparameters.map((name) => {
    const h = definitions[name]!;
    return numberProperty(name, `${h.description.en} (default ${h.default}, range [${h.range[0]}, ${h.range[1]}]).`);
  });
  const table: StatementStructures = {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['What the checked entry points check of the parameters p.'],
    declarations: [{
      name: PARAMETER_TABLE,
      type: 'ParameterTable<Params>',
      initializer: `{ hyperparameters: [${context.hyperparameters.map(quote).join(', ')}], ranges: [${context.hyperparameters.map((name) => `[${definitions[name]!.range.join(', ')}]`).join(', ')}], activationOrder: ${context.abstract ? context.activationOrder : -1}${context.abstract ? '' : ', defaults'} }`,
    }],
  };
  if (context.abstract) {
    const derivatives = Array.from({ length: context.activationOrder + 1 }, (_, k) => ({
      name: activationProperty(k), type: '(t: number) => number', isReadonly: true, docs: [`$${toTex(E.activation(k, E.sym('t')))}$`],
    }));
    const activation = { name: 'activation', type: 'Activation', isReadonly: true, docs: ['f and its derivatives.'] };
    return [
      exportedInterface('Activation', docs(context, 'The activation f and its derivatives, which this game leaves abstract: `d<k>(t)` is $f^{(k)}(t)$.'), derivatives),
      exportedInterface('Params', docs(context, `Parameters of ${title.en}: the activation${members.length > 0 ? ' and the hyperparameters' : ''}.`), [activation, ...members]),
      table,
    ];
  }
  // Without hyperparameters, Params admits only {} (an empty interface would admit anything).
  const params: StatementStructures = members.length === 0
    ? { kind: StructureKind.TypeAlias, name: 'Params', isExported: true, type: 'Readonly<Record<string, never>>', docs: docs(context, `${title.en} has no hyperparameters.`) }
    : exportedInterface('Params', docs(context, `The hyperparameters of ${title.en}.`), members);
  const values = context.hyperparameters.map((name) => `${name}: ${definitions[name]!.default}`);
  const defaults: StatementStructures = {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: docs(context, 'The default hyperparameters.'),
    declarations: [{ name: 'defaults', type: 'Params', initializer: values.length === 0 ? '{}' : `{ ${values.join(', ')} }` }],
  };
  return [params, defaults, table];
}


/** The context that prints the formulas in unbounded-exponent arithmetic (runtime/wide.ts). */
const wideContext = (context: Context): Context => ({ ...context, wide: true });

/** The signature of a checked entry point: p optional unless f is abstract, out optional. */
const checkedSignature = (context: Context, out: boolean): string => `(theta: number, phi: number, p${context.abstract ? '' : '?'}: Params${out ? ', out?: Float64Array' : ''}) => ${out ? 'Float64Array' : 'number'}`;

/** Both players' objectives, checked, each from its formula in doubles and in unbounded exponents (runtime/checked.ts). */
export function objectives(context: Context): Statement[] {
  const players = [
    ['generatorLoss', 'generator', 'L_G', 'The generator\'s objective, which it descends'],
    ['discriminatorLoss', 'discriminator', 'L_D', 'The discriminator\'s objective, which it ascends'],
  ] as const;
  const regularised = context.regularised ? ', regularisers included' : '';
  return players.map(([name, player, symbol, what]) => {
    const objective = context.stage.objectives[player];
    const body = (c: Context): Line[] => {
      const { lines, outputs } = expectation(c, [objective], ['loss']);
      return [...hyperparameterLocals(c, [objective]), ...lines, `return ${c.wide ? `wide.narrow(${outputs[0]})` : outputs[0]};`];
    };
    // The same objective for both players (a zero-sum game without regularisers): one function.
    const same = player === 'discriminator' && objective === context.stage.objectives.generator;
    const formula = same ? `The same function as generatorLoss, the game being zero-sum: ${what.charAt(0).toLowerCase()}${what.slice(1)}` : what;
    return constStatement(name, same ? 'generatorLoss' : call('checkedObjective', [PARAMETER_TABLE, arrow('theta, phi, p', body(context)), arrow('theta, phi, p', body(wideContext(context)))]), {
      type: checkedSignature(context, false),
      docs: docs(context, `${formula}${regularised} (checked):`, display(`${symbol}(\\theta, \\phi) = ${expectedTex([objective], toTex(objective))}`), ...noiseDoc(context, [objective])),
    });
  });
}

/** A checked entry point over its unchecked fast path (exported), with the formulas again in
 * unbounded exponents for where the fast path may have lost a value (runtime/checked.ts);
 * `body` prints the outputs into out; `special`, a function answering for some points first. */
function checkedAndFast(context: Context, name: string, formulaDocs: string[], length: number, body: (context: Context) => Statement[], special?: string): Statement[] {
  return [
    constStatement(name, call('checkedMap', [PARAMETER_TABLE, String(length), `${name}Unchecked`, arrow('theta, phi, p, out', body(wideContext(context)) as Line[]), ...(special ? [special] : [])]), {
      type: checkedSignature(context, true),
      docs: docs(context, ...formulaDocs),
    }),
    exportedFunction({
      name: `${name}Unchecked`,
      docs: docs(context, `${name} unchecked, with no default \`out\` to allocate: the fast path for loops over many points (in doubles: where a product overflows or underflows, NaN, +-Infinity or a lost term; the checked ${name} recomputes there in unbounded exponents).`),
      parameters: [...THETA_PHI, ...FAST_PARAMETERS],
      returnType: 'Float64Array',
      statements: body(context),
    }),
  ];
}

/** The name of the Jacobian on the k-th kink. */
const onKinkName = (k: number): string => `jacobianOnKink${k === 0 ? '' : k + 1}`;

/** On a kink u = 0 the Jacobian does not exist: the checked jacobian returns the limit from
 * the side u > 0 (each kinked function replaced by its form there), never sign(0) = 0. */
function jacobianOnKinks(context: Context): Statement[] {
  const jacobian = context.stage.jacobian.flat();
  if (context.kinks.length === 0) return [];
  const sides: Statement[] = context.kinks.map((u, k) => ({
    kind: StructureKind.Function,
    name: onKinkName(k),
    docs: docs(context, `The Jacobian's limit from the side ${toNerdamer(u)} > 0, for points on the kink ${toNerdamer(u)} = 0 (the record's kinks, with the jump across it).`),
    parameters: [...THETA_PHI, ...FAST_PARAMETERS],
    returnType: 'Float64Array',
    statements: intoOut(context, jacobian.map((e) => onSide(e, u, 'positive')), ['j00', 'j01', 'j10', 'j11']),
  }));
  return [...sides, {
    kind: StructureKind.Function,
    name: ON_KINKS,
    docs: docs(context, 'On a kink of the field the Jacobian does not exist: the limit from the side where its expression is positive; undefined off the kinks.'),
    parameters: [...THETA_PHI, ...FAST_PARAMETERS],
    returnType: 'Float64Array | undefined',
    statements: [
      ...hyperparameterLocals(context, context.kinks),
      ...context.kinks.map((u, k) => `if (${toTs(u)} === 0) return ${onKinkName(k)}(theta, phi, p, out);`),
      'return undefined;',
    ],
  }];
}

/** The function that answers for the points on a kink (jacobianOnKinks). */
const ON_KINKS = 'jacobianOnKinks';

export function fieldAndJacobian(context: Context): Statement[] {
  const { field, jacobian } = context.stage;
  const unconstrained = context.constraints.length === 0 ? [] : [`This is the field of the unconstrained game: the clipping of ${context.constraints.map((c) => c.parameter).join(' and ')} is a projection the training steps apply after each update, not part of the field.`];
  return [
    ...checkedAndFast(context, 'vectorField', [
      'The vector field of the training dynamics (checked; the fast path is vectorFieldUnchecked): the generator descends its objective, the discriminator ascends its own (Mescheder et al. 2018, eq. 2):',
      display(`v(\\theta, \\phi) = \\begin{pmatrix} -\\partial_{\\theta} L_G \\\\ \\partial_{\\phi} L_D \\end{pmatrix} = ${expectedTex(field, vectorToTex(field))}`),
      ...noiseDoc(context, field), ...unconstrained,
    ], 2, (c) => intoOut(c, field, ['vTheta', 'vPhi'])),
    ...checkedAndFast(context, 'jacobian', [
      'The Jacobian of the vector field, row-major in `out` (out[1] is the derivative of v_theta in phi; checked, the fast path is jacobianUnchecked):',
      display(`J(\\theta, \\phi) = ${expectedTex(jacobian.flat(), matrixToTex(jacobian))}`),
      ...noiseDoc(context, jacobian.flat()), ...(unconstrained.length > 0 ? ['The Jacobian of the unconstrained field: the clipping the training steps apply is not part of it.'] : []),
      ...(context.kinks.length > 0 ? [`On a kink of the field (where ${context.kinks.map((u) => `${toNerdamer(u)} = 0`).join(' or ')}) the Jacobian does not exist; there this returns its limit from the side where the kink's expression is positive (the record's \`kinks\` give the jump across each).`] : []),
    ], 4, (c) => intoOut(c, jacobian.flat(), ['j00', 'j01', 'j10', 'j11']), context.kinks.length > 0 ? ON_KINKS : undefined),
    ...jacobianOnKinks(context),
  ];
}

export function equilibrium(context: Context): Statement[] {
  const eq = context.stage.equilibrium;
  if (!eq.differentiable) {
    const moved = eq.verdict === 'not-an-equilibrium';
    return [{
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: docs(context, moved
        ? 'Why (theta, phi) = (0, 0) is not an equilibrium of this game: the field there is not 0, a regulariser moved the equilibrium. The analysis beyond the linearisation looks for the equilibria where they are and gives each one it finds a verdict (`flowEquilibria`, where it finds any; the record\'s `nonlinear`), and the record\'s `rulesElsewhere` linearise the training methods at them; there is no `equilibriumEigenvalues` at (0, 0).'
        : 'Why the Jacobian, and so its eigenvalues, do not exist at the equilibrium (theta, phi) = (0, 0); there is no `equilibriumEigenvalues` for this game.'),
      declarations: [{ name: moved ? 'originNotAnEquilibrium' : 'equilibriumNotDifferentiable', initializer: quote(eq.reason) }],
    }];
  }
  const { center, radicand, imaginary } = eq.eigenvalues;
  const eigenvaluesTex = `\\lambda_{1,2} = ${toTex(center)} \\pm \\sqrt{${toTex(radicand)}}${imaginary ? ` = ${toTex(center)} \\pm i ${toTex(imaginary)}` : ''}`;
  const entries = eq.jacobian.flat();
  const { lines, outputs } = computation(context, entries, ['out']);
  return [
    {
      kind: StructureKind.Function,
      name: EQUILIBRIUM_JACOBIAN,
      docs: docs(context, 'J(0, 0), row-major into out (unchecked): the eigenvalues below, and the update maps of the training methods (runtime/training.ts, defineStability), are computed from its numbers.'),
      parameters: FAST_PARAMETERS,
      returnType: 'Float64Array',
      statements: [...hyperparameterLocals(context, entries), ...lines, ...outputs.map((x, i) => `out[${i}] = ${x};`), 'return out;'],
    },
    exportedFunction({
      name: 'equilibriumEigenvalues',
      docs: docs(context, 'The eigenvalues of the Jacobian at the equilibrium (theta, phi) = (0, 0), complex when the radicand is negative (checked; computed from the numbers of J(0, 0), the smaller of two real ones as det J over the larger, so that it keeps its digits: runtime/linear.ts, eigenvalues2):', display(`J(0, 0) = ${matrixToTex(eq.jacobian)}`), display(eigenvaluesTex)),
      parameters: [paramsParameter(context)],
      returnType: '{ re: [number, number]; im: [number, number] }',
      statements: [CHECK_PARAMS, `return eigenvaluesOf(${EQUILIBRIUM_JACOBIAN}(p, new Float64Array(4)));`],
    }),
  ];
}
