/**
 * Emit: a derivation -> the text of generated/<id>.ts, a module without dependencies that
 * evaluates the game: both players' objectives, the vector field, its Jacobian, the
 * eigenvalues at the equilibrium, and the simultaneous and alternating training maps.
 *
 * The module is built from ts-morph Structures in an in-memory project and printed once
 * (as protobuf-ts and ts-morph's own generators do); strings only for expressions
 * (print/ts.ts) and single statements. The outputs of each function go through CSE
 * together (cse.ts), so that, e.g., sigmoid(-phi*theta) shared by both components of the
 * field is computed once; `cse: false` prints every output in full (the benchmark's baseline).
 *
 * The concrete stage (f substituted) is emitted when there is one. A game whose activation
 * is abstract is emitted from the generic stage: the caller passes f and the derivatives
 * the formulas use as `p.activation.d0, d1, ...`, so there are no defaults and `p` is required.
 */
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind } from 'ts-morph';
import type {
  CodeBlockWriter, FunctionDeclarationStructure, InterfaceDeclarationStructure, JSDocStructure, OptionalKind, ParameterDeclarationStructure,
  PropertySignatureStructure, StatementStructures,
} from 'ts-morph';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import type { Derivation, Stage } from '../derive/derive.js';
import { activationProperty } from '../print/ts.js';
import { matrixToTex, toTex, vectorToTex } from '../print/tex.js';
import { DerivationError } from '../load/errors.js';
import { printBlock } from './cse.js';

export interface EvaluatorOptions {
  /** Common-subexpression elimination; on by default. */
  readonly cse?: boolean;
}

type Statement = string | StatementStructures | ((writer: CodeBlockWriter) => void);
type Parameter = OptionalKind<ParameterDeclarationStructure>;

interface Context {
  readonly stage: Stage;
  readonly hyperparameters: readonly string[];
  /** Sentence closing every doc comment. */
  readonly derivedFrom: string;
  readonly abstract: boolean;
  readonly regularised: boolean;
  readonly cse: boolean;
  /** Names in scope in the generated functions, which temporaries must not shadow. */
  readonly reserved: readonly string[];
}

const LOCALS = ['theta', 'phi', 'p', 'h', 'out', 'schedule', 'i', 'vTheta', 'vPhi', 'center', 'radicand', 'root', 'defaults', 'softplus', 'sigmoid', 'Math'];

