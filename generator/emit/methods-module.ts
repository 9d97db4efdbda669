/**
 * Emit: generated/methods.ts, every training method of methods/ compiled for any game of
 * generated/: one step function per method and variant (methods/compile.ts: the rule traced
 * into straight-line code around the game's field and Jacobian), and, where the update is
 * differentiable at an equilibrium, the update map's Jacobian there as M(J) = I + N(J), N printed
 * from the linearisation the records come from (methods/analyse.ts). The runtime's method-steps.ts
 * builds the rest from these: start states, spectral radius, learning-rate bound.
 */
import { StructureKind, VariableDeclarationKind } from './ts-morph.js';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { substitute, symbolsOf } from '../ir/traverse.js';
import { definitionToTs, toTs } from '../print/ts.js';
import { eliminateCommonSubexpressions } from './cse.js';
import { printModule, runtimeImports } from './evaluator/imports.js';
import type { Statement } from './evaluator/context.js';
import { GENERATED_MARK } from './write.js';
import type { MethodDefinition } from '../method.js';
import { VARIANTS } from '../methods/context.js';
import type { Variant } from '../methods/context.js';
import { RATE_NAMES, partsOf, readsOf, stepBody, traceStep } from '../methods/compile.js';
import { DIRAC_PLAYERS, jacobianSymbol, linearisedMap } from '../methods/analyse.js';
import { RATE_SYMBOLS } from '../methods/linearise.js';
import { namespaceOf } from '../game.js';

/** momentum -> Momentum. */
const typeName = (method: MethodDefinition): string => {
  const name = namespaceOf(method.id);
  return name[0]!.toUpperCase() + name.slice(1);
};
const hyperparametersType = (method: MethodDefinition): string => `${typeName(method)}Hyperparameters`;
const functionName = (method: MethodDefinition, variant: Variant, what: 'Step' | 'UpdateIncrement'): string =>
  `${namespaceOf(method.id)}${variant === 'alternating' ? 'Alternating' : ''}${what}`;

const VARIANT_TEXT: Readonly<Record<Variant, string>> = {
  simultaneous: 'every player at once',
  alternating: "the generator's part of the step, then the discriminator's from where the generator left",
};

/** The doc comment's text, safe inside a comment. */
const comment = (text: string): string => text.replaceAll('*/', '* /');

function stepFunction(method: MethodDefinition, variant: Variant): Statement {
  const hyperparameters = Object.keys(method.hyperparameters ?? {});
  const layout = partsOf(method).map((part, k) => `${part} = state[${2 * k}..${2 * k + 1}]`).join(', ');
  const counts = Object.entries(method.counts ?? {}).map(([name, c]) => `${name} = ${c.default}`);
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: functionName(method, variant, 'Step'),
    docs: [{ description: `\n${comment(`One ${variant} step of ${method.title.en} (${VARIANT_TEXT[variant]}): ${method.summary.en}`)}\n\nThe state is (theta, phi) for each of ${layout}; the next state goes into \`out\` (by default \`state\`). Unchecked, no clipping${counts.length ? `; compiled for ${counts.join(', ')}` : ''}.` }],
    typeParameters: ['P'],
    parameters: [
      { name: 'game', type: 'GameDynamics<P>' },
      { name: 'state', type: 'Float64Array' },
      { name: 'rates', type: 'PlayerRates' },
      { name: 'hyperparameters', type: hyperparametersType(method), initializer: `${namespaceOf(method.id)}.defaults` },
      { name: 'p', type: 'P', initializer: 'game.defaults as P' },
      { name: 'out', type: 'Float64Array', initializer: 'state' },
    ],
    returnType: 'Float64Array',
    statements: stepBody(traceStep(method, variant, DIRAC_PLAYERS), hyperparameters, true),
  };
}

/** N(J) = M(J) - I as code: J's entries read from `j`, the rates from `rates`; the identity is
 * taken away in the IR, exactly, so the printed entries are small where h is. */
