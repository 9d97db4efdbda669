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
import { computation, expectation, hyperparameterLocals, intoOut } from './blocks.js';
import { toTs } from '../../print/ts.js';
import { onSide } from '../../derive/equilibrium.js';
import { toNerdamer } from '../../cas/text.js';
import {
  FAST_PARAMETERS, THETA_PHI, display, docs, expectedTex, exportedFunction, exportedInterface, noiseDoc, numberProperty, outParameter, paramsParameter, quote,
} from './context.js';
import type { Context, Statement } from './context.js';

/** The module's table of what the checked entry points check of p (runtime/training.ts, ParameterTable). */
export const PARAMETER_TABLE = 'parameterTable';
const CHECK_PARAMS = `checkedParameters(${PARAMETER_TABLE}, p);`;

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

/** The doc of a fallback in unbounded exponents. */
const wideDocs = (checked: string): string[] => [
  `${checked} in unbounded-exponent arithmetic (runtime/wide.ts): what the checked ${checked} returns where an input is beyond 2^32 or below 2^-32 in magnitude, or the double-precision formula is not finite, since a product may then overflow or underflow on the way to the value (Infinity * 0, Infinity - Infinity); +-Infinity only where the value itself is out of a double's range.`,
];

/** Whether the double-precision formulas may be used: every input of moderate magnitude
 * (runtime/wide.ts); `params`: the name of the parameters in the function. */
const moderateInputs = (context: Context, params: string): string =>
  `moderate(${['theta', 'phi', ...context.hyperparameters.map((h) => `${params}.${h}`)].join(', ')})`;

/** The local the objectives' checked entry points hold their value in before testing it. */
const OBJECTIVE = 'objective';

export function objectives(context: Context): Statement[] {
  const players = [
    ['generatorLoss', 'generator', 'L_G', 'The generator\'s objective, which it descends'],
    ['discriminatorLoss', 'discriminator', 'L_D', 'The discriminator\'s objective, which it ascends'],
  ] as const;
  const regularised = context.regularised ? ', regularisers included' : '';
  return players.flatMap(([name, player, symbol, what]) => {
    const objective = context.stage.objectives[player];
    const { lines, outputs } = expectation(context, [objective], ['loss'], [OBJECTIVE]);
    const wideBlock = expectation(wideContext(context), [objective], ['loss'], [OBJECTIVE]);
    return [
      exportedFunction({
        name,
        docs: docs(context, `${what}${regularised} (checked):`, display(`${symbol}(\\theta, \\phi) = ${expectedTex([objective], toTex(objective))}`), ...noiseDoc(context, [objective])),
        parameters: [...THETA_PHI, paramsParameter(context)],
        returnType: 'number',
        statements: [
          'checkPoint(theta, phi);', CHECK_PARAMS, ...hyperparameterLocals(context, [objective]), ...lines,
          `const ${OBJECTIVE} = ${outputs[0]};`,
          `return ${moderateInputs(context, 'p')} && Number.isFinite(${OBJECTIVE}) ? ${OBJECTIVE} : ${name}Wide(theta, phi, p);`,
        ],
      }),
      {
        kind: StructureKind.Function,
        name: `${name}Wide`,
        docs: docs(context, ...wideDocs(name)),
        parameters: [...THETA_PHI, { name: 'p', type: 'Params' }],
        returnType: 'number',
        statements: [...hyperparameterLocals(context, [objective]), ...wideBlock.lines, `return wide.narrow(${wideBlock.outputs[0]});`],
      },
    ];
  });
}

/** A checked entry point that calls its unchecked fast path, the fast path, and the fallback
 * in unbounded exponents for where the fast path overflows; `body` prints the outputs into out. */
function checkedAndFast(context: Context, name: string, formulaDocs: string[], length: number, body: (context: Context) => Statement[], before: readonly Statement[] = []): Statement[] {
  return [
    exportedFunction({
      name,
      docs: docs(context, ...formulaDocs),
      parameters: [...THETA_PHI, paramsParameter(context), outParameter(length)],
      returnType: 'Float64Array',
      statements: [
        'checkPoint(theta, phi);',
        `const checked = ${CHECK_PARAMS.slice(0, -1)};`,
        ...before,
        `return ${moderateInputs(context, 'checked')} && allFinite(${name}Unchecked(theta, phi, checked, out)) ? out : ${name}Wide(theta, phi, checked, out);`,
      ],
    }),
    exportedFunction({
      name: `${name}Unchecked`,
      docs: docs(context, `${name} unchecked, with no default \`out\` to allocate: the fast path for loops over many points (in doubles: where a product overflows or underflows, NaN, +-Infinity or a lost term; the checked ${name} recomputes there in unbounded exponents).`),
      parameters: [...THETA_PHI, ...FAST_PARAMETERS],
      returnType: 'Float64Array',
      statements: body(context),
    }),
    {
      kind: StructureKind.Function,
      name: `${name}Wide`,
      docs: docs(context, ...wideDocs(name)),
      parameters: [...THETA_PHI, ...FAST_PARAMETERS],
      returnType: 'Float64Array',
      statements: body(wideContext(context)),
    },
  ];
}