type JSDocs = OptionalKind<JSDocStructure>[];
/** A doc comment: paragraphs, then where the formula comes from. */
const docs = (context: Context, ...paragraphs: string[]): JSDocs => [{ description: `\n${[...paragraphs, context.derivedFrom].join('\n\n')}` }];
const display = (tex: string): string => `$$${tex}$$`;
/** A string literal, in single quotes unless the text has one and no double quote (as Prettier does). */
const quote = (text: string): string =>
  text.includes("'") && !text.includes('"') ? JSON.stringify(text) : `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** `const gamma = p.gamma;` for each hyperparameter the expressions use. */
const hyperparameterLocals = (context: Context, exprs: readonly Expr[]): string[] =>
  context.hyperparameters.filter((h) => exprs.some((e) => E.dependsOn(e, h))).map((h) => `const ${h} = p.${h};`);

/** The temporaries of CSE as local constants, and the outputs printed with them. */
function computation(context: Context, outputs: readonly Expr[]): { lines: string[]; outputs: readonly string[] } {
  const block = printBlock(outputs, { enabled: context.cse, reserved: context.reserved });
  return { lines: block.temporaries.map((t) => `const ${t.name} = ${t.definition};`), outputs: block.outputs };
}

const THETA_PHI: Parameter[] = [{ name: 'theta', type: 'number' }, { name: 'phi', type: 'number' }];
const paramsParameter = (context: Context): Parameter => ({ name: 'p', type: 'Params', ...(context.abstract ? {} : { initializer: 'defaults' }) });
const outParameter = (length: number): Parameter => ({ name: 'out', type: 'Float64Array', initializer: `new Float64Array(${length})` });

function exportedFunction(structure: Omit<FunctionDeclarationStructure, 'kind' | 'isExported'>): FunctionDeclarationStructure {
  return { kind: StructureKind.Function, isExported: true, ...structure };
}

/** Fills `out` with the outputs, in order. */
function intoOut(context: Context, outputs: readonly Expr[]): string[] {
  const { lines, outputs: texts } = computation(context, outputs);
  return [...hyperparameterLocals(context, outputs), ...lines, ...texts.map((t, i) => `out[${i}] = ${t};`), 'return out;'];
}

type Property = OptionalKind<PropertySignatureStructure>;

const exportedInterface = (name: string, docs: JSDocs, properties: Property[]): InterfaceDeclarationStructure =>
  ({ kind: StructureKind.Interface, name, isExported: true, docs, properties });
const numberProperty = (name: string, doc: string): Property => ({ name, type: 'number', isReadonly: true, docs: [doc] });

/** Params (and Activation, when f is abstract), and the defaults when there can be any. */
function parameterTypes(context: Context, derivation: Derivation, activationOrder: number): Statement[] {
  const { hyperparameters: definitions, title } = derivation.game.definition;
  const members = context.hyperparameters.map((name) => {
    const h = definitions[name]!;
    return numberProperty(name, `${h.description.en} (default ${h.default}, range [${h.range[0]}, ${h.range[1]}]).`);
  });
  if (context.abstract) {
    const derivatives = Array.from({ length: activationOrder + 1 }, (_, k): Property => ({
      name: activationProperty(k), type: '(t: number) => number', isReadonly: true, docs: [`$${toTex(E.activation(k, E.sym('t')))}$`],
    }));
    const activation: Property = { name: 'activation', type: 'Activation', isReadonly: true, docs: ['f and its derivatives.'] };
    return [
      exportedInterface('Activation', docs(context, 'The activation f and its derivatives, which this game leaves abstract: `d<k>(t)` is $f^{(k)}(t)$.'), derivatives),
      exportedInterface('Params', docs(context, `Parameters of ${title.en}: the activation${members.length > 0 ? ' and the hyperparameters' : ''}.`), [activation, ...members]),
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
  return [params, defaults];
}

function objectives(context: Context): Statement[] {
  const players = [
    ['generatorLoss', 'generator', 'L_G', 'The generator\'s objective, which it descends'],
    ['discriminatorLoss', 'discriminator', 'L_D', 'The discriminator\'s objective, which it ascends'],
  ] as const;
  const regularised = context.regularised ? ', regularisers included' : '';
  return players.map(([name, player, symbol, what]) => {
    const objective = context.stage.objectives[player];
    const { lines, outputs } = computation(context, [objective]);
    return exportedFunction({
      name,
      docs: docs(context, `${what}${regularised}:`, display(`${symbol}(\\theta, \\phi) = ${toTex(objective)}`)),
      parameters: [...THETA_PHI, paramsParameter(context)],
      returnType: 'number',
      statements: [...hyperparameterLocals(context, [objective]), ...lines, `return ${outputs[0]};`],
    });
  });
}

function fieldAndJacobian(context: Context): Statement[] {
  const { field, jacobian } = context.stage;
  return [
    exportedFunction({
      name: 'vectorField',
      docs: docs(context, 'The vector field of the training dynamics: the generator descends its objective, the discriminator ascends its own (Mescheder et al. 2018, eq. 2):', display(`v(\\theta, \\phi) = \\begin{pmatrix} -\\partial_{\\theta} L_G \\\\ \\partial_{\\phi} L_D \\end{pmatrix} = ${vectorToTex(field)}`)),
      parameters: [...THETA_PHI, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: intoOut(context, field),
    }),
    exportedFunction({
      name: 'jacobian',
      docs: docs(context, 'The Jacobian of the vector field, row-major in `out` (out[1] is the derivative of v_theta in phi):', display(`J(\\theta, \\phi) = ${matrixToTex(jacobian)}`)),
      parameters: [...THETA_PHI, paramsParameter(context), outParameter(4)],
      returnType: 'Float64Array',
      statements: intoOut(context, jacobian.flat()),
    }),
  ];
}

function equilibrium(context: Context): Statement {
  const eq = context.stage.equilibrium;
  if (!eq.differentiable) {
    return {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: docs(context, 'Why the Jacobian, and so its eigenvalues, do not exist at the equilibrium (theta, phi) = (0, 0); there is no `equilibriumEigenvalues` for this game.'),
      declarations: [{ name: 'equilibriumNotDifferentiable', initializer: quote(eq.reason) }],
    };
  }
  const { center, radicand, imaginary } = eq.eigenvalues;
  const eigenvaluesTex = `\\lambda_{1,2} = ${toTex(center)} \\pm \\sqrt{${toTex(radicand)}}${imaginary ? ` = ${toTex(center)} \\pm i ${toTex(imaginary)}` : ''}`;
  const { lines, outputs } = computation(context, [center, radicand]);
  return exportedFunction({
    name: 'equilibriumEigenvalues',
    docs: docs(context, 'The eigenvalues of the Jacobian at the equilibrium (theta, phi) = (0, 0), from its trace and determinant; complex when the radicand is negative:', display(`J(0, 0) = ${matrixToTex(eq.jacobian)}`), display(eigenvaluesTex)),
    parameters: [paramsParameter(context)],
    returnType: '{ re: [number, number]; im: [number, number] }',
    statements: [
      ...hyperparameterLocals(context, [center, radicand]),
      ...lines,
      `const center = ${outputs[0]};`,
      `const radicand = ${outputs[1]};`,
      (writer) => writer.write('if (radicand >= 0)').block(() => {
        writer.writeLine('const root = Math.sqrt(radicand);');
        writer.writeLine('return { re: [center + root, center - root], im: [0, 0] };');
      }),
      'const root = Math.sqrt(-radicand);',
      'return { re: [center, center], im: [root, -root] };',
    ],
  });
}

function trainingMaps(context: Context): Statement[] {
  const [vTheta, vPhi] = context.stage.field;
  const simultaneous = computation(context, [vTheta, vPhi]);
  /** A player's steps: `n` times, its field component at the current point, then its update. */
  const steps = (player: 'D' | 'G') => (writer: CodeBlockWriter): void => {
    const [variable, component, output] = player === 'D' ? ['phi', 'vPhi', vPhi] as const : ['theta', 'vTheta', vTheta] as const;
    const { lines, outputs } = computation(context, [output]);
    writer.write(`for (let i = 0; i < schedule.n${player}; i++)`).block(() => {
      for (const line of lines) writer.writeLine(line);
      writer.writeLine(`const ${component} = ${outputs[0]};`);
      writer.writeLine(`${variable} += schedule.h${player} * ${component};`);
    });
  };
  const fieldTex = '$v = (v_{\\theta}, v_{\\phi})$';
  return [
    exportedInterface('Schedule', docs(context, 'Step sizes and step counts of one round of alternating gradient steps.'), [
      numberProperty('hG', 'Step size of the generator.'),
      numberProperty('hD', 'Step size of the discriminator.'),
      numberProperty('nG', 'Generator steps per round.'),
      numberProperty('nD', 'Discriminator steps per round.'),
    ]),
    exportedFunction({
      name: 'simultaneousStep',
      docs: docs(context, `One simultaneous gradient step of both players, with ${fieldTex} the vector field (inlined here):`, display('(\\theta, \\phi) \\mapsto (\\theta, \\phi) + h \\, v(\\theta, \\phi)'), 'h is not checked; the trajectory runners are.'),
      parameters: [...THETA_PHI, { name: 'h', type: 'number' }, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: [
        ...hyperparameterLocals(context, [vTheta, vPhi]),
        ...simultaneous.lines,
        `const vTheta = ${simultaneous.outputs[0]};`,
        `const vPhi = ${simultaneous.outputs[1]};`,
        'out[0] = theta + h * vTheta;',
        'out[1] = phi + h * vPhi;',
        'return out;',
      ],
    }),
    exportedFunction({
      name: 'alternatingStep',
      docs: docs(
        context,
        `One round of alternating gradient steps, as in the usual GAN training loop: first nD discriminator steps, then nG generator steps, each seeing the other player's latest value, with ${fieldTex} the vector field (inlined here):`,
        display(`\\phi \\leftarrow \\phi + h_D \\, v_{\\phi}(\\theta, \\phi) \\; (n_D \\text{ times}), \\quad \\theta \\leftarrow \\theta + h_G \\, v_{\\theta}(\\theta, \\phi) \\; (n_G \\text{ times})`),
        'The schedule is not checked; the trajectory runners are.',
      ),
      parameters: [...THETA_PHI, { name: 'schedule', type: 'Schedule' }, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: [
        ...hyperparameterLocals(context, [vTheta, vPhi]),
        steps('D'),
        steps('G'),
        'out[0] = theta;',
        'out[1] = phi;',
        'return out;',
      ],
    }),
  ];
}

