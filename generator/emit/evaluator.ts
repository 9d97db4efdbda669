/**
 * Emit: a derivation -> the text of generated/<id>.ts, a module without dependencies that
 * evaluates the game: both players' objectives, the vector field, its Jacobian, the
 * eigenvalues at the equilibrium, and training: the simultaneous, alternating,
 * extragradient and optimistic steps; where the equilibrium is differentiable, the
 * eigenvalues and spectral radius of each method's update map and its largest stable
 * learning rate (from the discrete-time analysis, derive/discrete.ts); and trajectories.
 * What does not depend on the game (checks, the trajectory loop, complex arithmetic, the
 * bisection) is in generated/training.ts (training-module.ts), which every module imports.
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
import { IndentationText, Project, QuoteKind, StructureKind, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
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
import type { Method, MethodAnalysis } from '../derive/discrete.js';
import { coefficients } from '../derive/polynomial.js';
import { printBlock } from './cse.js';
import { factorCommon } from '../ir/factor.js';
import { expand } from '../ir/expand.js';
import { MAX_STEPS, PUBLIC_TRAINING_TYPES, PUBLIC_TRAINING_VALUES, TRAINING_SPECIFIER, TRAINING_TYPES, TRAINING_VALUES } from './training-module.js';

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
  /** The highest derivative of an abstract f the module calls (0 when f is concrete). */
  readonly activationOrder: number;
  /** The derivation file, for errors. */
  readonly file: string;
}

/** The names the module declares at the top level. */
const MODULE_NAMES = [
  'Params', 'Activation', 'defaults', 'generatorLoss', 'discriminatorLoss', 'vectorField', 'jacobian', 'equilibriumEigenvalues', 'equilibriumNotDifferentiable',
  'simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep', 'updateEigenvalues', 'spectralRadius', 'learningRateBound', 'trajectory',
  'mapEigenvalues', 'stepperOf', 'softplus', 'sigmoid', 'sigmoidDifference',
];
const LOCALS = [
  'theta', 'phi', 'p', 'h', 'out', 'schedule', 'i', 'vTheta', 'vPhi', 'center', 'radicand', 'root', 'Math',
  'hG', 'hD', 'nG', 'nD', 'imaginary', 'method', 'rates', 'checked', 'rho', 'start', 'options', 'run', 'state',
  'thetaAhead', 'phiAhead', 'vThetaAhead', 'vPhiAhead', 'previousVTheta', 'previousVPhi', 'm00', 'm01', 'm10', 'm11',
  ...MODULE_NAMES, ...TRAINING_VALUES, ...TRAINING_TYPES,
];

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

/** The factored form of e or of e expanded, whichever has fewer operations: expansion
 * lets terms cancel (sign(phi)(1 - |phi|) = sign(phi) - phi), factoring shares work. */
function cheapestForm(e: Expr): Expr {
  const factored = factorCommon(e);
  const expanded = expand(e);
  // Expansion can multiply the size of a product of sums; it is only tried on small ones.
  if (operationCount(expanded) > 4 * operationCount(e)) return factored;
  const alternative = factorCommon(expanded);
  return operationCount(alternative) < operationCount(factored) ? alternative : factored;
}

/** Arithmetic operations and calls in the printed form of e, each shared node once. */
const operationCount = (e: Expr): number => E.nodesOf(e).filter((n) => n.kind !== 'num' && n.kind !== 'sym').length;

/** The temporaries of CSE as local constants, and the outputs printed with them; `taken`:
 * more names in scope (the temporaries of an earlier computation in the same function). */
function computation(context: Context, outputs: readonly Expr[], taken: readonly string[] = []): { lines: string[]; outputs: readonly string[]; names: string[] } {
  // Factored first: fewer multiplications, and the factors become shared sub-expressions.
  const block = printBlock(outputs.map(cheapestForm), { enabled: context.cse, reserved: [...context.reserved, ...taken] });
  return { lines: block.temporaries.map((t) => `const ${t.name} = ${t.definition};`), outputs: block.outputs, names: block.temporaries.map((t) => t.name) };
}