function updateIncrementFunction(method: MethodDefinition, variant: Variant): Statement {
  const n = DIRAC_PLAYERS.length;
  const renamed = new Map(Object.entries(RATE_SYMBOLS).map(([player, symbol]) => [symbol, E.sym(RATE_NAMES[player as keyof typeof RATE_NAMES])]));
  const entries: Expr[] = linearisedMap(method, variant).flatMap((row, i) => row.map((e, k) => substitute(i === k ? E.sub(e, E.ONE) : e, renamed)));
  const hyperparameters = Object.keys(method.hyperparameters ?? {});
  const jNames = Array.from({ length: n * n }, (_, k) => jacobianSymbol(Math.floor(k / n) + 1, (k % n) + 1));
  const { temporaries, names } = eliminateCommonSubexpressions(entries, { reserved: [...jNames, ...Object.values(RATE_NAMES), ...hyperparameters, 'j', 'rates', 'hyperparameters', 'out'] });
  const used = new Set(entries.flatMap((e) => [...symbolsOf(e)]));
  const jReads = jNames.flatMap((name, k) => (used.has(name) ? [`${name} = j[${k}]!`] : []));
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: functionName(method, variant, 'UpdateIncrement'),
    docs: [{ description: comment(`N = M - I, for the Jacobian M of ${method.title.en}'s ${variant} update map at an equilibrium where the field's Jacobian is j = [J_11, J_12, J_21, J_22] (row-major), row-major into out: its rows and columns are the state's coordinates (M's eigenvalues are 1 + N's).`) }],
    parameters: [
      { name: 'j', type: 'ArrayLike<number>' },
      { name: 'rates', type: 'PlayerRates' },
      { name: 'hyperparameters', type: hyperparametersType(method) },
      { name: 'out', type: 'Float64Array' },
    ],
    returnType: 'Float64Array',
    statements: [
      ...(jReads.length ? [`const ${jReads.join(', ')};`] : []),
      ...readsOf('rates', Object.values(RATE_NAMES), used),
      ...readsOf('hyperparameters', hyperparameters, used),
      ...temporaries.map((t) => `const ${t.name} = ${definitionToTs(t.value, names)};`),
      ...entries.map((e, k) => `out[${k}] = ${toTs(e, names)};`),
      'return out;',
    ],
  };
}

function methodStatements(method: MethodDefinition): Statement[] {
  const type = hyperparametersType(method);
  const specs = Object.entries(method.hyperparameters ?? {});
  const differentiable = method.notDifferentiable === undefined;
  const table = (what: 'Step' | 'UpdateIncrement'): string => `{ ${VARIANTS.map((v) => `${v}: ${functionName(method, v, what)}`).join(', ')} }`;
  const start = partsOf(method).map((part) => (method.start?.[part] === undefined ? 'undefined' : String(method.start[part])));
  return [
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: type,
      docs: [{ description: `${method.title.en}'s hyperparameters${specs.length ? '' : ': none'}.` }],
      properties: specs.map(([name, spec]) => ({ name, type: 'number', isReadonly: true, docs: [{ description: comment(`${spec.description.en} (default ${spec.default}, range [${spec.range[0]}, ${spec.range[1]}])`) }] })),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `\n${comment(`${method.title.en} (${method.sources.join('; ')}): ${method.summary.en}`)}${differentiable ? '' : `\n\n${comment(method.notDifferentiable!.en)}`}` }],
      declarations: [{
        name: namespaceOf(method.id),
        type: `CompiledMethod<${type}>`,
        initializer: `{ id: '${method.id}', parts: [${partsOf(method).map((p) => `'${p}'`).join(', ')}], start: [${start.join(', ')}], defaults: { ${specs.map(([name, spec]) => `${name}: ${spec.default}`).join(', ')} }, steps: ${table('Step')}${differentiable ? `, updateIncrement: ${table('UpdateIncrement')}` : ''} }`,
      }],
    },
    ...VARIANTS.map((variant) => stepFunction(method, variant)),
    ...(differentiable ? VARIANTS.map((variant) => updateIncrementFunction(method, variant)) : []),
  ];
}

/** The module's file in generated/. */
export const METHODS_MODULE = 'methods.ts';

export function emitMethodsModule(methods: readonly MethodDefinition[]): string {
  const body: Statement[] = [
    '/** Scratch for the field and the Jacobian: each step copies what it reads out at once. */\nconst field = new Float64Array(2);\nconst jacobian = new Float64Array(4);',
    ...methods.flatMap(methodStatements),
  ];
  const separated = body.flatMap((d): Statement[] => [(writer) => writer.blankLineIfLastNot(), d]);
  return printModule(separated, (identifiers) => [`// ${GENERATED_MARK} from methods/. DO NOT EDIT.`, ...runtimeImports(identifiers), "export * from './runtime/method-steps.js';"]);
}
