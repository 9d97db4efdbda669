/**
 * Stage 2, specialise: a game's general objectives -> the Dirac-GAN (Mescheder et al.
 * 2018, section 2): data is the point x = 0, the generator is the point x = theta, and
 * D(x) is the derivation's discriminator (phi*x). An expectation over a point mass is the
 * integrand at that point; the input gradient gradD(x) is dD/dx at that point.
 *
 * Penalties get the sign that makes them penalties: added to the generator's objective
 * (it descends), subtracted from the discriminator's (it ascends).
 */
import * as E from '../ir/expr.js';
import { dependsOn, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import type { Distribution, ExpectationTerm, GameDefinition, Player } from '../game.js';
import { ExpressionError } from '../ir/parse.js';
import type { Syntax } from '../ir/parse.js';
import { DerivationError } from '../load/errors.js';
import type { LoadedGame } from '../load/load.js';
import { differentiate } from '../cas/differentiate.js';
import { evaluate } from '../ir/evaluate.js';
import { activationCall, expressionAt, makeScope, symbolMap } from './scopes.js';
import { toNerdamer } from '../cas/text.js';
import { INTERPOLATION_SYMBOL, NOISE_SYMBOL } from '../vocabulary/symbols.js';
import { ACTIVATION_NAMES } from '../vocabulary/activation.js';

const DECLARE_HYPERPARAMETER = 'a hyperparameter must be declared under hyperparameters, with a default, a range and a description';

export const THETA = E.sym('theta');
export const PHI = E.sym('phi');
/** Where an interpolated sample lies between the real (0) and generated (theta) one. */
const INTERPOLATION = E.sym(INTERPOLATION_SYMBOL);
/** Instance noise: the Gaussian perturbation of a sample. Formulas that contain it are
 * expectations over it (the derivation takes them exactly at the equilibrium, the
 * evaluators by Gauss-Hermite quadrature). */
export const EPSILON = E.sym(NOISE_SYMBOL);

/** Whether an expression holds the instance noise (an expectation over it is still to be taken). */
export const noisy = (e: Expr): boolean => dependsOn(e, EPSILON.name);
const PLAYER_PARAMETER: Record<Player, string> = { generator: 'theta', discriminator: 'phi' };

/** One expectation of a general objective, kept for display (D(x) and gradD(x) as symbols). */
export interface GeneralTerm {
  readonly over: Distribution;
  /** The standard deviation of the instance noise added to the samples, if any. */
  readonly noise?: Expr;
  readonly integrand: Expr;
  /** The weight in front of it (1 for an objective term). */
  readonly weight: Expr;
}

export interface DiracGame {
  readonly file: string;
  readonly definition: GameDefinition;
  readonly hyperparameters: readonly string[];
  /** The hyperparameters whose range lies above 0: the sign analysis takes these as positive, the others as of any sign. */
  readonly positive: readonly string[];
  /** Those whose range lies below 0 (an R1 weight of the wrong sign): the continuous verdict takes these as negative. */
  readonly negative: readonly string[];
  /** D(x), an expression in x and phi. */
  readonly discriminator: Expr;
  /** The objectives in general form, for display: player -> signed expectation terms. */
  readonly general: Readonly<Record<Player, readonly GeneralTerm[]>>;
  /** Each player's Dirac-GAN objective including expectation penalties, f abstract. */
  readonly objectives: Readonly<Record<Player, Expr>>;
  /** Each expectation as specialised, with the field and text it comes from (errors name them). */
  readonly terms: readonly { readonly field: string; readonly text: string; readonly value: Expr }[];
  /** The consensus weight, when the game has consensus optimisation. */
  readonly consensusWeight?: Expr;
  /** f(t) as an expression in t, or undefined when the activation is abstract or unused. */
  readonly activation?: Expr;
  /** 'none': the objectives do not use f, so the generic derivation is already concrete. */
  readonly activationKind: 'concrete' | 'abstract' | 'none';
  /** The standard deviation of the instance noise, when the objectives have some. */
  readonly noise?: Expr;
  /** Projections after each training step. */
  readonly constraints: readonly { readonly parameter: 'theta' | 'phi'; readonly bound: Expr }[];
  /** What the derivation keeps but the generator remarks on (a penalty constant on the Dirac-GAN). */
  readonly notes: readonly GameNote[];
}

/** A remark on a field of a derivation: not an error, shown with the game. */
export interface GameNote {
  readonly field: string;
  readonly text: { readonly en: string; readonly zh: string };
}

const POINT: Record<'data' | 'generator', Expr> = { data: E.ZERO, generator: THETA };
/** The point of a term over one sample (a pair term's two samples are at 0 and theta). */
const pointOf = (over: Exclude<Distribution, 'pair'>): Expr => (over === 'interpolated' ? E.mul(INTERPOLATION, THETA) : POINT[over]);

/** A sample an integrand names: where it lies, and the symbols of the general form for it. */
interface Sample {
  readonly point: Expr;
  readonly shown: { readonly x: string; readonly D: string; readonly gradD: string };
}
const SINGLE_SHOWN: Sample['shown'] = { x: 'x', D: 'D', gradD: 'gradD' };
const PAIR_SHOWN: Record<'real' | 'fake', Sample['shown']> = {
  real: { x: 'x_real', D: 'D_real', gradD: 'gradD_real' },
  fake: { x: 'x_fake', D: 'D_fake', gradD: 'gradD_fake' },
};
/** The discriminator's means, Edata(D(x)) and Egenerator(D(x)), and what each is over. */
const MEAN_OVER: Readonly<Record<string, 'data' | 'generator'>> = { Edata: 'data', Egenerator: 'generator' };
const MEAN_FUNCTIONS = Object.keys(MEAN_OVER);
/** The functions an objective's or a regulariser's expression may call besides the elementary ones: D, its input gradient, f and D's means. */
export const FORMAT_FUNCTIONS: readonly string[] = ['D', 'gradD', 'f', ...MEAN_FUNCTIONS];

export function specialise(game: LoadedGame): DiracGame {
  const { file, definition } = game;
  const hyperparameters = Object.keys(definition.hyperparameters).sort();
  const discriminator = expressionAt(file, 'discriminator', definition.discriminator, makeScope({ symbols: symbolMap(['x', 'phi', ...hyperparameters]) }, definition.discriminator));
  const inputGradient = differentiate(discriminator, 'x');
  const at = (e: Expr, x: Expr): Expr => substitute(e, new Map([['x', x]]));

  /** The samples an integrand names: x, or a pair's x_real and x_fake; each one's point on
   * the Dirac-GAN (noise added), and the symbols that show it in the general form. */
  const samplesOf = (over: Distribution, noise?: Expr): ReadonlyMap<string, Sample> => {
    const shifted = (point: Expr): Expr => (noise ? E.add(point, EPSILON) : point);
    return over === 'pair'
      ? new Map([['x_real', { point: shifted(E.ZERO), shown: PAIR_SHOWN.real }], ['x_fake', { point: shifted(THETA), shown: PAIR_SHOWN.fake }]])
      : new Map([['x', { point: shifted(pointOf(over)), shown: SINGLE_SHOWN }]]);
  };

  // The sample argument of D and gradD must be one of the expectation's own samples.
  const sampleArgument = (name: string, args: readonly Syntax[], text: string, samples: ReadonlyMap<string, Sample>): Sample => {
    const sample = args.length === 1 && args[0]!.kind === 'name' ? samples.get(args[0]!.name) : undefined;
    if (sample) return sample;
    throw new ExpressionError(samples.has('x')
      ? `${name} takes the sample x as its only argument, as in ${name}(x)`
      : `in a pair term ${name} takes one of the pair's samples, x_real or x_fake, as in ${name}(x_fake)`, text);
  };

  /** The integrand with D, gradD as display symbols (general form, `specialised` absent) or
   * specialised at the term's points, instance noise (if any) added to every sample. */
  const integrand = (field: string, text: string, over: Distribution, specialised?: { readonly noise?: Expr }): Expr => {
    const samples = samplesOf(over, specialised?.noise);
    const symbols = symbolMap(hyperparameters);
    for (const [name, sample] of samples) symbols.set(name, specialised ? sample.point : E.sym(sample.shown.x));
    return expressionAt(file, field, text, makeScope({
      symbols,
      functionNames: [...FORMAT_FUNCTIONS],
      unknownSymbolHint: DECLARE_HYPERPARAMETER,
      functions: (name, args, convert, t) => {
        if (name === 'D' || name === 'gradD') {
          const sample = sampleArgument(name, args, t, samples);
          if (!specialised) return E.sym(sample.shown[name]);
          return at(name === 'D' ? discriminator : inputGradient, sample.point);
        }
        const meanOver = MEAN_OVER[name];
        if (meanOver) {
          const [argument] = args;
          if (args.length !== 1 || argument!.kind !== 'call' || argument!.name !== 'D' || argument!.args.length !== 1 || argument!.args[0]!.kind !== 'name' || argument!.args[0]!.name !== 'x') {
            throw new ExpressionError(`${name} takes D(x) only, as in ${name}(D(x)): the discriminator's mean over the ${meanOver === 'data' ? 'data' : "generator's samples"}`, t);
          }
          if (specialised?.noise) throw new ExpressionError(`${name}(D(x)) in a term with instance noise is not supported`, t);
          return specialised ? at(discriminator, POINT[meanOver]) : E.sym(`ED_${meanOver}`);
        }
        if (/^grad/.test(name)) throw new ExpressionError(`'${name}' is not defined: the only input gradient is the discriminator's, gradD(x)`, t);
        const activation = activationCall(name, args, convert, t);
        if (activation && definition.activation === 'none') throw new ExpressionError(`${name}(...) is used, but the activation is 'none'; give activation a definition or write the objective in D`, t);
        return activation;
      },
    }, text));
  };

  // A weight, a noise level or a clip bound is a number wherever the hyperparameters go: at the
  // defaults (where every figure of the record is computed) and at the ends of the ranges (where
  // the site's sliders go). gamma/(gamma - 0.3) at gamma = 0.3 is an error here, not an
  // infinity deep in the analyses.
  const corners = (['default', 'lower end', 'upper end'] as const).map((where, k) => ({
    where: k === 0 ? 'the defaults' : `the ${where}s of the ranges`,
    symbols: Object.fromEntries(hyperparameters.map((name) => {
      const { default: value, range } = definition.hyperparameters[name]!;
      return [name, k === 0 ? value : range[k - 1]!];
    })),
  }));
  // `positive`: a clip bound, whose interval [-bound, bound] is empty below 0.
  const weightOf = (field: string, text: string, positive = false): Expr => {
    const value = expressionAt(file, field, text, makeScope({ symbols: symbolMap(hyperparameters), unknownSymbolHint: DECLARE_HYPERPARAMETER }, text));
    for (const { where, symbols } of corners) {
      const number = evaluate(value, { symbols });
      if (!Number.isFinite(number) || (positive && !(number > 0))) {
        const at = hyperparameters.map((name) => `${name} = ${symbols[name]}`).join(', ');
        throw new DerivationError(file, field, `"${text}" is ${number} at ${where}${at ? ` (${at})` : ''}: it must be a ${positive ? 'positive' : 'finite'} number wherever the hyperparameters go`);
      }
    }
    return value;
  };

  // Every noisy term must use the same standard deviation: one noise variable serves them all.
  let noise: Expr | undefined;
  const noiseOf = (field: string, term: ExpectationTerm): Expr | undefined => {
    if (term.noise === undefined) return undefined;
    const noiseField = field.replace(/\.of$/, '.noise');
    const sigma = weightOf(noiseField, term.noise);
    if (term.over === 'interpolated' || term.over === 'pair') throw new DerivationError(file, noiseField, `instance noise on ${term.over === 'pair' ? 'pairs of' : 'interpolated'} samples is not supported`);
    if (noise && noise !== sigma) throw new DerivationError(file, noiseField, `every noisy term must have the same standard deviation (${toNerdamer(noise)} elsewhere, ${term.noise} here)`);
    noise = sigma;
    return sigma;
  };

  const terms: DiracGame['terms'][number][] = [];
  const expectation = (field: string, term: ExpectationTerm): Expr => {
    const sigma = noiseOf(field, term);
    const value = integrand(field, term.of, term.over, sigma ? { noise: sigma } : {});
    terms.push({ field, text: term.of, value });
    if (dependsOn(value, INTERPOLATION.name)) {
      throw new DerivationError(file, field, `"${term.of}" depends on where the interpolated sample lies; on Dirac-GAN only integrands that do not (such as functions of gradD(x)) can be taken over interpolated points`);
    }
    return value;
  };

  const generalTerm = (field: string, term: ExpectationTerm, weight: Expr): GeneralTerm => {
    const sigma = noiseOf(field, term);
    return { over: term.over, integrand: integrand(field, term.of, term.over), weight, ...(sigma ? { noise: sigma } : {}) };
  };

  const players: Player[] = ['generator', 'discriminator'];
  const general = { generator: [] as GeneralTerm[], discriminator: [] as GeneralTerm[] };
  const objectives = { generator: E.ZERO as Expr, discriminator: E.ZERO as Expr };
  for (const player of players) {
    definition.objectives[player].forEach((term, i) => {
      const field = definition.zeroSum ? `objective[${i}].of` : `objectives.${player}[${i}].of`;
      general[player].push(generalTerm(field, term, E.ONE));
      objectives[player] = E.add(objectives[player], expectation(field, term));
    });
  }

  let consensusWeight: Expr | undefined;
  const notes: GameNote[] = [];
  definition.regularisers.forEach((regulariser, i) => {
    const weight = weightOf(`regularisers[${i}].weight`, regulariser.weight);
    if (regulariser.kind === 'consensus') {
      if (consensusWeight) throw new DerivationError(file, `regularisers[${i}]`, 'a game has at most one consensus regulariser');
      if ([...definition.objectives.generator, ...definition.objectives.discriminator].some((t) => t.noise)) {
        throw new DerivationError(file, `regularisers[${i}]`, 'consensus optimisation squares the field, which does not commute with the expectation over instance noise: the combination is not supported');
      }
      consensusWeight = weight;
      return;
    }
    const field = `regularisers[${i}].term.of`;
    const { player } = regulariser;
    const sign = player === 'generator' ? E.ONE : E.MINUS_ONE;
    const penalty = expectation(field, regulariser.term);
    // A penalty on a player's objective that does not depend on that player's parameter changes
    // nothing: a mistake where it depends on the other's (the wrong player), a fact of the
    // Dirac-GAN where it depends on neither (D(0) = 0 makes a penalty on D at the data constant).
    if (!dependsOn(penalty, PLAYER_PARAMETER[player])) {
      const other = player === 'generator' ? 'discriminator' : 'generator';
      if (dependsOn(penalty, PLAYER_PARAMETER[other])) {
        throw new DerivationError(file, `regularisers[${i}].player`, `the penalty "${regulariser.term.of}" does not depend on ${PLAYER_PARAMETER[player]}, the ${player}'s parameter, so it cannot change the ${player}'s training; did you mean player: '${other}'?`);
      }
      const value = toNerdamer(penalty);
      notes.push({
        field: `regularisers[${i}]`,
        text: {
          en: `the penalty "${regulariser.term.of}" over the ${regulariser.term.over} samples is constant on the Dirac-GAN (it is ${value} there): it is kept in the objectives as written, and changes no gradient of this game`,
          zh: `惩罚项 "${regulariser.term.of}" 在 Dirac-GAN 上是常数（其值为 ${value}）：目标函数中按原样保留，但不改变本博弈的任何梯度`,
        },
      });
    }
    general[player].push(generalTerm(field, regulariser.term, E.mul(sign, weight)));
    objectives[player] = E.add(objectives[player], E.mul(sign, weight, penalty));
  });

  checkClaimExpressions(file, definition, hyperparameters);

  const spec = definition.activation;
  const activation = typeof spec === 'string'
    ? undefined
    : expressionAt(file, 'activation.definition', spec.definition, makeScope({ symbols: symbolMap(['t', ...hyperparameters]) }, spec.definition));
  const constraints = definition.constraints.map((c, i) => ({ parameter: c.parameter, bound: weightOf(`constraints[${i}].bound`, c.bound, true) }));

  return {
    file, definition, hyperparameters, positive: hyperparameters.filter((name) => definition.hyperparameters[name]!.range[0] > 0),
    negative: hyperparameters.filter((name) => definition.hyperparameters[name]!.range[1] < 0), discriminator, general, objectives, terms,
    ...(consensusWeight ? { consensusWeight } : {}),
    ...(activation ? { activation } : {}),
    activationKind: typeof spec === 'string' ? spec : 'concrete',
    ...(noise ? { noise } : {}),
    constraints,
    notes,
  };
}

/** Claims are checked by the tests, but their expressions must make sense from the start. */
function checkClaimExpressions(file: string, definition: GameDefinition, hyperparameters: readonly string[]): void {
  const { eigenvalues, invariant } = definition.claims;
  const inParameters = (field: string, text: string): Expr =>
    expressionAt(file, field, text, makeScope({ symbols: symbolMap(hyperparameters), functionNames: ACTIVATION_NAMES, functions: activationCall }, text));
  if (eigenvalues) {
    inParameters('claims.eigenvalues.re', eigenvalues.re);
    inParameters('claims.eigenvalues.im', eigenvalues.im);
  }
  if (invariant) expressionAt(file, 'claims.invariant', invariant, makeScope({ symbols: symbolMap(['theta', 'phi', ...hyperparameters]) }, invariant));
  for (const [method, bound] of Object.entries(definition.claims.bounds ?? {})) if (bound !== undefined) inParameters(`claims.bounds.${method}`, bound);
}