const THETA_PHI: Parameter[] = [{ name: 'theta', type: 'number' }, { name: 'phi', type: 'number' }];
const H: Parameter = { name: 'h', type: 'number' };
const methodParameter = (type: string): Parameter => ({ name: 'method', type });
const FIELD_TEX = '$v = (v_{\\theta}, v_{\\phi})$';
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
  return [
    exportedFunction({
      name: 'simultaneousStep',
      docs: docs(context, `One simultaneous gradient step of both players, with ${FIELD_TEX} the vector field (inlined here):`, display('(\\theta, \\phi) \\mapsto (\\theta, \\phi) + h \\, v(\\theta, \\phi)'), 'h is not checked; the trajectory runners are.'),
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
        `One round of alternating gradient steps, as in the usual GAN training loop: first nD discriminator steps, then nG generator steps, each seeing the other player's latest value, with ${FIELD_TEX} the vector field (inlined here):`,
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

/** The look-ahead point of the extragradient step, as symbols of the field's formulas. */
const AHEAD = new Map<string, Expr>([['theta', E.sym('thetaAhead')], ['phi', E.sym('phiAhead')]]);

function extragradientStep(context: Context): Statement {
  const { field } = context.stage;
  const here = computation(context, field);
  const there = computation(context, field.map((e) => E.substitute(e, AHEAD)), here.names);
  return exportedFunction({
    name: 'extragradientStep',
    docs: docs(
      context,
      `One extragradient step (Korpelevich 1976): a simultaneous step to a look-ahead point, then the step from the start with the field there, with ${FIELD_TEX} the vector field (inlined here, evaluated at both points):`,
      display('x \\mapsto x + h \\, v\\big(x + h \\, v(x)\\big), \\quad x = (\\theta, \\phi)'),
      'h is not checked; the trajectory runners are.',
    ),
    parameters: [...THETA_PHI, H, paramsParameter(context), outParameter(2)],
    returnType: 'Float64Array',
    statements: [
      ...hyperparameterLocals(context, field),
      ...here.lines,
      `const vTheta = ${here.outputs[0]};`,
      `const vPhi = ${here.outputs[1]};`,
      'const thetaAhead = theta + h * vTheta;',
      'const phiAhead = phi + h * vPhi;',
      ...there.lines,
      `const vThetaAhead = ${there.outputs[0]};`,
      `const vPhiAhead = ${there.outputs[1]};`,
      'out[0] = theta + h * vThetaAhead;',
      'out[1] = phi + h * vPhiAhead;',
      'return out;',
    ],
  });
}

function optimisticStep(context: Context): Statement {
  const { field } = context.stage;
  const { lines, outputs } = computation(context, field);
  return exportedFunction({
    name: 'optimisticStep',
    docs: docs(
      context,
      `One optimistic gradient step (Daskalakis et al. 2018): the simultaneous step corrected by the change of the field since the previous step, with ${FIELD_TEX} the vector field (inlined here):`,
      display('x_{k+1} = x_k + 2h \\, v(x_k) - h \\, v(x_{k-1})'),
      '`out` receives theta and phi after the step, then the field at the point before it, v_theta(theta, phi) and v_phi(theta, phi): pass out[2] and out[3] as the previous field of the next step. The first step has no previous field: pass the field at the start point (`vectorField(theta, phi)`), which makes it a plain gradient step, exactly `simultaneousStep`: the update is computed as h (2 v - v_prev), and 2 v - v = v has no rounding.',
      'h is not checked; the trajectory runners are.',
    ),
    parameters: [...THETA_PHI, { name: 'previousVTheta', type: 'number' }, { name: 'previousVPhi', type: 'number' }, H, paramsParameter(context), outParameter(4)],
    returnType: 'Float64Array',
    statements: [
      ...hyperparameterLocals(context, field),
      ...lines,
      `const vTheta = ${outputs[0]};`,
      `const vPhi = ${outputs[1]};`,
      'out[0] = theta + h * (2 * vTheta - previousVTheta);',
      'out[1] = phi + h * (2 * vPhi - previousVPhi);',
      'out[2] = vTheta;',
      'out[3] = vPhi;',
      'return out;',
    ],
  });
}

/** The rate symbols of the discrete-time analysis, as the generated code names them. */
const RATE_NAMES = new Map<string, Expr>([['h_g', E.sym('hG')], ['h_d', E.sym('hD')], ['n_g', E.sym('nG')], ['n_d', E.sym('nD')]]);
const inCode = (e: Expr): Expr => E.substitute(e, RATE_NAMES);

/** The rates an eigenvalue formula uses, read from the checked schedule. */
function rateLocals(method: Method, exprs: readonly Expr[]): string[] {
  const uses = (name: string): boolean => exprs.some((e) => E.dependsOn(e, name));
  if (method !== 'alternating') return uses('h') ? ['const h = schedule.hG;'] : [];
  const used = ['hG', 'hD', 'nG', 'nD'].filter(uses);
  return used.length > 0 ? [`const { ${used.join(', ')} } = schedule;`] : [];
}

const MAP_TEX: Readonly<Record<Method, string>> = {
  simultaneous: 'M = I + hJ',
  alternating: 'M = G^{n_G} D^{n_D}',
  extragradient: 'M = I + hJ + h^{2} J^{2}',
  optimistic: 'M = \\begin{pmatrix} I + 2hJ & -hJ \\\\ I & 0 \\end{pmatrix}',
};

function eigenvaluesTex(analysis: MethodAnalysis): string {
  const { center, radicand, imaginary } = analysis.eigenvalues;
  const spread = imaginary ? `${toTex(imaginary)} \\, i` : `\\sqrt{${toTex(radicand)}}`;
  return analysis.method === 'optimistic'
    ? `\\mu = ${toTex(center)} \\pm ${spread}, \\quad \\lambda \\in \\operatorname{spec} J(0, 0)`
    : `\\mu_{1,2} = ${toTex(center)} \\pm ${spread}`;
}

/** A switch over the methods, each case's statements in a block of its own (so that their temporaries do not meet). */
const methodSwitch = (subject: string, cases: readonly (readonly [Method, readonly string[]])[]) => (writer: CodeBlockWriter): void => {
  writer.write(`switch (${subject})`).block(() => {
    for (const [method, lines] of cases) {
      if (lines.length === 1) writer.writeLine(`case '${method}': ${lines[0]}`);
      else writer.write(`case '${method}':`).block(() => lines.forEach((line) => writer.writeLine(line)));
    }
  });
};

/** A case of mapEigenvalues: the closed form of the method's eigenvalues. */
function eigenvalueCase(context: Context, analysis: MethodAnalysis): string[] {
  const { center, radicand } = analysis.eigenvalues;
  if (analysis.method === 'optimistic') {
    const inLambda = [center, radicand].map((e) => coefficients(inCode(e), 'lambda'));
    const [c, r] = inLambda;
    if (!c || !r) throw new DerivationError(context.file, '', 'cannot emit the optimistic eigenvalues: mu is not a polynomial in lambda');
    const all = [...c, ...r];
    const { lines, outputs } = computation(context, all);
    return [
      ...rateLocals(analysis.method, all),
      ...hyperparameterLocals(context, all),
      ...lines,
      `return eigenvaluesOverSpectrum(equilibriumEigenvalues(p), [${outputs.slice(0, c.length).join(', ')}], [${outputs.slice(c.length).join(', ')}]);`,
    ];
  }
  // The 2x2 maps: from the entries of M, not from the center and radicand above, which are
  // expanded sums of terms of order 1 that cancel to order h^2 near h = 0 (matrixEigenvalues).
  if (!analysis.matrix) throw new DerivationError(context.file, '', `cannot emit the eigenvalues of the ${analysis.method} map: the analysis has no matrix for it`);
  const entries = analysis.matrix.flat().map(inCode);
  const { lines, outputs } = computation(context, entries);
  return [
    ...rateLocals(analysis.method, entries),
    ...hyperparameterLocals(context, entries),
    ...lines,
    ...MATRIX_ENTRIES.map((name, i) => `const ${name} = ${outputs[i]};`),
    `return matrixEigenvalues(${MATRIX_ENTRIES.join(', ')});`,
  ];
}

const MATRIX_ENTRIES = ['m00', 'm01', 'm10', 'm11'];

/** A case of learningRateBound: the closed-form candidates, if any, and whether the map may cycle. */
function boundCase(context: Context, analysis: MethodAnalysis): string[] {
  const cycles = analysis.determinant !== undefined && E.sub(analysis.determinant, E.ONE) === E.ZERO;
  const roots = analysis.bound?.kind === 'closed-form' ? analysis.bound.roots ?? [] : [];
  const { lines, outputs } = computation(context, roots);
  const options = [...(cycles ? ['cycles: true'] : []), ...(roots.length > 0 ? [`roots: [${outputs.join(', ')}]`] : [])];
  return [
    ...hyperparameterLocals(context, roots),
    ...lines,
    `return stabilityBound(rho${options.length > 0 ? `, { ${options.join(', ')} }` : ''});`,
  ];
}

const formatBound = (bound: number): string => `${Number(bound.toPrecision(6))}`;

/** One line per method for the doc comment of learningRateBound. */
function boundDoc(context: Context, analysis: MethodAnalysis): string {
  const at = context.abstract ? "For f'(0) = 1" : 'At the default hyperparameters';
  const b = analysis.bound;
  const verdict = {
    'converges-below-bound': `converges for h < ${b ? formatBound(b.atDefaults) : '?'}`,
    'cycles-below-bound': `cycles (eigenvalues on the unit circle) for h < ${b ? formatBound(b.atDefaults) : '?'}`,
    'never-converges': 'never converges',
    'converges-for-all-h': 'converges for every h up to 1e3',
  }[analysis.verdict];
  const roots = b?.kind === 'closed-form' ? b.roots ?? [] : [];
  const how = roots.length === 1
    ? `${display(`h^{*} = ${toTex(roots[0]!)}`)}`
    : roots.length > 1
      ? display(`h^{*} = \\min \\left\\{ r > 0 : r \\in \\left\\{ ${roots.map(toTex).join(', ')} \\right\\} \\right\\}`)
      : 'by bisection on spectralRadius.';
  return `- ${analysis.method}: ${how} ${at} it ${verdict}.`;
}

const paramsCheck = (context: Context): string[] => {
  if (!context.abstract && context.hyperparameters.length === 0) return [];
  const names = `[${context.hyperparameters.map((h) => `'${h}'`).join(', ')}]`;
  return [`checkParams(p, ${names}${context.abstract ? `, ${context.activationOrder}` : ''});`];
};

/** updateEigenvalues, spectralRadius, learningRateBound (exported) and mapEigenvalues. */
function stability(context: Context): Statement[] {
  const analyses = context.stage.discrete;
  const byMethod = (each: (a: MethodAnalysis) => string[]) => analyses.map((a) => [a.method, each(a)] as const);
  const ratesParameter: Parameter = { name: 'rates', type: 'Rates<M>' };
  const methodTypes = [{ name: 'M', constraint: 'Method' }];
  const ratesDoc = '`rates` is `{ h }` for every method; for alternating steps it may also be a schedule `{ hG, hD, nG, nD }`. A bad method, bad rates or bad parameters throw a TrainingInputError naming the value.';
  return [
    exportedFunction({
      name: 'updateEigenvalues',
      typeParameters: methodTypes,
      docs: docs(
        context,
        "The eigenvalues of a training method's update map at the equilibrium (theta, phi) = (0, 0), in closed form from the Jacobian J = J(0, 0) of the field (Mescheder et al. 2017, section 3): two, or four for the optimistic method, whose map is 4x4 with two eigenvalues mu for each eigenvalue lambda of J, computed in complex arithmetic.",
        ...analyses.map((a) => `- ${a.method}: ${display(`${MAP_TEX[a.method]}${a.matrix ? ` = ${matrixToTex(a.matrix)}` : ''}`)} ${display(eigenvaluesTex(a))}`),
        'The 2x2 maps take their eigenvalues from the entries of M (see matrixEigenvalues in training.ts): the same numbers, with no digits lost near h = 0.',
        ratesDoc,
      ),
      parameters: [methodParameter('M'), ratesParameter, paramsParameter(context)],
      returnType: 'Eigenvalues',
      statements: ['const checked = checkMethod(method);', 'const schedule = checkRates(checked, rates);', ...paramsCheck(context), 'return mapEigenvalues(checked, schedule, p);'],
    }),
    exportedFunction({
      name: 'spectralRadius',
      typeParameters: methodTypes,
      docs: docs(
        context,
        "The spectral radius of a training method's update map at the equilibrium, the largest modulus of updateEigenvalues: near the equilibrium the iterates shrink when it is below 1 and grow when it is above.",
        display('\\rho = \\max_i \\left| \\mu_i \\right|'),
        ratesDoc,
      ),
      parameters: [methodParameter('M'), ratesParameter, paramsParameter(context)],
      returnType: 'number',
      statements: ['return largestModulus(updateEigenvalues(method, rates, p));'],
    }),
    exportedFunction({
      name: 'learningRateBound',
      docs: docs(
        context,
        'The largest stable learning rate of a training method and its verdict (see StabilityVerdict), stated for one learning rate h (for alternating steps hG = hD = h, nG = nD = 1): the spectral radius is below 1 for 0 < h < bound. The bound is the smallest positive real one of the closed-form candidates (the roots in h of the Jury boundaries det M = +-1, tr M = +-(1 + det M)), or found by bisection on spectralRadius over h in (0, 1e3] where there is no closed form; the verdict and bound are computed for the parameters given. No bound for a method that never converges or converges for every h.',
        ...analyses.map((a) => boundDoc(context, a)),
        'A bad method or bad parameters throw a TrainingInputError naming the value.',
      ),
      parameters: [methodParameter('Method'), paramsParameter(context)],
      returnType: 'LearningRateBound',
      statements: [
        'const checked = checkMethod(method);',
        ...paramsCheck(context),
        'const rho = (h: number): number => largestModulus(mapEigenvalues(checked, oneLearningRate(h), p));',
        methodSwitch('checked', byMethod((a) => boundCase(context, a))),
      ],
    }),
    {
      kind: StructureKind.Function,
      name: 'mapEigenvalues',
      docs: ["The eigenvalues of each method's update map at the equilibrium, for checked rates (one learning rate h is schedule.hG)."],
      parameters: [methodParameter('Method'), { name: 'schedule', type: 'Schedule' }, { name: 'p', type: 'Params' }],
      returnType: 'Eigenvalues',
      statements: [methodSwitch('method', byMethod((a) => eigenvalueCase(context, a)))],
    },
  ];
}

function trajectory(context: Context): Statement[] {
  const steppers: [Method, string][] = [
    ['simultaneous', '{ step: (state) => simultaneousStep(state[0]!, state[1]!, h, p, state) }'],
    ['alternating', '{ step: (state) => alternatingStep(state[0]!, state[1]!, schedule, p, state) }'],
    ['extragradient', '{ step: (state) => extragradientStep(state[0]!, state[1]!, h, p, state) }'],
    ['optimistic', '{\n  prepare: (state) => vectorField(state[0]!, state[1]!, p, state.subarray(2)),\n  step: (state) => optimisticStep(state[0]!, state[1]!, state[2]!, state[3]!, h, p, state),\n}'],
  ];
  return [
    exportedFunction({
      name: 'trajectory',
      typeParameters: [{ name: 'M', constraint: 'Method' }],
      docs: docs(
        context,
        `Runs a training method from \`start\`: up to \`options.steps\` steps (at most MAX_STEPS, ${MAX_STEPS}) with the learning rate \`options.h\`, or for alternating steps \`options.h\` or \`options.schedule\`. It returns the path, theta_0, phi_0, theta_1, phi_1, ..., and how the run ended:`,
        [
          '- `converged` at step k: the distance to the equilibrium (0, 0) fell below `options.tolerance` (default 1e-10);',
          '- `diverged` at step k: the distance passed `options.divergenceBound` (default 1e6; the point is in the path), or a value became NaN or infinite (that point is not: the path holds finite numbers only, and the message names the step);',
          '- `running`: neither, after every step.',
        ].join('\n'),
        'The optimistic method takes the field at the start point as its previous field, so that its first step is a simultaneous one.',
        'Bad input throws a TrainingInputError that names the value: an unknown method or option, a start point that is not finite, steps not an integer from 1 to MAX_STEPS, a learning rate that is not a finite number > 0, nG or nD not a positive integer, a tolerance or divergence bound out of range, or a hyperparameter that is not a finite number.',
      ),
      parameters: [methodParameter('M'), { name: 'start', type: 'readonly [number, number]' }, { name: 'options', type: 'TrajectoryOptions<M>' }, paramsParameter(context)],
      returnType: 'Trajectory',
      statements: [
        'const run = checkTrajectory(method, start, options);',
        ...paramsCheck(context),
        'return runTrajectory(stepperOf(run.method, run.schedule, p), run);',
      ],
    }),
    {
      kind: StructureKind.Function,
      name: 'stepperOf',
      docs: ["The game's step for each method, in place on the state theta, phi, previous field of the optimistic method; the rates are checked (one learning rate h is schedule.hG)."],
      parameters: [methodParameter('Method'), { name: 'schedule', type: 'Schedule' }, { name: 'p', type: 'Params' }],
      returnType: 'Stepper',
      statements: ['const h = schedule.hG;', methodSwitch('method', steppers.map(([method, stepper]) => [method, [`return ${stepper};`]] as const))],
    },
  ];
}

/** The stable primitives of expr.ts, and the difference of sigmoids print/ts.ts writes as
 * one call, emitted into each module that calls them: no dependencies. */
export const HELPER_NAMES = ['softplus', 'sigmoid', 'sigmoidDifference', 'relu', 'step'] as const;
const HELPERS: Readonly<Record<(typeof HELPER_NAMES)[number], FunctionDeclarationStructure>> = {
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
  sigmoidDifference: {
    kind: StructureKind.Function,
    name: 'sigmoidDifference',
    docs: ['sigmoid(x) - sigmoid(-x) as tanh(x / 2): the difference itself cancels near x = 0, where both sigmoids are near 1/2.'],
    parameters: [{ name: 'x', type: 'number' }],
    returnType: 'number',
    statements: ['return Math.tanh(0.5 * x);'],
  },
  relu: {
    kind: StructureKind.Function,
    name: 'relu',
    docs: ['relu(x) = max(0, x): hinge losses and one-sided penalties.'],
    parameters: [{ name: 'x', type: 'number' }],
    returnType: 'number',
    statements: ['return Math.max(0, x);'],
  },
  step: {
    kind: StructureKind.Function,
    name: 'step',
    docs: ['step(x) = 1 for x > 0, else 0: the derivative of relu away from its kink at 0.'],
    parameters: [{ name: 'x', type: 'number' }],
    returnType: 'number',
    statements: ['return x > 0 ? 1 : 0;'],
  },
};

/** Every expression the module prints. */
function emittedExpressions(stage: Stage): Expr[] {
  const eq = stage.equilibrium;
  const atEquilibrium = eq.differentiable ? [eq.eigenvalues.center, eq.eigenvalues.radicand] : [];
  return [stage.objectives.generator, stage.objectives.discriminator, ...stage.field, ...stage.jacobian.flat(), ...atEquilibrium];
}

/** The formulas of the discrete-time analysis the module prints, with the analysis' symbols. */
function discreteExpressions(stage: Stage): Expr[] {
  return stage.discrete.flatMap((a) => [
    ...(a.matrix ? a.matrix.flat() : [a.eigenvalues.center, a.eigenvalues.radicand]),
    ...(a.bound?.kind === 'closed-form' ? a.bound.roots ?? [] : []),
  ]);
}
/** The symbols the analysis uses besides the hyperparameters: the rates and, for the optimistic map, an eigenvalue of J. */
const DISCRETE_SYMBOLS = ['h', 'h_g', 'h_d', 'n_g', 'n_d', 'lambda'];

/** `import { ... } from './training.js'` and the re-exports of its public part. */
function trainingImports(context: Context, differentiable: boolean): Statement[] {
  const analyses = context.stage.discrete;
  const values = [
    'checkTrajectory', 'runTrajectory',
    ...(paramsCheck(context).length > 0 ? ['checkParams'] : []),
    ...(differentiable ? ['checkMethod', 'checkRates', 'largestModulus', 'oneLearningRate', 'stabilityBound'] : []),
    ...(differentiable && analyses.some((a) => a.method !== 'optimistic') ? ['matrixEigenvalues'] : []),
    ...(differentiable && analyses.some((a) => a.method === 'optimistic') ? ['eigenvaluesOverSpectrum'] : []),
  ];
  const types = ['Method', 'Schedule', 'Stepper', 'Trajectory', 'TrajectoryOptions', ...(differentiable ? ['Eigenvalues', 'LearningRateBound', 'Rates'] : [])];
  const sorted = (names: readonly string[]): string[] => [...names].sort((a, b) => a.localeCompare(b, 'en'));
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: TRAINING_SPECIFIER, namedImports: sorted(values) },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: TRAINING_SPECIFIER, namedImports: sorted(types), isTypeOnly: true },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: TRAINING_SPECIFIER, namedExports: [...PUBLIC_TRAINING_VALUES] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: TRAINING_SPECIFIER, namedExports: [...PUBLIC_TRAINING_TYPES], isTypeOnly: true },
  ];
}

