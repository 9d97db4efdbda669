/**
 * A numeric reading of a derivation file, independent of the symbolic pipeline: it walks
 * the author's expressions as syntax trees and evaluates them with numbers. The Dirac-GAN
 * is set up here by hand (data at 0, generator at theta, an expectation over a point mass
 * is the integrand there, the interpolated sample any point between them, instance noise
 * by quadrature), the input
 * gradient of D is a finite difference, and the consensus penalty uses a finite-difference
 * field. Nothing here calls nerdamer, the IR or the specialiser: a bug there cannot hide
 * in this oracle.
 */
import { parseSyntax } from '../../generator/ir/parse.js';
import type { Syntax } from '../../generator/ir/parse.js';
import type { Distribution, GameDefinition, Player } from '../../generator/game.js';
import { derivative, differentiableAt, gradient } from './finite-difference.js';
import { expectationOverNoise } from './gauss-hermite.js';

type Functions = Record<string, (...args: number[]) => number>;

export function interpret(tree: Syntax, variables: Record<string, number>, functions: Functions): number {
  const visit = (s: Syntax): number => {
    switch (s.kind) {
      case 'number': return Number(s.text);
      case 'name': {
        const value = variables[s.name];
        if (value === undefined) throw new Error(`oracle: no value for ${s.name}`);
        return value;
      }
      case 'negate': return -visit(s.operand);
      case 'binary': {
        const [a, b] = [visit(s.left), visit(s.right)];
        return s.op === '+' ? a + b : s.op === '-' ? a - b : s.op === '*' ? a * b : s.op === '/' ? a / b : Math.pow(a, b);
      }
      case 'call': {
        const fn = functions[s.name];
        if (!fn) throw new Error(`oracle: no function ${s.name}`);
        return fn(...s.args.map(visit));
      }
    }
  };
  return visit(tree);
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
  const tree = parseSyntax(spec.definition);
  return (t) => interpret(tree, { ...params, t }, ELEMENTARY);
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
  const discriminator = parseSyntax(definition.discriminator);
  const D = (x: number, phi: number): number => interpret(discriminator, { ...params, x, phi }, ELEMENTARY);

  const parsed = new Map<string, Syntax>();
  const syntaxOf = (text: string): Syntax => parsed.get(text) ?? parsed.set(text, parseSyntax(text)).get(text)!;

  const expectation = (term: { over: Distribution; of: string; noise?: string }, theta: number, phi: number): number => {
    const integrand = syntaxOf(term.of);
    const at = (x: number): number =>
      interpret(integrand, { ...params, x }, {
        ...ELEMENTARY,
        f,
        D: (y) => D(y, phi),
        gradD: (y) => derivative((z) => D(z, phi), y),
      });
    // Instance noise: the expectation over e ~ N(0, sigma^2) of the integrand at x + e.
    const noisy = (x: number): number =>
      term.noise === undefined ? at(x) : noisyExpectation((e) => at(x + e), interpret(syntaxOf(term.noise), params, ELEMENTARY), phi);
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
      const weight = interpret(syntaxOf(r.weight), params, ELEMENTARY);
      // A penalty: added to what the generator minimises, subtracted from what the discriminator maximises.
      value += (player === 'generator' ? 1 : -1) * weight * expectation(r.term, theta, phi);
    }
    return value;
  };
  const baseGenerator = base('generator');
  const baseDiscriminator = base('discriminator');
  const baseField = (theta: number, phi: number): [number, number] => [
    -gradient(baseGenerator, theta, phi)[0],
    gradient(baseDiscriminator, theta, phi)[1],
  ];

  const consensus = definition.regularisers.find((r) => r.kind === 'consensus');
  const consensusWeight = consensus ? interpret(parseSyntax(consensus.weight), params, ELEMENTARY) : 0;
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
    field: (theta, phi) => [-gradient(loss.generator, theta, phi)[0], gradient(loss.discriminator, theta, phi)[1]],
    project: (theta, phi) => {
      const clipped = { theta, phi };
      for (const c of definition.constraints ?? []) {
        const bound = interpret(syntaxOf(c.bound), params, ELEMENTARY);
        clipped[c.parameter] = Math.min(Math.max(clipped[c.parameter], -bound), bound);
      }
      return [clipped.theta, clipped.phi];
    },
    smoothAt: (theta, phi) =>
      differentiableAt((t) => loss.generator(t, phi), theta) && differentiableAt((p) => loss.discriminator(theta, p), phi),
  };
}
