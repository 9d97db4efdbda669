/**
 * A numeric reading of a derivation file, independent of the symbolic pipeline: it walks
 * the author's expressions as syntax trees and evaluates them with numbers. The Dirac-GAN
 * is set up here by hand (data at 0, generator at theta, an expectation over a point mass
 * is the integrand there, the interpolated sample any point between them, a pair of a real
 * and a generated sample both at once, a mean such as Egenerator(D(x)) its argument at the
 * point, instance noise by quadrature), the input
 * gradient of D is a finite difference, and the consensus penalty uses a finite-difference
 * field. Nothing here calls nerdamer, the IR or the specialiser: a bug there cannot hide
 * in this oracle.
 */
import { parseSyntax } from '../../generator/ir/parse.js';
import type { Syntax } from '../../generator/ir/parse.js';
import type { Distribution, GameDefinition, Player } from '../../generator/game.js';
import { derivative, differentiableAt } from './finite-difference.js';
import { expectationOverNoise } from './gauss-hermite.js';

type Functions = Readonly<Record<string, (...args: number[]) => number>>;
type Variables = Readonly<Record<string, number>>;
type Compiled = (variables: Variables) => number;
type Loss = (theta: number, phi: number) => number;

const OPERATORS: Readonly<Record<Extract<Syntax, { kind: 'binary' }>['op'], (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': Math.pow,
};

/** A syntax tree made into nested closures once, its functions bound: evaluating it then
 * walks no tree and looks up no function, which matters to oracles that evaluate their
 * trees millions of times (finite differences inside quadratures inside an ODE solver). */
export function compile(tree: Syntax, functions: Functions): Compiled {
  switch (tree.kind) {
    case 'number': {
      const value = Number(tree.text);
      return () => value;
    }
    case 'name': {
      const { name } = tree;
      return (variables) => {
        const value = variables[name];
        if (value === undefined) throw new Error(`oracle: no value for ${name}`);
        return value;
      };
    }
    case 'negate': {
      const operand = compile(tree.operand, functions);
      return (variables) => -operand(variables);
    }
    case 'binary': {
      const [left, right, op] = [compile(tree.left, functions), compile(tree.right, functions), OPERATORS[tree.op]];
      return (variables) => op(left(variables), right(variables));
    }
    case 'call': {
      const fn = functions[tree.name];
      if (!fn) throw new Error(`oracle: no function ${tree.name}`);
      const args = tree.args.map((arg) => compile(arg, functions));
      if (args.length === 1) {
        const only = args[0]!;
        return (variables) => fn(only(variables));
      }
      return (variables) => fn(...args.map((arg) => arg(variables)));
    }
  }
}

/** The variable the generator's point theta is read from by Egenerator(...). */
const MEAN_POINT = 'generator_point';

/** An expression with every sample x replaced by another node (a number, a variable). */
function bind(tree: Syntax, by: Syntax): Syntax {
  switch (tree.kind) {
    case 'number': return tree;
    case 'name': return tree.name === 'x' ? by : tree;
    case 'negate': return { ...tree, operand: bind(tree.operand, by) };
    case 'binary': return { ...tree, left: bind(tree.left, by), right: bind(tree.right, by) };
    case 'call': return { ...tree, args: tree.args.map((arg) => bind(arg, by)) };
  }
}

/** Edata(g(x)) and Egenerator(g(x)), the means over a point mass, as g at the point: at
 * x = 0 and at x = theta (read from MEAN_POINT), whatever g is. */
function withMeans(tree: Syntax): Syntax {
  switch (tree.kind) {
    case 'number': case 'name': return tree;
    case 'negate': return { ...tree, operand: withMeans(tree.operand) };
    case 'binary': return { ...tree, left: withMeans(tree.left), right: withMeans(tree.right) };
    case 'call': {
      if (tree.name === 'Edata') return bind(withMeans(tree.args[0]!), { kind: 'number', text: '0' });
      if (tree.name === 'Egenerator') return bind(withMeans(tree.args[0]!), { kind: 'name', name: MEAN_POINT });
      return { ...tree, args: tree.args.map(withMeans) };
    }
  }
}