export function emitEvaluator(derivation: Derivation, options: EvaluatorOptions = {}): string {
  const { game } = derivation;
  const stage = derivation.concrete ?? derivation.generic;
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
  const discrete = discreteExpressions(stage);
  for (const name of new Set(discrete.flatMap((e) => [...E.symbolsOf(e)]))) {
    if (!game.hyperparameters.includes(name) && !DISCRETE_SYMBOLS.includes(name)) {
      throw new DerivationError(game.file, '', `cannot emit an evaluator: the discrete-time formulas use '${name}', which is neither a rate nor a hyperparameter`);
    }
  }
  const activationOrder = Math.max(0, ...[...nodes, ...discrete.flatMap((e) => E.nodesOf(e))].flatMap((n) => (n.kind === 'activation' ? [n.order] : [])));
  const context: Context = {
    stage,
    hyperparameters: game.hyperparameters,
    derivedFrom: `Derived from ${game.file}.`,
    abstract: derivation.concrete === undefined,
    regularised: game.definition.regularisers.length > 0,
    cse: options.cse ?? true,
    reserved: [...LOCALS, ...game.hyperparameters],
    activationOrder,
    file: game.file,
  };
  const differentiable = stage.equilibrium.differentiable && stage.discrete.length > 0;

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
    extragradientStep(context),
    optimisticStep(context),
    ...(differentiable ? stability(context) : []),
    ...trajectory(context),
  ];
  // ts-morph separates functions and interfaces by a blank line but not aliases and constants.
  const separated = (statements: readonly Statement[]) => statements.flatMap((d): Statement[] => [(writer) => writer.blankLineIfLastNot(), d]);
  const file = project.createSourceFile(`${game.definition.id}.ts`, {
    statements: [`// @generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`, ...trainingImports(context, differentiable), ...separated(declarations)],
  });
  // The helpers the printed code calls, after factoring and the sigmoid pairs have done their work.
  const called = new Set(file.getDescendantsOfKind(SyntaxKind.CallExpression).map((call) => call.getExpression().getText()));
  file.addStatements(separated(HELPER_NAMES.filter((fn) => called.has(fn)).map((fn) => HELPERS[fn])));
  return file.getFullText();
}

/** A helper's source as emitted into a module that calls it (the stability tests run it). */
export function helperSource(name: (typeof HELPER_NAMES)[number]): string {
  const project = new Project({ useInMemoryFileSystem: true });
  return project.createSourceFile('helper.ts', { statements: [HELPERS[name]] }).getFullText();
}
