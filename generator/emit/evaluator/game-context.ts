/**
 * A game's emitter context (context.ts's Context) and the writing of a function body's lines,
 * apart from ts-morph: the playground prints the module's fast paths with them
 * (site/playground/source.ts) where the TypeScript compiler is not carried.
 */
import type { CodeBlockWriter } from 'ts-morph';
import { objectivesField } from '../../game.js';
import type { Expr } from '../../ir/expr.js';
import { nodesOf } from '../../ir/traverse.js';
import type { Derivation, Stage } from '../../derive/derive.js';
import { kinksAnywhere } from '../../derive/equilibrium.js';
import { HERMITE_NODE_COUNT } from '../../../runtime/quadrature.js';
import { moduleScopeNames } from '../../vocabulary/reserved.js';
import type { Context, EvaluatorOptions, Line } from './context.js';

/** Every expression the module prints. */
export function emittedExpressions(stage: Stage): Expr[] {
  const eq = stage.equilibrium;
  const atEquilibrium = eq.differentiable ? [eq.eigenvalues.center, eq.eigenvalues.radicand, ...eq.jacobian.flat()] : [];
  return [stage.objectives.generator, stage.objectives.discriminator, ...stage.field, ...stage.jacobian.flat(), ...atEquilibrium];
}

/** The closed-form bounds the module prints, in the hyperparameters. */
export const boundExpressions = (stage: Stage): Expr[] => stage.discrete.flatMap((a) => (a.bound?.kind === 'closed-form' ? a.bound.roots ?? [] : []));

/** The context of a derivation's module: its stage (the concrete one where f is given), names, noise, constraints and kinks. */
export function gameContext(derivation: Derivation, options: EvaluatorOptions = {}): Context {
  const { game } = derivation;
  const stage = derivation.concrete ?? derivation.generic;
  const noiseNodes = options.noiseNodes ?? HERMITE_NODE_COUNT;
  if (!Number.isInteger(noiseNodes) || noiseNodes < HERMITE_NODE_COUNT) throw new RangeError(`noiseNodes must be an integer >= ${HERMITE_NODE_COUNT}, got ${noiseNodes}`);
  const activationNodes = [...emittedExpressions(stage), ...boundExpressions(stage)].flatMap((e) => nodesOf(e));
  return {
    stage,
    hyperparameters: game.hyperparameters,
    abstract: derivation.concrete === undefined,
    regularised: game.definition.regularisers.length > 0,
    cse: options.cse ?? true,
    reserved: moduleScopeNames(game.hyperparameters),
    activationOrder: Math.max(0, ...activationNodes.flatMap((n) => (n.kind === 'activation' ? [n.order] : []))),
    file: game.file,
    objectivesField: objectivesField(game.definition),
    ...(game.noise ? { noise: game.noise } : {}),
    noiseNodes,
    constraints: game.constraints,
    kinks: kinksAnywhere(derivation.generic.objectives, game.positive),
    sharpness: new Set(),
  };
}

/** A body's lines written out: text as it is, blocks by their writers. */
export const writeLines = (writer: CodeBlockWriter, lines: readonly Line[]): void => {
  for (const line of lines) {
    if (typeof line === 'string') writer.writeLine(line);
    else line(writer);
  }
};