/** The name of the Jacobian on the k-th kink. */
const onKinkName = (k: number): string => `jacobianOnKink${k === 0 ? '' : k + 1}`;

/** On a kink u = 0 the Jacobian does not exist: the checked jacobian returns the limit from
 * the side u > 0 (each kinked function replaced by its form there), never sign(0) = 0. */
function jacobianOnKinks(context: Context): { checks: Statement[]; functions: Statement[] } {
  const jacobian = context.stage.jacobian.flat();
  const checks = context.kinks.length === 0 ? [] : [
    '// On a kink of the field the Jacobian does not exist: the limit from the side where its expression is positive.',
    ...hyperparameterLocals(context, context.kinks),
    ...context.kinks.map((u, k) => `if (${toTs(u)} === 0) return ${onKinkName(k)}(theta, phi, checked, out);`),
  ];
  const functions: Statement[] = context.kinks.map((u, k) => ({
    kind: StructureKind.Function,
    name: onKinkName(k),
    docs: docs(context, `The Jacobian's limit from the side ${toNerdamer(u)} > 0, for points on the kink ${toNerdamer(u)} = 0 (the record's kinks, with the jump across it).`),
    parameters: [...THETA_PHI, ...FAST_PARAMETERS],
    returnType: 'Float64Array',
    statements: intoOut(context, jacobian.map((e) => onSide(e, u, 'positive')), ['j00', 'j01', 'j10', 'j11']),
  }));
  return { checks, functions };
}

export function fieldAndJacobian(context: Context): Statement[] {
  const { field, jacobian } = context.stage;
  const onKinks = jacobianOnKinks(context);
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
    ], 4, (c) => intoOut(c, jacobian.flat(), ['j00', 'j01', 'j10', 'j11']), onKinks.checks),
    ...onKinks.functions,
  ];
}

/** The Jacobian at the equilibrium, unchecked, for the runtime's update maps (not exported: equilibriumEigenvalues is its public face). */
export const EQUILIBRIUM_JACOBIAN = 'equilibriumJacobian';

export function equilibrium(context: Context): Statement[] {
  const eq = context.stage.equilibrium;
  if (!eq.differentiable) {
    return [{
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: docs(context, 'Why the Jacobian, and so its eigenvalues, do not exist at the equilibrium (theta, phi) = (0, 0); there is no `equilibriumEigenvalues` for this game.'),
      declarations: [{ name: 'equilibriumNotDifferentiable', initializer: quote(eq.reason) }],
    }];
  }
  const { center, radicand, imaginary } = eq.eigenvalues;
  const eigenvaluesTex = `\\lambda_{1,2} = ${toTex(center)} \\pm \\sqrt{${toTex(radicand)}}${imaginary ? ` = ${toTex(center)} \\pm i ${toTex(imaginary)}` : ''}`;
  const { lines, outputs } = computation(context, [center, radicand]);
  const entries = eq.jacobian.flat();
  return [
    exportedFunction({
      name: 'equilibriumEigenvalues',
      docs: docs(context, 'The eigenvalues of the Jacobian at the equilibrium (theta, phi) = (0, 0), from its trace and determinant, complex when the radicand is negative (checked):', display(`J(0, 0) = ${matrixToTex(eq.jacobian)}`), display(eigenvaluesTex)),
      parameters: [paramsParameter(context)],
      returnType: '{ re: [number, number]; im: [number, number] }',
      statements: [CHECK_PARAMS, ...hyperparameterLocals(context, [center, radicand]), ...lines, `return eigenvaluePair(${outputs[0]}, ${outputs[1]});`],
    }),
    {
      kind: StructureKind.Function,
      name: EQUILIBRIUM_JACOBIAN,
      docs: [`J(0, 0), row-major into out, unchecked: what the runtime builds the update maps of the training methods from.`],
      parameters: [...FAST_PARAMETERS],
      returnType: 'Float64Array',
      statements: intoOut(context, entries, ['j00', 'j01', 'j10', 'j11']),
    },
  ];
}
