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
 *
 * Instance noise: a formula that contains the noise epsilon stands for its expectation
 * over epsilon ~ N(0, sigma^2), which the module computes by quadrature (quadrature.ts): a
 * loop over the nodes of a rule, whose body is the CSE of the integrands (the parts of each
 * output that do not depend on epsilon -- added terms and constant factors -- and the
 * sub-expressions that do not are computed outside it). The steps inline that loop like the
 * field itself, once per evaluation of the field, so that an alternating sub-step integrates
 * only its own component.
 *
 * Constraints (clipping): the training steps project each update onto [-bound, bound];
 * the field and its Jacobian are those of the unconstrained game.
 */
import { IndentationText, Project, QuoteKind, StructureKind, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import type {
  CodeBlockWriter, FunctionDeclarationStructure, InterfaceDeclarationStructure, JSDocStructure, OptionalKind, ParameterDeclarationStructure,
  PropertySignatureStructure, StatementStructures,
} from 'ts-morph';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import type { Derivation, Stage } from '../derive/derive.js';
import { toTs } from '../print/ts.js';
import { activationProperty } from '../vocabulary/activation.js';
import * as Q from '../ir/rational.js';
import { matrixToTex, toTex, vectorToTex } from '../print/tex.js';
import { DerivationError } from '../load/errors.js';
import type { Method, MethodAnalysis } from '../derive/discrete.js';
import { coefficients } from '../ir/polynomial.js';
import { printBlock } from './cse.js';
import { factorCommon } from '../ir/factor.js';
import { expand } from '../ir/expand.js';
import { MAX_STEPS, PUBLIC_TRAINING_TYPES, PUBLIC_TRAINING_VALUES, TRAINING_SPECIFIER, TRAINING_TYPES, TRAINING_VALUES } from './training-module.js';
import { EPSILON } from '../specialise/dirac.js';
import {
  HERMITE_MAX_SHARPNESS, HERMITE_NODE_COUNT, TRAPEZOID_MAX_HALF, TRAPEZOID_REACH, TRAPEZOID_STEP, normalHermiteRule, roundTrip,
} from './quadrature.js';
import type { NormalRule } from './quadrature.js';

export interface EvaluatorOptions {
  /** Common-subexpression elimination; on by default. */
  readonly cse?: boolean;
  /** Games with instance noise: the nodes of the Gauss-Hermite rule, at least 40 (the default);
   * the trapezoidal rule for sharp integrands is refined in proportion (quadrature.ts). */
  readonly noiseNodes?: number;
}

type WriterFunction = (writer: CodeBlockWriter) => void;
type Statement = string | StatementStructures | WriterFunction;
/** A statement in a function body: a line, or a block written by a writer. */
type Line = string | WriterFunction;
type Parameter = OptionalKind<ParameterDeclarationStructure>;

const writeLines = (writer: CodeBlockWriter, lines: readonly Line[]): void => {
  for (const line of lines) {
    if (typeof line === 'string') writer.writeLine(line);
    else line(writer);
  }
};

interface NoiseContext {
  /** The standard deviation, an expression in the hyperparameters. */
  readonly sigma: Expr;
  /** The Gauss-Hermite rule for the standard normal. */
  readonly rule: NormalRule;
}

interface Constraint {
  readonly parameter: 'theta' | 'phi';
  readonly bound: Expr;
}

/** Module-level declarations the functions refer to, emitted only when referred to. */
type ModuleDeclaration = 'noiseRule' | 'HERMITE_RULE' | 'clip';

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
  /** The instance noise, when the formulas contain epsilon. */
  readonly noise?: NoiseContext;
  readonly constraints: readonly Constraint[];
  /** Filled while the functions are built: what they refer to, and the sharpness of the integrands over the noise, as printed. */
  readonly used: Set<ModuleDeclaration>;
  readonly sharpness: Set<string>;
}

