/**
 * Emit: a derivation -> the text of generated/<id>.ts, a game module without dependencies
 * outside generated/: its parameters, both players' objectives, the vector field and its
 * Jacobian (continuous.ts), the field's components from which the runtime builds the
 * training steps (steps.ts), and the table from which it builds the rest of the training API: trajectories and, where the
 * equilibrium is differentiable, the update maps' eigenvalues, spectral radius and largest
 * stable learning rate (training.ts). What does not depend on the derivation is the
 * hand-written runtime (runtime/, copied into generated/runtime/), which the module imports
 * name by name, as the runtime's code exports them (../runtime.ts).
 *
 * The module is built from ts-morph Structures in an in-memory project and printed once (as
 * protobuf-ts and ts-morph's own generators do); strings only for expressions (print/ts.ts)
 * and single statements. The outputs of each function go through CSE together (cse.ts).
 *
 * The concrete stage (f substituted) is emitted when there is one. A game whose activation
 * is abstract is emitted from the generic stage: the caller passes f and the derivatives
 * the formulas use as `p.activation.d0, d1, ...`, so there are no defaults and `p` is required.
 *
 * Instance noise: a formula that contains the noise epsilon stands for its expectation over
 * epsilon ~ N(0, sigma^2), computed by quadrature (noise.ts, pairs.ts, runtime/quadrature.ts).
 * Constraints (clipping): the training steps project each update onto [-bound, bound]; the
 * field and its Jacobian are those of the unconstrained game.
 */
import { nodesOf, symbolsOf } from '../../ir/traverse.js';
import type { Derivation, Stage } from '../../derive/derive.js';
import { DerivationError } from '../../load/errors.js';
import { toTs } from '../../print/ts.js';
import { EPSILON } from '../../specialise/dirac.js';
import { HERMITE_MAX_SHARPNESS, HERMITE_NODE_COUNT, TRAPEZOID_MAX_HALF, TRAPEZOID_REACH, TRAPEZOID_STEP } from '../../../runtime/quadrature.js';
import { PUBLIC_RUNTIME_MODULES, runtimeSpecifier } from '../../runtime.js';
import { activationDerivatives } from './activation.js';
import { printModule, runtimeImports } from './imports.js';
import { equilibrium, fieldAndJacobian, objectives, parameterTypes } from './continuous.js';
import { noisy } from '../../specialise/dirac.js';
import { reservedNameReason } from '../../vocabulary/reserved.js';
import type { Context, EvaluatorOptions, Statement } from './context.js';
import { trainingSteps } from './steps.js';
import { nonlinearExports } from './nonlinear.js';
import type { NonlinearAnalysis } from '../../analyse/verdict.js';
import { stability, trajectory } from './training.js';
import { boundExpressions, emittedExpressions, gameContext } from './game-context.js';

export type { EvaluatorOptions } from './context.js';

/** The module comment on the quadrature over the noise, after the generated header. */
function noiseHeader(context: Context): string[] {
  const scale = context.noiseNodes / HERMITE_NODE_COUNT;
  const sigma = toTs(context.noise!);
  // As the functions compute it (one way for the games so far: sigma * Math.abs(phi)).
  const sharpness = [...context.sharpness].map((text) => text.replaceAll('Math.abs(', 'abs(').replaceAll('Math.max(', 'max(')).join(' or ') || '0 (no function of the noise)';
  const cap = Math.floor((TRAPEZOID_MAX_HALF * TRAPEZOID_STEP) / TRAPEZOID_REACH);
  return [
    '//',
    `// Instance noise: every formula below that contains epsilon stands for its expectation over`,
    `// epsilon ~ N(0, ${sigma}^2), computed by quadrature (runtime/quadrature.ts), whose rule`,
    `// follows the sharpness of the integrand, s = ${sharpness}: ${sigma} times the slope in epsilon`,
    `// of the arguments of its sigmoids, whose poles lie pi / s from the real axis (in units of ${sigma}).`,
    `// - s <= ${HERMITE_MAX_SHARPNESS}: a Gauss-Hermite rule of n = min(${context.noiseNodes}, max(8, ${context.noiseNodes} s / 0.6)) nodes, measured to keep`,
    `//   the error below 2e-15 of max(1, |value|) (runtime/quadrature.ts);`,
    `// - s > ${HERMITE_MAX_SHARPNESS}: the trapezoidal rule on [-${TRAPEZOID_REACH}, ${TRAPEZOID_REACH}] standard deviations with a step of at most`,
    `//   ${TRAPEZOID_STEP / scale} / s, whose error is of order exp(-2 pi^2 / (s step)). At most ${2 * TRAPEZOID_MAX_HALF * scale + 1} nodes, reached at s = ${cap}.`,
    `// Measured error, relative to max(1, |value|): below 1e-14 up to s = ${cap}; beyond, it grows`,
    `// like exp(-${Math.round((2 * Math.PI ** 2 * TRAPEZOID_MAX_HALF * scale) / TRAPEZOID_REACH)} / s), towards that of a step function.`,
  ];
}