const ELEMENTARY: Functions = {
  exp: Math.exp, log: Math.log, abs: Math.abs, sign: Math.sign, sqrt: Math.sqrt, max: Math.max, min: Math.min,
  relu: (x) => Math.max(0, x), step: (x) => (x > 0 ? 1 : 0),
  softplus: (x) => Math.log1p(Math.exp(x)), sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

export type Activation = (t: number) => number;

/** f(t): the one given (a test activation, to check formulas generic in f), else the derivation's. */
export function activationOf(definition: GameDefinition, params: Record<string, number>, given?: Activation): Activation {
  if (given) return given;
  const spec = definition.activation;
  if (spec === 'abstract') throw new Error('oracle: an abstract activation needs a test activation');
  if (spec === 'none') return () => Number.NaN; // the objectives do not call f
  const definitionOfF = compile(parseSyntax(spec.definition), ELEMENTARY);
  // One scope, updated in place: a fresh object per call was a third of the oracles' time.
  const scope = { ...params, t: 0 };
  return (t) => {
    scope.t = t;
    return definitionOfF(scope);
  };
}

export interface NumericGame {
  /** Each player's objective L(theta, phi), regularisers included. */
  readonly loss: Record<Player, (theta: number, phi: number) => number>;
  /** v = (-dL_G/dtheta, dL_D/dphi), by finite differences of the losses. */
  readonly field: (theta: number, phi: number) => [number, number];
  /** Whether finite differences of the objectives can be trusted at a point (no kink nearby). */
  readonly smoothAt: (theta: number, phi: number) => boolean;
  /** The derivation's projections after a training step (clipping), applied to a point. */
  readonly project: (theta: number, phi: number) => [number, number];
}

/** The noisy integrands are functions of phi (x + e): sharpness sigma |phi|. */
const noisyExpectation = (g: (e: number) => number, sigma: number, phi: number): number =>
  expectationOverNoise(g, sigma, sigma * Math.abs(phi));

/** Interpolated samples: a few points of the segment, to notice an integrand that varies along it. */
const INTERPOLATION_POINTS = [0.1, 0.5, 0.9];

export function numericGame(definition: GameDefinition, params: Record<string, number>, given?: Activation): NumericGame {
  const f = activationOf(definition, params, given);
  const discriminator = compile(parseSyntax(definition.discriminator), ELEMENTARY);
  // Scopes updated in place (D never calls itself, nor an integrand another integrand).
  const discriminatorScope = { ...params, x: 0, phi: 0 };
  const D = (x: number, phi: number): number => {
    discriminatorScope.x = x;
    discriminatorScope.phi = phi;
    return discriminator(discriminatorScope);
  };
  const constants = new Map<string, number>();
  /** A weight, a noise level or a bound: a number once the hyperparameters are known. */
  const constant = (text: string): number => constants.get(text) ?? constants.set(text, compile(parseSyntax(text), ELEMENTARY)(params)).get(text)!;

  // D and gradD inside an integrand are those of the discriminator at the current phi, which
  // `expectation` sets before it evaluates: integrands are compiled once, not once per phi.
  let currentPhi = 0;
  const integrandFunctions: Functions = {
    ...ELEMENTARY,
    f,
    D: (y) => D(y, currentPhi),
    gradD: (y) => derivative((z) => D(z, currentPhi), y),
  };
  const compiled = new Map<string, Compiled>();
  const integrandOf = (text: string): Compiled => compiled.get(text) ?? compiled.set(text, compile(withMeans(parseSyntax(text)), integrandFunctions)).get(text)!;

  // x for a term over one sample, x_real and x_fake for a pair; MEAN_POINT for the means.
  const integrandScope = { ...params, x: 0, x_real: 0, x_fake: 0, [MEAN_POINT]: 0 };
  const expectation = (term: { over: Distribution; of: string; noise?: string }, theta: number, phi: number): number => {
    const integrand = integrandOf(term.of);
    integrandScope[MEAN_POINT] = theta;
    const at = (x: number): number => {
      currentPhi = phi;
      integrandScope.x = x;
      return integrand(integrandScope);
    };
    // A pair: the real sample at 0, the generated one at theta (the pair's distribution is the product of two point masses).
    if (term.over === 'pair') {
      integrandScope.x_real = 0;
      integrandScope.x_fake = theta;
      return at(Number.NaN);
    }
    // Instance noise: the expectation over e ~ N(0, sigma^2) of the integrand at x + e.
    const noisy = (x: number): number =>
      term.noise === undefined ? at(x) : noisyExpectation((e) => at(x + e), constant(term.noise), phi);
    if (term.over === 'data') return noisy(0);
    if (term.over === 'generator') return noisy(theta);
    const values = INTERPOLATION_POINTS.map((t) => at(t * theta));
    return values.reduce((a, b) => a + b, 0) / values.length;
  };

  const base = (player: Player) => (theta: number, phi: number): number => {
    let value = 0;
    for (const term of definition.objectives[player]) value += expectation(term, theta, phi);
    for (const r of definition.regularisers) {
      if (r.kind !== 'expectation' || r.player !== player) continue;
      const weight = constant(r.weight);
      // A penalty: added to what the generator minimises, subtracted from what the discriminator maximises.
      value += (player === 'generator' ? 1 : -1) * weight * expectation(r.term, theta, phi);
    }
    return value;
  };
  const baseGenerator = base('generator');
  const baseDiscriminator = base('discriminator');
  // v = (-dL_G/dtheta, dL_D/dphi): each player's own partial derivative only.
  const fieldOf = (generator: Loss, discriminator: Loss) => (theta: number, phi: number): [number, number] => [
    -derivative((t) => generator(t, phi), theta),
    derivative((p) => discriminator(theta, p), phi),
  ];
  const baseField = fieldOf(baseGenerator, baseDiscriminator);

  const consensus = definition.regularisers.find((r) => r.kind === 'consensus');
  const consensusWeight = consensus ? constant(consensus.weight) : 0;
  const halfSquaredNorm = (theta: number, phi: number): number => {
    const [a, b] = baseField(theta, phi);
    return 0.5 * (a * a + b * b);
  };
  const loss = {
    generator: (theta: number, phi: number) => baseGenerator(theta, phi) + (consensus ? consensusWeight * halfSquaredNorm(theta, phi) : 0),
    discriminator: (theta: number, phi: number) => baseDiscriminator(theta, phi) - (consensus ? consensusWeight * halfSquaredNorm(theta, phi) : 0),
  };
  return {
    loss,
    field: fieldOf(loss.generator, loss.discriminator),
    project: (theta, phi) => {
      const clipped = { theta, phi };
      for (const c of definition.constraints ?? []) {
        const bound = constant(c.bound);
        clipped[c.parameter] = Math.min(Math.max(clipped[c.parameter], -bound), bound);
      }
      return [clipped.theta, clipped.phi];
    },
    // The discriminator's first: the kinks of the games so far are in phi, where it finds them.
    smoothAt: (theta, phi) =>
      differentiableAt((p) => loss.discriminator(theta, p), phi) && differentiableAt((t) => loss.generator(t, phi), theta),
  };
}