/** The stable primitives of expr.ts, emitted into each module that calls them: no dependencies. */
const HELPERS: Readonly<Record<'softplus' | 'sigmoid', FunctionDeclarationStructure>> = {
  softplus: {
    kind: StructureKind.Function,
    name: 'softplus',
    docs: ['softplus(x) = log(1 + e^x) as max(x, 0) + log1p(e^-|x|): exp never overflows, and log1p keeps the precision of small results.'],
    parameters: [{ name: 'x', type: 'number' }],
    returnType: 'number',
    statements: ['return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));'],
  },
  sigmoid: {
    kind: StructureKind.Function,
    name: 'sigmoid',
    docs: ['sigmoid(x) = 1 / (1 + e^-x), taking exp of -|x| only, so that it never overflows.'],
    parameters: [{ name: 'x', type: 'number' }],
    returnType: 'number',
    statements: ['if (x >= 0) return 1 / (1 + Math.exp(-x));', 'const e = Math.exp(x);', 'return e / (1 + e);'],
  },
};

/** Every expression the module prints. */
function emittedExpressions(stage: Stage): Expr[] {
  const eq = stage.equilibrium;
  const atEquilibrium = eq.differentiable ? [eq.eigenvalues.center, eq.eigenvalues.radicand] : [];
  return [stage.objectives.generator, stage.objectives.discriminator, ...stage.field, ...stage.jacobian.flat(), ...atEquilibrium];
}