/** The names the module declares at the top level. */
const MODULE_NAMES = [
  'Params', 'Activation', 'defaults', 'generatorLoss', 'discriminatorLoss', 'vectorField', 'jacobian', 'equilibriumEigenvalues', 'equilibriumNotDifferentiable',
  'simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep', 'updateEigenvalues', 'spectralRadius', 'learningRateBound', 'trajectory',
  'mapEigenvalues', 'stepperOf', 'softplus', 'sigmoid', 'sigmoidDifference', 'relu', 'step', 'clip',
  'NoiseRule', 'HERMITE_NODES', 'HERMITE_WEIGHTS', 'HERMITE_RULE', 'noiseRule', 'trapezoidRule', 'trapezoid',
];
const LOCALS = [
  'theta', 'phi', 'p', 'h', 'out', 'schedule', 'i', 'vTheta', 'vPhi', 'center', 'radicand', 'root', 'Math',
  'epsilon', 'rule', 'node', 'nodeWeight',
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

/** `const gamma = p.gamma;` for each hyperparameter the expressions use -- with the
 * standard deviation of the noise when they contain it. */
function hyperparameterLocals(context: Context, exprs: readonly Expr[]): string[] {
  const all = context.noise && exprs.some(noisy) ? [...exprs, context.noise.sigma] : exprs;
  return context.hyperparameters.filter((h) => all.some((e) => E.dependsOn(e, h))).map((h) => `const ${h} = p.${h};`);
}

const noisy = (e: Expr): boolean => E.dependsOn(e, EPSILON.name);

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

/**
 * e as free + factor * integrand, with free and factor independent of the noise: the terms
 * of e that do not contain it, and the factors common to those that do (an integrand of 0
 * when e does not depend on the noise at all). E[e] = free + factor * E[integrand].
 */
function splitNoise(e: Expr): { free: Expr; factor: Expr; integrand: Expr } {
  if (!noisy(e)) return { free: e, factor: E.ONE, integrand: E.ZERO };
  const terms = e.kind === 'add' ? e.terms : [e];
  const free = E.add(...terms.filter((t) => !noisy(t)));
  const rest = factorCommon(E.add(...terms.filter(noisy)));
  const factors = rest.kind === 'mul' ? rest.factors : [rest];
  return { free, factor: E.mul(...factors.filter((f) => !noisy(f))), integrand: E.mul(...factors.filter(noisy)) };
}

const KINKS: ReadonlySet<string> = new Set(['abs', 'sign', 'relu', 'step']);

/**
 * The slopes in the noise of the arguments of the functions in the integrands, each once
 * (up to sign): the integrand varies on the scale 1 / |slope| in epsilon, which the
 * quadrature's rule must resolve (quadrature.ts). An argument must be linear in the noise,
 * and a kink (abs, sign, relu, step) must not depend on it: the rules' accuracy rests on an
 * integrand analytic near the real axis.
 */
function noiseSlopes(context: Context, integrands: readonly Expr[]): Expr[] {
  const slopes = new Set<Expr>();
  for (const node of new Set(integrands.flatMap((e) => E.nodesOf(e)))) {
    if ((node.kind !== 'call' && node.kind !== 'activation') || !noisy(node.arg)) continue;
    const name = node.kind === 'call' ? node.fn : `f^(${node.order})`;
    if (node.kind === 'call' && KINKS.has(node.fn)) {
      throw new DerivationError(context.file, 'objectives', `cannot emit an evaluator: ${name}(...) of an argument that contains the instance noise has a kink, which the quadrature over the noise cannot resolve`);
    }
    const c = coefficients(node.arg, EPSILON.name);
    if (!c || c.length > 2) throw new DerivationError(context.file, 'objectives', `cannot emit an evaluator: the argument of ${name}(...) is not linear in the instance noise, so the quadrature over the noise cannot tell how sharp the integrand is`);
    const slope = c[1]!;
    slopes.add(Q.sign(E.splitCoefficient(slope)[0]) < 0 ? E.neg(slope) : slope);
  }
  return [...slopes];
}

/** x, or (x) when it is not a name or a number. */
const operand = (x: string): string => (/^[\w.$]+$/.test(x) ? x : `(${x})`);

/**
 * Like `computation`, but outputs that contain the instance noise are expectations over
 * it: a loop over the nodes of the rule sums each integrand times the node's weight into
 * `<name>Sum`, and the outputs' free parts and factors come after it (`names`: a name for
 * each output; `taken`: names declared before; `ruleName`: the rule's). The rule is
 * noiseRule(sigma * max |slope|), or the Gauss-Hermite rule when no function in the
 * integrands depends on the noise (a polynomial, which it integrates exactly).
 */
function expectation(context: Context, outputs: readonly Expr[], names: readonly string[], taken: readonly string[] = [], ruleName = 'rule'): { lines: Line[]; outputs: readonly string[]; names: string[] } {
  const noise = context.noise;
  if (!noise || !outputs.some(noisy)) return computation(context, outputs, taken);
  // 'rule' is reserved from the temporaries, for the rule itself.
  const inScope = new Set([...context.reserved.filter((name) => name !== 'rule'), ...taken]);
  const declared: string[] = [];
  const fresh = (base: string): string => {
    let name = base;
    for (let suffix = 2; inScope.has(name); suffix++) name = `${base}${suffix}`;
    inScope.add(name);
    declared.push(name);
    return name;
  };
  const parts = outputs.map(splitNoise);
  const sums = parts.map((part, i) => (part.integrand === E.ZERO ? undefined : fresh(`${names[i]}Sum`)));
  const integrands = parts.flatMap((part) => (part.integrand === E.ZERO ? [] : [cheapestForm(part.integrand)]));
  const rule = fresh(ruleName);
  const slopes = noiseSlopes(context, integrands);
  const magnitude = (slope: Expr): string => (slope.kind === 'num' ? toTs(slope) : `Math.abs(${toTs(slope)})`);
  const sigma = operand(toTs(noise.sigma));
  context.used.add(slopes.length > 0 ? 'noiseRule' : 'HERMITE_RULE');
  const sharpness = `${sigma} * ${slopes.length === 1 ? magnitude(slopes[0]!) : `Math.max(${slopes.map(magnitude).join(', ')})`}`;
  // For the module comment: at the point (theta, phi), not at extragradient's look-ahead point.
  if (slopes.length > 0 && ruleName === 'rule') context.sharpness.add(sharpness);
  const ruleLine = slopes.length === 0 ? `const ${rule} = HERMITE_RULE;` : `const ${rule} = noiseRule(${sharpness});`;
  const block = printBlock(integrands, { enabled: context.cse, reserved: [...inScope], invariant: (e) => !noisy(e) });
  for (const t of block.temporaries) {
    inScope.add(t.name);
    declared.push(t.name);
  }
  const line = (t: { name: string; definition: string }): string => `const ${t.name} = ${t.definition};`;
  const sumNames = sums.filter((sum) => sum !== undefined);
  const loop: WriterFunction = (writer) => {
    writer.write(`for (let node = 0; node < ${rule}.nodes.length; node++)`).block(() => {
      writer.writeLine(`const epsilon = ${sigma} * ${rule}.nodes[node]!;`);
      writer.writeLine(`const nodeWeight = ${rule}.weights[node]!;`);
      block.temporaries.filter((t) => !t.invariant).forEach((t) => writer.writeLine(line(t)));
      sumNames.forEach((sum, i) => {
        const integrand = block.outputs[i]!;
        writer.writeLine(`${sum} += nodeWeight * ${integrands[i]!.kind === 'add' ? operand(integrand) : integrand};`);
      });
    });
  };
  const after = computation(context, parts.map((part, i) => (sums[i] === undefined ? part.free : E.add(part.free, E.mul(part.factor, E.sym(sums[i]!))))), [...inScope]);
  return {
    lines: [ruleLine, ...block.temporaries.filter((t) => t.invariant).map(line), ...sumNames.map((sum) => `let ${sum} = 0;`), loop, ...after.lines],
    outputs: after.outputs,
    // The loop's own names too, so that a later loop's temporaries do not shadow them.
    names: [...declared, ...after.names],
  };
}

/** A parameter's value after an update, clipped by the constraints on it. */
function projected(context: Context, parameter: 'theta' | 'phi', value: string): string {
  return context.constraints.filter((c) => c.parameter === parameter).reduce((text, c) => {
    context.used.add('clip');
    return `clip(${text}, ${toTs(c.bound)})`;
  }, value);
}

const constraintBounds = (context: Context): Expr[] => context.constraints.map((c) => c.bound);

const THETA_PHI: Parameter[] = [{ name: 'theta', type: 'number' }, { name: 'phi', type: 'number' }];
const H: Parameter = { name: 'h', type: 'number' };
const methodParameter = (type: string): Parameter => ({ name: 'method', type });
const FIELD_TEX = '$v = (v_{\\theta}, v_{\\phi})$';
const paramsParameter = (context: Context): Parameter => ({ name: 'p', type: 'Params', ...(context.abstract ? {} : { initializer: 'defaults' }) });
const outParameter = (length: number): Parameter => ({ name: 'out', type: 'Float64Array', initializer: `new Float64Array(${length})` });

function exportedFunction(structure: Omit<FunctionDeclarationStructure, 'kind' | 'isExported'>): FunctionDeclarationStructure {
  return { kind: StructureKind.Function, isExported: true, ...structure };
}

/** Fills `out` with the outputs, in order (`names`: a name for each, for the sums over the noise). */
function intoOut(context: Context, outputs: readonly Expr[], names: readonly string[]): Line[] {
  const { lines, outputs: texts } = expectation(context, outputs, names);
  return [...hyperparameterLocals(context, outputs), ...lines, ...texts.map((t, i) => `out[${i}] = ${t};`), 'return out;'];
}

/** The TeX of formulas, inside the expectation over the noise when they contain it. */
const expectedTex = (exprs: readonly Expr[], tex: string): string =>
  exprs.some(noisy) ? `\\mathbb{E}_{\\epsilon}\\left[${tex}\\right]` : tex;

/** The paragraph on the instance noise, for a function whose formulas contain it. */
function noiseDoc(context: Context, exprs: readonly Expr[]): string[] {
  if (!context.noise || !exprs.some(noisy)) return [];
  return [`Every term that contains the instance noise epsilon stands for its expectation over epsilon ~ N(0, ${toTs(context.noise.sigma)}^2), computed by quadrature over the noise (see the module comment and noiseRule: measured to 1e-14 of max(1, |value|) up to a sharpness of 172).`];
}

/** The clipping the constraints do, in words: `phi to [-c, c]`. */
const clipsText = (context: Context): string => context.constraints.map((c) => `${c.parameter} to [-${toTs(c.bound)}, ${toTs(c.bound)}]`).join(' and ');

/** The paragraph on the constraints, for a training map: `what` is projected. */
function constraintDoc(context: Context, what: string): string[] {
  if (context.constraints.length === 0) return [];
  return [`${what} projected onto the game's constraint${context.constraints.length > 1 ? 's' : ''}: it clips ${clipsText(context)}. The field itself is that of the unconstrained game.`];
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
    const { lines, outputs } = expectation(context, [objective], ['loss']);
    return exportedFunction({
      name,
      docs: docs(context, `${what}${regularised}:`, display(`${symbol}(\\theta, \\phi) = ${expectedTex([objective], toTex(objective))}`), ...noiseDoc(context, [objective])),
      parameters: [...THETA_PHI, paramsParameter(context)],
      returnType: 'number',
      statements: [...hyperparameterLocals(context, [objective]), ...lines, `return ${outputs[0]};`],
    });
  });
}