/** The checks a derivation must pass before its module can be printed. */
function checkPrintable(derivation: Derivation, stage: Stage): void {
  const { game } = derivation;
  const inScope = new Set(['theta', 'phi', ...game.hyperparameters, ...(game.noise ? [EPSILON.name] : [])]);
  for (const node of new Set(emittedExpressions(stage).flatMap((e) => nodesOf(e)))) {
    if (node.kind === 'sym' && !inScope.has(node.name)) {
      throw new DerivationError(game.file, '', `cannot emit an evaluator: the formulas use '${node.name}', which is neither theta, phi${game.noise ? ', the noise epsilon' : ''} nor a hyperparameter`);
    }
  }
  const eq = stage.equilibrium;
  if (eq.differentiable && [eq.eigenvalues.center, eq.eigenvalues.radicand, ...eq.jacobian.flat()].some(noisy)) {
    throw new DerivationError(game.file, '', 'cannot emit an evaluator: the Jacobian at the equilibrium contains the noise epsilon; the derivation should have taken its expectation');
  }
  for (const name of new Set(boundExpressions(stage).flatMap((e) => [...symbolsOf(e)]))) {
    if (!game.hyperparameters.includes(name)) {
      throw new DerivationError(game.file, '', `cannot emit an evaluator: a closed-form learning-rate bound uses '${name}', which is not a hyperparameter`);
    }
  }
}

/** The game's module, and the shared activation module it re-exports from, if any. */
export interface EmittedModule {
  readonly text: string;
  readonly shared?: { readonly file: string; readonly text: string };
}

export function emitGameModule(derivation: Derivation, options: EvaluatorOptions = {}, nonlinear?: NonlinearAnalysis): EmittedModule {
  const { game } = derivation;
  const stage = derivation.concrete ?? derivation.generic;
  for (const name of game.hyperparameters) {
    const reason = reservedNameReason(name);
    if (reason) throw new DerivationError(game.file, `hyperparameters.${name}`, `this name is reserved: ${reason}; choose another`);
  }
  checkPrintable(derivation, stage);
  const context = gameContext(derivation, options);
  const differentiable = stage.equilibrium.differentiable && stage.discrete.length > 0;
  const activation = activationDerivatives(context, derivation);
  const declarations: Statement[] = [
    ...parameterTypes(context, derivation),
    ...activation.statements,
    ...objectives(context),
    ...fieldAndJacobian(context),
    ...equilibrium(context),
    ...nonlinearExports(context, nonlinear),
    ...trainingSteps(context),
    ...(differentiable ? stability(context) : []),
    ...trajectory(),
  ];
  // ts-morph separates functions and interfaces by a blank line but not aliases and constants.
  const separated = declarations.flatMap((d): Statement[] => [(writer) => writer.blankLineIfLastNot(), d]);
  const header = [`// @generated by \`npm run generate\` from ${game.file}. DO NOT EDIT.`, ...(context.noise ? noiseHeader(context) : [])].join('\n');
  const reexports = PUBLIC_RUNTIME_MODULES.map((module) => `export * from '${runtimeSpecifier(module)}';`);
  const text = printModule(separated, (identifiers) => [header, ...runtimeImports(identifiers), ...reexports]);
  return activation.shared ? { text, shared: activation.shared } : { text };
}

/** The text of the game's module alone. */
export const emitEvaluator = (derivation: Derivation, options: EvaluatorOptions = {}): string => emitGameModule(derivation, options).text;