export function emitEvaluator(derivation: Derivation, options: EvaluatorOptions = {}): string {
  const { game } = derivation;
  const stage = derivation.concrete ?? derivation.generic;
  const context: Context = {
    stage,
    hyperparameters: game.hyperparameters,
    derivedFrom: `Derived from ${game.file}.`,
    abstract: derivation.concrete === undefined,
    regularised: game.definition.regularisers.length > 0,
    cse: options.cse ?? true,
    reserved: [...LOCALS, ...game.hyperparameters],
  };
  for (const name of game.hyperparameters) {
    if (LOCALS.includes(name)) throw new DerivationError(game.file, `hyperparameters.${name}`, `'${name}' is a name the generated evaluator uses itself; choose another`);
  }
  const nodes = new Set(emittedExpressions(stage).flatMap((e) => E.nodesOf(e)));
  const inScope = new Set(['theta', 'phi', ...game.hyperparameters]);
  for (const node of nodes) {
    if (node.kind === 'sym' && !inScope.has(node.name)) {
      throw new DerivationError(game.file, '', `cannot emit an evaluator: the formulas use '${node.name}', which is neither theta, phi nor a hyperparameter`);
    }
  }
  const helpers = (['softplus', 'sigmoid'] as const).filter((fn) => [...nodes].some((n) => n.kind === 'call' && n.fn === fn));
  const activationOrder = Math.max(0, ...[...nodes].flatMap((n) => (n.kind === 'activation' ? [n.order] : [])));

  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const declarations: Statement[] = [
    ...parameterTypes(context, derivation, activationOrder),
    ...objectives(context),
    ...fieldAndJacobian(context),
    equilibrium(context),
    ...trainingMaps(context),
    ...helpers.map((fn) => HELPERS[fn]),
  ];
  // ts-morph separates functions and interfaces by a blank line but not aliases and constants.
  const separated = declarations.flatMap((d): Statement[] => [(writer) => writer.blankLineIfLastNot(), d]);
  const file = project.createSourceFile(`${game.definition.id}.ts`, {
    statements: [`// @generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`, ...separated],
  });
  return file.getFullText();
}