function fieldAndJacobian(context: Context): Statement[] {
  const { field, jacobian } = context.stage;
  const unconstrained = context.constraints.length === 0 ? [] : [`This is the field of the unconstrained game: the clipping of ${context.constraints.map((c) => c.parameter).join(' and ')} is a projection the training steps apply after each update, not part of the field.`];
  return [
    exportedFunction({
      name: 'vectorField',
      docs: docs(context, 'The vector field of the training dynamics: the generator descends its objective, the discriminator ascends its own (Mescheder et al. 2018, eq. 2):', display(`v(\\theta, \\phi) = \\begin{pmatrix} -\\partial_{\\theta} L_G \\\\ \\partial_{\\phi} L_D \\end{pmatrix} = ${expectedTex(field, vectorToTex(field))}`), ...noiseDoc(context, field), ...unconstrained),
      parameters: [...THETA_PHI, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: intoOut(context, field, ['vTheta', 'vPhi']),
    }),
    exportedFunction({
      name: 'jacobian',
      docs: docs(context, 'The Jacobian of the vector field, row-major in `out` (out[1] is the derivative of v_theta in phi):', display(`J(\\theta, \\phi) = ${expectedTex(jacobian.flat(), matrixToTex(jacobian))}`), ...noiseDoc(context, jacobian.flat()), ...(unconstrained.length > 0 ? ['The Jacobian of the unconstrained field: the clipping the training steps apply is not part of it.'] : [])),
      parameters: [...THETA_PHI, paramsParameter(context), outParameter(4)],
      returnType: 'Float64Array',
      statements: intoOut(context, jacobian.flat(), ['j00', 'j01', 'j10', 'j11']),
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
  const simultaneous = expectation(context, [vTheta, vPhi], ['vTheta', 'vPhi']);
  /** A player's steps: `n` times, its field component at the current point, then its update. */
  const steps = (player: 'D' | 'G') => (writer: CodeBlockWriter): void => {
    const [variable, component, output] = player === 'D' ? ['phi', 'vPhi', vPhi] as const : ['theta', 'vTheta', vTheta] as const;
    const { lines, outputs } = expectation(context, [output], [component]);
    const update = `${variable} + schedule.h${player} * ${component}`;
    const projection = projected(context, variable, update);
    writer.write(`for (let i = 0; i < schedule.n${player}; i++)`).block(() => {
      writeLines(writer, lines);
      writer.writeLine(`const ${component} = ${outputs[0]};`);
      writer.writeLine(projection === update ? `${variable} += schedule.h${player} * ${component};` : `${variable} = ${projection};`);
    });
  };
  return [
    exportedFunction({
      name: 'simultaneousStep',
      docs: docs(context, `One simultaneous gradient step of both players, with ${FIELD_TEX} the vector field (inlined here):`, display('(\\theta, \\phi) \\mapsto (\\theta, \\phi) + h \\, v(\\theta, \\phi)'), ...noiseDoc(context, [vTheta, vPhi]), ...constraintDoc(context, 'The update is'), 'h is not checked; the trajectory runners are.'),
      parameters: [...THETA_PHI, { name: 'h', type: 'number' }, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: [
        ...hyperparameterLocals(context, [vTheta, vPhi, ...constraintBounds(context)]),
        ...simultaneous.lines,
        `const vTheta = ${simultaneous.outputs[0]};`,
        `const vPhi = ${simultaneous.outputs[1]};`,
        `out[0] = ${projected(context, 'theta', 'theta + h * vTheta')};`,
        `out[1] = ${projected(context, 'phi', 'phi + h * vPhi')};`,
        'return out;',
      ],
    }),
    exportedFunction({
      name: 'alternatingStep',
      docs: docs(
        context,
        `One round of alternating gradient steps, as in the usual GAN training loop: first nD discriminator steps, then nG generator steps, each seeing the other player's latest value, with ${FIELD_TEX} the vector field (inlined here):`,
        display(`\\phi \\leftarrow \\phi + h_D \\, v_{\\phi}(\\theta, \\phi) \\; (n_D \\text{ times}), \\quad \\theta \\leftarrow \\theta + h_G \\, v_{\\theta}(\\theta, \\phi) \\; (n_G \\text{ times})`),
        ...noiseDoc(context, [vTheta, vPhi]),
        ...constraintDoc(context, 'Each discriminator and each generator step is'),
        'The schedule is not checked; the trajectory runners are.',
      ),
      parameters: [...THETA_PHI, { name: 'schedule', type: 'Schedule' }, paramsParameter(context), outParameter(2)],
      returnType: 'Float64Array',
      statements: [
        ...hyperparameterLocals(context, [vTheta, vPhi, ...constraintBounds(context)]),
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
  const here = expectation(context, field, ['vTheta', 'vPhi']);
  const there = expectation(context, field.map((e) => E.substitute(e, AHEAD)), ['vThetaAhead', 'vPhiAhead'], here.names, 'ruleAhead');
  return exportedFunction({
    name: 'extragradientStep',
    docs: docs(
      context,
      `One extragradient step (Korpelevich 1976): a simultaneous step to a look-ahead point, then the step from the start with the field there, with ${FIELD_TEX} the vector field (inlined here, evaluated at both points):`,
      display('x \\mapsto x + h \\, v\\big(x + h \\, v(x)\\big), \\quad x = (\\theta, \\phi)'),
      ...noiseDoc(context, field),
      ...constraintDoc(context, 'Both the look-ahead point and the update are'),
      'h is not checked; the trajectory runners are.',
    ),
    parameters: [...THETA_PHI, H, paramsParameter(context), outParameter(2)],
    returnType: 'Float64Array',
    statements: [
      ...hyperparameterLocals(context, [...field, ...constraintBounds(context)]),
      ...here.lines,
      `const vTheta = ${here.outputs[0]};`,
      `const vPhi = ${here.outputs[1]};`,
      `const thetaAhead = ${projected(context, 'theta', 'theta + h * vTheta')};`,
      `const phiAhead = ${projected(context, 'phi', 'phi + h * vPhi')};`,
      ...there.lines,
      `const vThetaAhead = ${there.outputs[0]};`,
      `const vPhiAhead = ${there.outputs[1]};`,
      `out[0] = ${projected(context, 'theta', 'theta + h * vThetaAhead')};`,
      `out[1] = ${projected(context, 'phi', 'phi + h * vPhiAhead')};`,
      'return out;',
    ],
  });
}

function optimisticStep(context: Context): Statement {
  const { field } = context.stage;
  const { lines, outputs } = expectation(context, field, ['vTheta', 'vPhi']);
  return exportedFunction({
    name: 'optimisticStep',
    docs: docs(
      context,
      `One optimistic gradient step (Daskalakis et al. 2018): the simultaneous step corrected by the change of the field since the previous step, with ${FIELD_TEX} the vector field (inlined here):`,
      display('x_{k+1} = x_k + 2h \\, v(x_k) - h \\, v(x_{k-1})'),
      '`out` receives theta and phi after the step, then the field at the point before it, v_theta(theta, phi) and v_phi(theta, phi): pass out[2] and out[3] as the previous field of the next step. The first step has no previous field: pass the field at the start point (`vectorField(theta, phi)`), which makes it a plain gradient step, exactly `simultaneousStep`: the update is computed as h (2 v - v_prev), and 2 v - v = v has no rounding.',
      ...noiseDoc(context, field),
      ...constraintDoc(context, 'The update (out[0], out[1]) is'),
      'h is not checked; the trajectory runners are.',
    ),
    parameters: [...THETA_PHI, { name: 'previousVTheta', type: 'number' }, { name: 'previousVPhi', type: 'number' }, H, paramsParameter(context), outParameter(4)],
    returnType: 'Float64Array',
    statements: [
      ...hyperparameterLocals(context, [...field, ...constraintBounds(context)]),
      ...lines,
      `const vTheta = ${outputs[0]};`,
      `const vPhi = ${outputs[1]};`,
      `out[0] = ${projected(context, 'theta', 'theta + h * (2 * vTheta - previousVTheta)')};`,
      `out[1] = ${projected(context, 'phi', 'phi + h * (2 * vPhi - previousVPhi)')};`,
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
    'undecided': 'is undecided: the spectral radius is 1 for every h, and the linearisation does not decide',
    'converges-for-all-h': 'converges for every h up to 1e3',
  }[analysis.verdict];
  const roots = b?.kind === 'closed-form' ? b.roots ?? [] : [];
  const how = roots.length === 1
    ? `${display(`h^{*} = ${toTex(roots[0]!)}`)}`
    : roots.length > 1
      ? display(`h^{*} = \\min \\left\\{ r > 0 : r \\in \\left\\{ ${roots.map(toTex).join(', ')} \\right\\} \\right\\}`)
      : 'by bisection on spectralRadius.';
  // Undecided: there is no bound to find, at any hyperparameters.
  if (analysis.verdict === 'undecided') return `- ${analysis.method}: ${at.toLowerCase()} it ${verdict}.`;
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
        ...(context.constraints.length === 0 ? [] : [`The maps leave out the projection of the steps (which clips ${clipsText(context)}): near the equilibrium, inside the bounds, it does nothing.`]),
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
        ...(context.constraints.length === 0 ? [] : [`Every step projects onto the game's constraint${context.constraints.length > 1 ? 's' : ''} (it clips ${clipsText(context)}), so every point after the start satisfies ${context.constraints.length > 1 ? 'them' : 'it'}; the start point is taken as given.`]),
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

const CLIP: FunctionDeclarationStructure = {
  kind: StructureKind.Function,
  name: 'clip',
  docs: ['x clipped to [-bound, bound]: the projection of a clipping constraint, applied after each training update (NaN stays NaN).'],
  parameters: [{ name: 'x', type: 'number' }, { name: 'bound', type: 'number' }],
  returnType: 'number',
  statements: ['return Math.min(Math.max(x, -bound), bound);'],
};

/** How the trapezoidal rule scales with the number of Gauss-Hermite nodes n: its step shrinks and its cap grows by n / 40. */
const trapezoidScale = (nodes: number): number => nodes / HERMITE_NODE_COUNT;

/** The module comment on the quadrature over the noise, after the generated header. */
function noiseHeader(context: Context, nodes: number): string[] {
  const scale = trapezoidScale(nodes);
  const sigma = toTs(context.noise!.sigma);
  // As the functions compute it (one way for the games so far: sigma * Math.abs(phi)).
  const sharpness = [...context.sharpness].map((text) => text.replaceAll('Math.abs(', 'abs(').replaceAll('Math.max(', 'max(')).join(' or ') || '0 (no function of the noise)';
  const cap = Math.floor((TRAPEZOID_MAX_HALF * TRAPEZOID_STEP) / TRAPEZOID_REACH);
  return [
    '//',
    `// Instance noise: every formula below that contains epsilon stands for its expectation over`,
    `// epsilon ~ N(0, ${sigma}^2), computed by quadrature (generator/emit/quadrature.ts), whose rule`,
    `// follows the sharpness of the integrand, s = ${sharpness}: ${sigma} times the slope in epsilon`,
    `// of the arguments of its sigmoids, whose poles lie pi / s from the real axis (in units of ${sigma}).`,
    `// - s <= ${HERMITE_MAX_SHARPNESS}: the ${nodes}-point Gauss-Hermite rule (nodes and weights computed at generation`,
    `//   time), whose error decays like exp(-2 pi sqrt(n) / s): below 1e-15 there;`,
    `// - s > ${HERMITE_MAX_SHARPNESS}: the trapezoidal rule on [-${TRAPEZOID_REACH}, ${TRAPEZOID_REACH}] standard deviations with a step of at most`,
    `//   ${TRAPEZOID_STEP / scale} / s, whose error is of order exp(-2 pi^2 / (s step)); Gauss-Hermite would need thousands of`,
    `//   nodes once the sigmoids are steep on the scale of the noise (at s = 15, 40 nodes are`,
    `//   wrong by 2e-2). At most ${2 * TRAPEZOID_MAX_HALF * scale + 1} nodes, reached at s = ${cap}.`,
    `// Measured error, relative to max(1, |value|): below 1e-14 up to s = ${cap}; beyond, it grows`,
    `// like exp(-${Math.round((2 * Math.PI ** 2 * TRAPEZOID_MAX_HALF * scale) / TRAPEZOID_REACH)} / s)${nodes === HERMITE_NODE_COUNT ? ' (4e-8 at s = 400)' : ''}, towards that of a step function.`,
  ];
}

/** The rules over the noise: the Gauss-Hermite constants, and noiseRule when the functions call it. */
function noiseDeclarations(context: Context, nodes: number): Statement[] {
  const { rule } = context.noise!;
  const scale = trapezoidScale(nodes);
  const coefficient = (TRAPEZOID_REACH * scale) / TRAPEZOID_STEP;
  const maxHalf = TRAPEZOID_MAX_HALF * scale;
  // Four to a line.
  const numbers = (values: readonly number[]): string =>
    `[\n${Array.from({ length: Math.ceil(values.length / 4) }, (_, i) => `  ${values.slice(4 * i, 4 * i + 4).map(roundTrip).join(', ')},\n`).join('')}]`;
  // As text: ts-morph would indent the lines of a multi-line initializer once more.
  const constant = (name: string, type: string, doc: string, initializer: string): string => `/** ${doc} */\nconst ${name}: ${type} = ${initializer};`;
  const declarations: Statement[] = [
    {
      kind: StructureKind.Interface,
      name: 'NoiseRule',
      docs: ['A quadrature rule for the standard normal: E[g(z)] over z ~ N(0, 1) is approximately the sum over k of weights[k] g(nodes[k]), so that an expectation over the noise epsilon = sigma z takes the integrand at epsilon = sigma nodes[k].'],
      properties: [{ name: 'nodes', type: 'ArrayLike<number>', isReadonly: true }, { name: 'weights', type: 'ArrayLike<number>', isReadonly: true }],
    },
    constant('HERMITE_NODES', 'readonly number[]', `The nodes of the ${nodes}-point Gauss-Hermite rule for the standard normal: sqrt(2) times the roots of the Hermite polynomial H_${nodes}, found at generation time by Newton's method on its recurrence (Numerical Recipes, gauher), printed to round-trip.`, numbers(rule.nodes)),
    constant('HERMITE_WEIGHTS', 'readonly number[]', `The weights of the ${nodes}-point Gauss-Hermite rule for the standard normal (those for e^(-x^2) divided by sqrt(pi); they sum to 1). The rule is exact for polynomials of degree below ${2 * nodes}; for the sigmoids of the games, whose poles lie pi / s from the real axis, its error decays like exp(-2 pi sqrt(${nodes}) / s) in the sharpness s: below 1e-15 up to s = ${HERMITE_MAX_SHARPNESS}, where noiseRule leaves it.`, numbers(rule.weights)),
    constant('HERMITE_RULE', 'NoiseRule', 'The Gauss-Hermite rule.', '{ nodes: HERMITE_NODES, weights: HERMITE_WEIGHTS }'),
  ];
  if (!context.used.has('noiseRule')) return declarations;
  return [
    ...declarations,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Let,
      docs: ['The trapezoidal rule noiseRule built last, kept for the next call that needs as many nodes.'],
      declarations: [{ name: 'trapezoid', type: 'NoiseRule | undefined' }],
    },
    {
      kind: StructureKind.Function,
      name: 'noiseRule',
      docs: [[
        `The rule for an expectation over the noise whose integrand has sharpness s = sigma * |slope| (the slope in epsilon of the arguments of its sigmoids): the integrand then has poles (or branch points) pi / s from the real axis, in units of sigma.`,
        '',
        `- s <= ${HERMITE_MAX_SHARPNESS}: the ${nodes}-point Gauss-Hermite rule, whose error decays like exp(-2 pi sqrt(${nodes}) / s): below 1e-15 here, but 2e-2 at s = 15;`,
        `- s > ${HERMITE_MAX_SHARPNESS}: the trapezoidal rule on [-${TRAPEZOID_REACH}, ${TRAPEZOID_REACH}] with ${coefficient} s nodes each side of 0 (a step of at most ${TRAPEZOID_STEP / scale} / s), whose error is of order exp(-2 pi^2 / (s step)) (Trefethen and Weideman 2014), the tails beyond the interval below 1e-19. At most ${maxHalf} each side, reached at s = ${Math.floor(maxHalf / coefficient)}; beyond, the error grows like exp(-${Math.round((2 * Math.PI ** 2 * maxHalf) / TRAPEZOID_REACH)} / s), towards that of a step function.`,
        '',
        `Measured (generator/emit/quadrature.ts), relative to max(1, |value|): below 1e-14 up to the cap${nodes === HERMITE_NODE_COUNT ? ', 4e-8 at s = 400' : ''}.`,
        '',
        'NaN picks the Gauss-Hermite rule (the result is NaN either way).',
      ].join('\n')],
      parameters: [{ name: 'sharpness', type: 'number' }],
      returnType: 'NoiseRule',
      statements: [
        `if (!(sharpness > ${HERMITE_MAX_SHARPNESS})) return HERMITE_RULE;`,
        `const half = Math.min(Math.ceil(${coefficient} * sharpness), ${maxHalf});`,
        'if (trapezoid === undefined || trapezoid.nodes.length !== 2 * half + 1) trapezoid = trapezoidRule(half);',
        'return trapezoid;',
      ],
    },
    {
      kind: StructureKind.Function,
      name: 'trapezoidRule',
      docs: [`The trapezoidal rule for the standard normal with 2 half + 1 nodes on [-${TRAPEZOID_REACH}, ${TRAPEZOID_REACH}]: nodes k * spacing, weights spacing * exp(-z^2 / 2) / sqrt(2 pi).`],
      parameters: [{ name: 'half', type: 'number' }],
      returnType: 'NoiseRule',
      statements: [
        `const spacing = ${TRAPEZOID_REACH} / half;`,
        'const nodes = new Float64Array(2 * half + 1);',
        'const weights = new Float64Array(2 * half + 1);',
        'const density = spacing / Math.sqrt(2 * Math.PI);',
        (writer) => writer.write('for (let k = -half; k <= half; k++)').block(() => {
          writer.writeLine('const z = k * spacing;');
          writer.writeLine('nodes[k + half] = z;');
          writer.writeLine('weights[k + half] = density * Math.exp(-0.5 * z * z);');
        }),
        'return { nodes, weights };',
      ],
    },
  ];
}

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
  const inScope = new Set(['theta', 'phi', ...game.hyperparameters, ...(game.noise ? [EPSILON.name] : [])]);
  for (const node of nodes) {
    if (node.kind === 'sym' && !inScope.has(node.name)) {
      throw new DerivationError(game.file, '', `cannot emit an evaluator: the formulas use '${node.name}', which is neither theta, phi${game.noise ? ', the noise epsilon' : ''} nor a hyperparameter`);
    }
  }
  const eq = stage.equilibrium;
  if (eq.differentiable && [eq.eigenvalues.center, eq.eigenvalues.radicand].some(noisy)) {
    throw new DerivationError(game.file, '', 'cannot emit an evaluator: the eigenvalues at the equilibrium contain the noise epsilon; the derivation should have taken their expectation');
  }
  const noiseNodes = options.noiseNodes ?? HERMITE_NODE_COUNT;
  if (!Number.isInteger(noiseNodes) || noiseNodes < HERMITE_NODE_COUNT) throw new RangeError(`noiseNodes must be an integer >= ${HERMITE_NODE_COUNT}, got ${noiseNodes}`);
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
    ...(game.noise ? { noise: { sigma: game.noise, rule: normalHermiteRule(noiseNodes) } } : {}),
    constraints: game.constraints,
    used: new Set(),
    sharpness: new Set(),
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
  const header = [`// @generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`, ...(context.noise ? noiseHeader(context, noiseNodes) : [])].join('\n');
  const file = project.createSourceFile(`${game.definition.id}.ts`, {
    statements: [header, ...trainingImports(context, differentiable), ...separated(declarations)],
  });
  // The helpers the printed code calls, after factoring and the sigmoid pairs have done their work;
  // before them the quadrature over the noise and the clip, when the functions refer to them.
  const called = new Set(file.getDescendantsOfKind(SyntaxKind.CallExpression).map((call) => call.getExpression().getText()));
  file.addStatements(separated([
    ...(context.noise ? noiseDeclarations(context, noiseNodes) : []),
    ...(context.used.has('clip') ? [CLIP] : []),
    ...HELPER_NAMES.filter((fn) => called.has(fn)).map((fn) => HELPERS[fn]),
  ]));
  return file.getFullText();
}

/** A helper's source as emitted into a module that calls it (the stability tests run it). */
export function helperSource(name: (typeof HELPER_NAMES)[number]): string {
  const project = new Project({ useInMemoryFileSystem: true });
  return project.createSourceFile('helper.ts', { statements: [HELPERS[name]] }).getFullText();
}
