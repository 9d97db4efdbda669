import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { dependsOn } from '../generator/ir/traverse.js';
import type { Expr } from '../generator/ir/expr.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import type { Derivation } from '../generator/derive/derive.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { toTs } from '../generator/print/ts.js';
import { eliminateCommonSubexpressions, printBlock } from '../generator/emit/cse.js';
import { emitEvaluator, emitGameModule } from '../generator/emit/evaluator/module.js';
import { arrow } from '../generator/emit/evaluator/context.js';
import { printModule, runtimeImports } from '../generator/emit/evaluator/imports.js';
import { CodeBlockWriter } from 'ts-morph';
import { runtimeOutputs } from '../generator/runtime.js';
import { gaussHermite, normalHermiteRule } from '../runtime/quadrature.js';
import { expectationsOverNoise, gaussHermite as golubWelsch } from './oracles/gauss-hermite.js';
import { derivedGames } from './support/nonlinear.js';
import { ganObjective } from '../generator/pieces.js';
import ganInstanceNoise from '../derivations/gan-instance-noise.js';
import { gameSchema } from '../generator/load/schema.js';
import { EPSILON, specialise } from '../generator/specialise/dirac.js';
import { derive } from '../generator/derive/derive.js';

const print = (text: string): string => toTs(fromNerdamer(text));
const [a, b, c, d, x, y, phi, theta] = ['a', 'b', 'c', 'd', 'x', 'y', 'phi', 'theta'].map(E.sym) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr];
const phiTheta = E.mul(phi, theta);

let derivations: Derivation[] = [];
beforeAll(async () => {
  derivations = await derivedGames();
});
const derivation = (id: string): Derivation => derivations.find((g) => g.game.definition.id === id)!;

/**
 * E[e] over epsilon ~ N(0, sigma^2) for a formula of a noisy game, by the test's own
 * trapezoidal rule on [-10, 10] standard deviations, with a step of 0.1 / max(1, sigma |phi|):
 * on Dirac-GAN the noise enters the sigmoids as phi * epsilon, and that step resolves them far
 * beyond the module's accuracy (its error is of order exp(-2 pi^2 / 0.1)).
 */
function overNoise(e: Expr, env: { symbols: Record<string, number> }, sigma: number): number {
  if (!dependsOn(e, EPSILON.name)) return evaluate(e, env);
  const step = 0.1 / Math.max(1, sigma * Math.abs(env.symbols['phi']!));
  const half = Math.ceil(10 / step);
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const z = k * step;
    sum += Math.exp(-0.5 * z * z) * evaluate(e, { ...env, symbols: { ...env.symbols, [EPSILON.name]: sigma * z } });
  }
  return (sum * step) / Math.sqrt(2 * Math.PI);
}

describe('toTs powers', () => {
  it('writes small integer powers as products', () => {
    expect(print('x^2')).toBe('x * x');
    expect(print('x^3')).toBe('x * x * x');
    expect(print('x^4')).toBe('x * x * x * x');
  });
  it('uses Math.pow above the sixth power', () => expect(print('x^7')).toBe('Math.pow(x, 7)'));
  it('writes negative powers as a denominator', () => {
    expect(print('x^-1')).toBe('1 / x');
    expect(print('x^-2')).toBe('1 / (x * x)');
    expect(print('x^(-1/2)')).toBe('1 / Math.sqrt(x)');
  });
  it('writes the square root as Math.sqrt', () => expect(print('x^(1/2)')).toBe('Math.sqrt(x)'));
  it('uses Math.pow for other exponents', () => {
    expect(print('x^gamma')).toBe('Math.pow(x, gamma)');
    expect(print('x^(1/3)')).toBe('Math.pow(x, 1 / 3)');
  });
  it('parenthesises a compound base', () => {
    expect(print('(a+b)^2')).toBe('(a + b) * (a + b)');
    expect(print('1/(a+b)^2')).toBe('1 / ((a + b) * (a + b))');
  });
  it('repeats a call base', () => expect(toTs(E.pow(E.call('sigmoid', x), E.num(2)))).toBe('sigmoid(x) * sigmoid(x)'));
});

describe('toTs constants', () => {
  it('prints a terminating rational as its exact decimal', () => {
    expect(print('1/2')).toBe('0.5');
    expect(print('1/4')).toBe('0.25');
    expect(print('-3/4')).toBe('-0.75');
    expect(print('0.1')).toBe('0.1');
  });
  it('prints another rational as a quotient', () => expect(print('1/3')).toBe('1 / 3'));
  it('multiplies by a decimal coefficient', () => expect(print('gamma/2')).toBe('0.5 * gamma'));
  it('divides by a non-decimal denominator (one rounding)', () => {
    expect(print('gamma/3')).toBe('gamma / 3');
    expect(print('2*gamma/3')).toBe('2 * gamma / 3');
    expect(print('-gamma/(3*x)')).toBe('-gamma / (3 * x)');
  });
  it('prints integers', () => {
    expect(print('-2')).toBe('-2');
    expect(print('3*x')).toBe('3 * x');
  });
});

describe('toTs functions', () => {
  it('maps elementary functions to Math', () => {
    expect(print('exp(-x)')).toBe('Math.exp(-x)');
    expect(print('log(x)')).toBe('Math.log(x)');
    expect(toTs(E.mul(E.call('abs', x), E.call('sign', y)))).toBe('Math.abs(x) * Math.sign(y)');
  });
  it('calls the stable helpers', () => {
    expect(toTs(E.call('sigmoid', E.neg(phiTheta)))).toBe('sigmoid(-phi * theta)');
    expect(toTs(E.call('softplus', E.neg(x)))).toBe('softplus(-x)');
  });
  it('writes step(u), and a product with a factor step(u) or relu(u), as a choice on u', () => {
    const u = E.add(E.ONE, E.neg(phiTheta));
    expect(toTs(E.call('step', u))).toBe('1 - phi * theta > 0 ? 1 : 0');
    expect(toTs(E.mul(x, E.call('step', u)))).toBe('1 - phi * theta > 0 ? x : 0');
    expect(toTs(E.mul(E.MINUS_ONE, y, E.call('relu', u)))).toBe('1 - phi * theta <= 0 ? 0 : -y * (1 - phi * theta)');
    // A choice inside a sum is parenthesised; relu alone stays the helper.
    expect(toTs(E.add(x, E.mul(y, E.call('step', u))))).toBe('x + (1 - phi * theta > 0 ? y : 0)');
    expect(toTs(E.call('relu', u))).toBe('relu(1 - phi * theta)');
  });
  it('gives a choice the values of the functions it stands for: +0 where the factor is 0, NaN from relu(NaN), 0 from step(NaN)', () => {
    const at = (e: Expr, values: Record<string, number>): number => new Function(...Object.keys(values), `return ${toTs(e)};`)(...Object.values(values)) as number;
    const [stepped, relued] = [E.mul(x, E.call('step', y)), E.mul(x, E.call('relu', y))];
    // The old product x * step(y) was -0 here and NaN where x is infinite.
    expect(Object.is(at(stepped, { x: -2, y: -1 }), 0)).toBe(true);
    expect(at(stepped, { x: Infinity, y: -1 })).toBe(0);
    expect(at(stepped, { x: 3, y: 0.5 })).toBe(3);
    expect(at(stepped, { x: 3, y: Number.NaN })).toBe(0);
    expect(at(relued, { x: 3, y: Number.NaN })).toBeNaN();
    expect(at(relued, { x: 3, y: 0.5 })).toBe(1.5);
    expect(Object.is(at(relued, { x: -3, y: -0.5 }), 0)).toBe(true);
  });
  it('calls the abstract activation from the parameters', () => expect(toTs(E.activation(2, phiTheta))).toBe('p.activation.d2(phi * theta)'));
});

describe('toTs precedence', () => {
  it('negates a product without parentheses', () => expect(toTs(E.neg(phiTheta))).toBe('-phi * theta'));
  it('parenthesises a sum in a negated product', () => expect(toTs(E.mul(E.MINUS_ONE, E.add(a, b), E.add(c, d)))).toBe('-(a + b) * (c + d)'));
  it('parenthesises a sum factor', () => expect(toTs(E.mul(E.MINUS_ONE, E.add(a, b), c))).toBe('-c * (a + b)'));
  it('parenthesises a subtracted sum only inside a product', () => expect(print('a - (b - c)*d')).toBe('a - d * (b - c)'));
  it('writes an all-negative sum with a leading minus', () => expect(print('-a-b')).toBe('-a - b'));
  it('parenthesises a sum denominator', () => expect(print('x/(a+b)')).toBe('x / (a + b)'));
  it('parenthesises a product denominator', () => expect(print('x/(y*a)')).toBe('x / (a * y)'));
  it('prints named sub-expressions as their names', () => expect(toTs(E.add(x, E.neg(phiTheta)), new Map([[phiTheta, 'phiTheta']]))).toBe('x - phiTheta'));
});

describe('arrow functions of the emitted tables', () => {
  const written = (parameters: string, body: string[]): string => {
    const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
    arrow(parameters, body)(writer);
    return writer.toString();
  };
  it('write a lone return as an expression body, an object literal in parentheses', () => {
    expect(written('p', ['return [0, -0.5];'])).toBe('(p) => [0, -0.5]');
    expect(written('p', ['return { a: 1 };'])).toBe('(p) => ({ a: 1 })');
    expect(written('p, out', ['out[0] = 1;', 'return out;'])).toBe('(p, out) => {\n  out[0] = 1;\n  return out;\n}');
  });
});

describe('cse', () => {
  const sigmoidPhiTheta = E.call('sigmoid', phiTheta);

  it('computes a shared node once', () => {
    expect(printBlock([E.add(x, sigmoidPhiTheta), E.mul(y, sigmoidPhiTheta)])).toEqual({
      temporaries: [{ name: 'sigmoidPhiTheta', definition: 'sigmoid(phi * theta)' }],
      outputs: ['x + sigmoidPhiTheta', 'y * sigmoidPhiTheta'],
    });
  });
  it('shares a node with its negation and never names the negation', () => {
    expect(printBlock([sigmoidPhiTheta, E.call('sigmoid', E.neg(phiTheta))])).toEqual({
      temporaries: [{ name: 'phiTheta', definition: 'phi * theta' }],
      outputs: ['sigmoid(phiTheta)', 'sigmoid(-phiTheta)'],
    });
  });
  it('counts the operands of a repeated negation at each use', () => {
    expect(printBlock([E.add(E.call('exp', E.neg(phiTheta)), E.call('sigmoid', E.neg(phiTheta)))]).temporaries).toEqual([{ name: 'phiTheta', definition: 'phi * theta' }]);
  });
  it('names the base of a repeated product', () => {
    expect(printBlock([E.pow(E.add(a, b), E.num(2))])).toEqual({ temporaries: [{ name: 'aPlusB', definition: 'a + b' }], outputs: ['aPlusB * aPlusB'] });
  });
  it('orders temporaries children first, in order of first use', () => {
    const inner = E.add(a, b);
    const outer = E.call('exp', inner);
    const block = printBlock([E.add(x, outer), E.mul(outer, inner), E.mul(y, E.add(c, d)), E.mul(x, E.add(c, d))]);
    expect(block.temporaries.map((t) => t.name)).toEqual(['aPlusB', 'expAPlusB', 'cPlusD']);
  });
  it('avoids reserved names and falls back on numbered names', () => {
    expect(printBlock([phiTheta, E.call('exp', phiTheta)], { reserved: ['phiTheta'] }).temporaries[0]!.name).toBe('phiTheta2');
    const long = E.add(E.call('sigmoid', E.mul(x, y, a, b, theta)), E.call('softplus', E.mul(c, d, a, b, phi)));
    expect(printBlock([long, E.mul(x, long)]).temporaries.map((t) => t.name)).toEqual(['t0']);
  });
  it('can be turned off', () => {
    expect(eliminateCommonSubexpressions([sigmoidPhiTheta, E.mul(x, sigmoidPhiTheta)], { enabled: false }).temporaries).toEqual([]);
    expect(printBlock([E.pow(E.add(a, b), E.num(2))], { enabled: false }).outputs).toEqual(['(a + b) * (a + b)']);
  });
  it('defines each temporary from earlier ones only, deterministically', () => {
    const j = derivation('gan-consensus').concrete!.jacobian.flat();
    const block = printBlock(j);
    block.temporaries.forEach((t, i) => {
      const later = block.temporaries.slice(i).map((u) => u.name);
      for (const name of later) expect(t.definition).not.toMatch(new RegExp(`\\b${name}\\b`));
    });
    expect(printBlock(j)).toEqual(block);
  });
});

/** The body of an emitted function, from its signature to the next top-level closing brace. */
const bodyOf = (module: string, name: string): string => {
  const start = module.indexOf(`export function ${name}(`);
  return module.slice(start, module.indexOf('\n}\n', start));
};

describe('emitEvaluator', () => {
  it('computes the sigmoids of the consensus Jacobian from one exponential', () => {
    const jacobian = bodyOf(emitEvaluator(derivation('gan-consensus')), 'jacobianUnchecked');
    expect(jacobian.match(/Math\.exp\(/g)).toHaveLength(1);
    expect(jacobian).not.toMatch(/\bsigmoid\(/);
    expect(jacobian).toContain('const phiTheta = phi * theta;');
    const withoutCse = bodyOf(emitEvaluator(derivation('gan-consensus'), { cse: false }), 'jacobianUnchecked');
    expect(withoutCse.match(/const \w+/g)).toEqual(['const gamma']);
    expect(withoutCse.match(/sigmoid\(/g)!.length).toBeGreaterThan(20);
  });
  it('starts with the generated header and is byte-stable', () => {
    const text = emitEvaluator(derivation('gan-r1'));
    expect(text.split('\n')[0]).toBe('// @generated by `npm run generate` from derivations/gan-r1.ts. DO NOT EDIT.');
    expect(emitEvaluator(derivation('gan-r1'))).toBe(text);
  });
  it('imports the helpers of the runtime only when used, each from the module that defines it', () => {
    expect(emitEvaluator(derivation('gan'))).toMatch(/^import \{ [^}]*\bsigmoid\b[^}]* \} from '\.\/runtime\/elementary\.js';$/m);
    expect(emitEvaluator(derivation('wgan'))).not.toMatch(/\b(sigmoid|softplus)\b/);
  });
  it('documents the formula and the source of every export', () => {
    const text = emitEvaluator(derivation('gan-consensus'));
    // Declared here (not destructured from the runtime, whose types carry those docs).
    const exports = text.match(/^export (function|const|interface|type) \w+/gm)!;
    const docs = text.match(/\*\/\nexport (function|const|interface|type) \w+/g)!;
    expect(docs).toHaveLength(exports.length);
    expect(text.split('\n')[0]).toContain('from derivations/gan-consensus.ts');
    expect(bodyOf(text, 'vectorField')).not.toContain('$$');
    expect(text).toContain('$$v(\\theta, \\phi) = ');
  });
  it('exports the reason instead of eigenvalues when the equilibrium is not differentiable', () => {
    const text = emitEvaluator(derivation('wgan-gp'));
    expect(text).toContain('export const equilibriumNotDifferentiable = "the discriminator\'s objective contains abs(phi)');
    expect(text).not.toContain('equilibriumEigenvalues(');
  });
  it('asks for the activation when it is abstract', () => {
    const text = emitEvaluator(derivation('abstract-f'));
    expect(text).toContain('readonly d2: (t: number) => number;');
    expect(text).not.toContain('defaults');
    expect(text).toContain('export const vectorField: (theta: number, phi: number, p: Params, out?: Float64Array) => Float64Array = /* @__PURE__ */ checkedMap(');
  });
});

describe('emitted modules', () => {
  /** Every game module, with and without CSE, and the training module they import. */
  /** Every game module with and without CSE, the shared activation modules and the runtime they import. */
  const modules = (): Map<string, string> =>
    new Map([
      ...derivations.flatMap((g) => {
        const module = emitGameModule(g);
        return [
          [`${g.game.definition.id}.ts`, module.text],
          [`${g.game.definition.id}-no-cse.ts`, emitEvaluator(g, { cse: false })],
          ...(module.shared ? [[module.shared.file, module.shared.text]] : []),
        ] as [string, string][];
      }),
      ...runtimeOutputs(),
    ]);

  describe('compute what the derivation says', () => {
    let directory = '';
    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'emit-ts-'));
      for (const [name, text] of modules()) {
        await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
        await writeFile(path.join(directory, name), text);
      }
    });
    afterAll(() => rm(directory, { recursive: true, force: true }));

    /** Equal up to rounding: the printed code and the IR evaluator group operations differently. */
    const exactly = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    /** Expectations over the noise: up to the module's quadrature error (below 1e-14 of max(1, |value|) at these points). */
    const byQuadrature = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
    const sine = [Math.sin, Math.cos, (t: number) => -Math.sin(t), (t: number) => -Math.cos(t)];
    const points: readonly (readonly [number, number])[] = [[0.7, -1.3], [-2, 0.4], [35, 40]];

    it.each([['cse', ''], ['no cse', '-no-cse']])('with %s', async (_, suffix) => {
      for (const g of derivations) {
        const id = g.game.definition.id;
        const m = await import(path.join(directory, `${id}${suffix}.ts`));
        const stage = g.concrete ?? g.generic;
        const symbols = Object.fromEntries(g.game.hyperparameters.map((h) => [h, 0.8]));
        const params = g.concrete ? symbols : { ...symbols, activation: { d0: sine[0], d1: sine[1], d2: sine[2], d3: sine[3] } };
        const sigma = g.game.noise && evaluate(g.game.noise, { symbols });
        const close = sigma === undefined ? exactly : byQuadrature;
        // The steps' projections (clipping).
        const bounds = g.game.constraints.map((c) => ({ parameter: c.parameter, bound: evaluate(c.bound, { symbols }) }));
        const project = (theta: number, phi: number): [number, number] => {
          const point = { theta, phi };
          for (const { parameter, bound } of bounds) point[parameter] = Math.min(Math.max(point[parameter], -bound), bound);
          return [point.theta, point.phi];
        };
        for (const [t, q] of points) {
          const env = { symbols: { ...symbols, theta: t, phi: q }, activation: (k: number, u: number) => sine[k]!(u) };
          const at = (e: Expr, point = env): number => (sigma === undefined ? evaluate(e, point) : overNoise(e, point, sigma));
          close(m.generatorLoss(t, q, params), at(stage.objectives.generator));
          close(m.discriminatorLoss(t, q, params), at(stage.objectives.discriminator));
          const [vt, vp] = stage.field.map((e) => at(e)) as [number, number];
          [...m.vectorField(t, q, params)].forEach((v, i) => close(v, [vt, vp][i]!));
          [...m.jacobian(t, q, params)].forEach((v, i) => close(v, at(stage.jacobian.flat()[i]!)));
          const h = 0.01;
          const step = m.simultaneousStep(t, q, h, params);
          const expected = project(t + h * vt, q + h * vp);
          close(step[0], expected[0]);
          close(step[1], expected[1]);
          // One generator step (the default order), both parameters projected after it, then the
          // discriminator's step from there.
          const [theta1, phi1] = project(t + 0.03 * vt, q);
          const alternating = m.alternatingStep(t, q, { hG: 0.03, hD: 0.02, nG: 1, nD: 1 }, params);
          close(alternating[0], theta1);
          close(alternating[1], project(theta1, phi1 + 0.02 * at(stage.field[1], { ...env, symbols: { ...env.symbols, theta: theta1, phi: phi1 } }))[1]);
        }
        if (stage.equilibrium.differentiable) {
          const { center, radicand } = stage.equilibrium.eigenvalues;
          const env = { symbols, activation: (k: number, u: number) => sine[k]!(u) };
          const r = evaluate(radicand, env);
          const root = Math.sqrt(Math.abs(r));
          const expected = r >= 0 ? { re: [evaluate(center, env) + root, evaluate(center, env) - root], im: [0, 0] } : { re: [evaluate(center, env), evaluate(center, env)], im: [root, -root] };
          const actual = m.equilibriumEigenvalues(params);
          [...actual.re, ...actual.im].forEach((v: number, i: number) => close(v, [...expected.re, ...expected.im][i]!));
        } else expect(m.equilibriumNotDifferentiable).toBe(stage.equilibrium.reason);
      }
    });
  });
});

describe('quadrature over instance noise', () => {
  describe('the Gauss-Hermite rule (quadrature.ts)', () => {
    it('agrees with the eigenvalues of the Jacobi matrix (Golub-Welsch, another route)', () => {
      for (const n of [1, 2, 5, 20, 40, 80]) {
        const ours = gaussHermite(n);
        const theirs = golubWelsch(n);
        const order = theirs.nodes.map((x, i) => [x, theirs.weights[i]!] as const).sort((a, b) => a[0] - b[0]);
        ours.nodes.forEach((x, i) => {
          expect(Math.abs(x - order[i]![0]), `n = ${n}, node ${i}`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(x)));
          expect(Math.abs(ours.weights[i]! - order[i]![1]), `n = ${n}, weight ${i}`).toBeLessThanOrEqual(2e-12 * order[i]![1]);
        });
        // Increasing, symmetric.
        ours.nodes.forEach((x, i) => {
          if (i > 0) expect(x).toBeGreaterThan(ours.nodes[i - 1]!);
          expect(x + ours.nodes[n - 1 - i]!).toBe(0);
        });
      }
    });

    it('integrates the moments of the standard normal exactly up to degree 2n - 1', () => {
      const rule = normalHermiteRule(40);
      let doubleFactorial = 1; // (k - 1)!! for even k
      for (let k = 0; k < 80; k += 2) {
        if (k > 0) doubleFactorial *= k - 1;
        const moment = rule.nodes.reduce((sum, z, i) => sum + rule.weights[i]! * z ** k, 0);
        expect(Math.abs(moment - doubleFactorial), `E[z^${k}]`).toBeLessThanOrEqual(1e-13 * doubleFactorial);
        // Odd moments vanish, up to the rounding of a sum of terms of either sign.
        const odd = rule.nodes.reduce((sum, z, i) => sum + rule.weights[i]! * z ** (k + 1), 0);
        const scale = rule.nodes.reduce((sum, z, i) => sum + rule.weights[i]! * Math.abs(z) ** (k + 1), 0);
        expect(Math.abs(odd), `E[z^${k + 1}]`).toBeLessThanOrEqual(1e-14 * scale);
      }
    });
  });

  describe('the emitted evaluators', () => {
    let directory = '';
    /** gan-instance-noise with the default 40 Gauss-Hermite nodes, and with 80 (the trapezoidal rule refined in proportion). */
    const modules: Record<'n' | 'twoN', Record<string, (...args: unknown[]) => Float64Array | number>> = { n: {}, twoN: {} };
    let text = '';
    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'emit-noise-'));
      const module = emitGameModule(derivation('gan-instance-noise'));
      text = module.text;
      await writeFile(path.join(directory, 'n.ts'), text);
      await writeFile(path.join(directory, 'two-n.ts'), emitEvaluator(derivation('gan-instance-noise'), { noiseNodes: 80 }));
      const shared = module.shared ? [[module.shared.file, module.shared.text] as const] : [];
      for (const [file, content] of [...runtimeOutputs(), ...shared]) {
        await mkdir(path.dirname(path.join(directory, file)), { recursive: true });
        await writeFile(path.join(directory, file), content);
      }
      modules.n = await import(path.join(directory, 'n.ts'));
      modules.twoN = await import(path.join(directory, 'two-n.ts'));
    });
    afterAll(() => rm(directory, { recursive: true, force: true }));

    /** [theta, phi, sigma]: both rules (s = sigma |phi| below and above 1), s = 15 (phi = 5, sigma = 3), s = 100. */
    const POINTS = [[0.7, -1.3, 0.5], [0.3, 0.4, 0.05], [-1, 1.8, 0.5], [-2, 0.9, 3], [0.5, 5, 3], [35, 40, 0.8], [1, 50, 2]] as const;

    it('take the rule from the runtime: one loop over its pairs of nodes in the field, and one over every node where that might overflow', () => {
      expect(text).toContain("import { noiseRule } from './runtime/quadrature.js';");
      const field = bodyOf(text, 'vectorFieldUnchecked');
      expect(field.match(/for \(let node = 0; node < rule\.positive\.length;/g)).toHaveLength(1);
      expect(field.match(/for \(let node = 0; node < rule\.nodes\.length;/g)).toHaveLength(1);
      // One exponential a pair of nodes at most: exp(phi epsilon) serves every sigmoid at +-epsilon,
      // and over equally spaced nodes it is the last pair's times exp(phi sigma spacing).
      expect(field.match(/Math\.exp\(/g)).toHaveLength(3);
      expect(field).toContain('slopeExp *= slopeRatio;');
      expect(normalHermiteRule(40).weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    });

    it('take a negative sigma as its magnitude in the unchecked field and Jacobian (the noise is symmetric), never NaN', () => {
      for (const [theta, phi] of [[10, 100], [0.7, -1.3]] as const) {
        const unchecked = (sigma: number) => [...(modules.n.vectorFieldUnchecked!(theta, phi, { sigma }, new Float64Array(2)) as Float64Array), ...(modules.n.jacobianUnchecked!(theta, phi, { sigma }, new Float64Array(4)) as Float64Array)];
        const [negative, positive] = [unchecked(-1), unchecked(1)];
        negative.forEach((value, i) => expect(Math.abs(value - positive[i]!), `output ${i} at (${theta}, ${phi})`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(positive[i]!))));
      }
    });

    it('emit a noise named as the pairs\' own locals (pairWeight, reach, slopeExp, slopeRatio, epsilonStep) without clashing', async () => {
      const [theta, phi, sigma] = [0.7, -1.3, 0.5];
      const expected = [...(modules.n.vectorField!(theta, phi, { sigma }) as Float64Array), ...(modules.n.jacobian!(theta, phi, { sigma }) as Float64Array)];
      for (const name of ['pairWeight', 'reach', 'slopeExp', 'slopeRatio', 'epsilonStep']) {
        const { eigenvalues } = ganInstanceNoise.claims;
        const input = {
          ...ganInstanceNoise,
          objective: ganObjective({ noise: name }),
          hyperparameters: { [name]: ganInstanceNoise.hyperparameters!['sigma']! },
          claims: { ...ganInstanceNoise.claims, eigenvalues: { re: eigenvalues!.re.replaceAll('sigma', name), im: eigenvalues!.im.replaceAll('sigma', name) } },
        };
        const file = path.join(directory, `noise-${name}.ts`);
        await writeFile(file, emitEvaluator(derive(specialise({ file: 'derivations/gan-instance-noise.ts', definition: gameSchema.parse(input) }))));
        const module = await import(file) as Record<string, (...args: unknown[]) => Float64Array>;
        const got = [...module.vectorField!(theta, phi, { [name]: sigma }), ...module.jacobian!(theta, phi, { [name]: sigma })];
        got.forEach((value, i) => expect(value, `${name}: output ${i}`).toBe(expected[i]));
      }
    });

    it('agree with an independent quadrature of the field and Jacobian, on both sides of the pairs\' guard against overflow', () => {
      // The integrands written out (bench/noise-reference.ts has the derivation): x = theta + e,
      // s = sigmoid(-phi x), q = 1 - s, r = sigmoid(phi e).
      const sig = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
      const oracle = (theta: number, phi: number, sigma: number): number[] => {
        const [s, xs, er, sq, xsq, x2sq, e2rr] = expectationsOverNoise((e) => {
          const x = theta + e;
          const sx = sig(-phi * x);
          const qx = sig(phi * x);
          const r = sig(phi * e);
          return [sx, x * sx, e * r, sx * qx, x * sx * qx, x * x * sx * qx, e * e * r * sig(-phi * e)];
        }, sigma, sigma * Math.abs(phi));
        const j01 = -s! + phi * xsq!;
        return [-phi * s!, xs! - er!, phi * phi * sq!, j01, -j01, -x2sq! - e2rr!];
      };
      // |phi theta| + |phi| sigma reach against 700: below (pairs; both rules), and above (node by node).
      const points = [[0.7, -1.3, 0.5], [-2, 0.9, 3], [0.5, 5, 3], [18, 30, 0.5], [24, 30, 0.5], [1, 50, 2]] as const;
      for (const [theta, phi, sigma] of points) {
        const expected = oracle(theta, phi, sigma);
        const got = [...(modules.n.vectorField!(theta, phi, { sigma }) as Float64Array), ...(modules.n.jacobian!(theta, phi, { sigma }) as Float64Array)];
        got.forEach((value, i) => expect(Math.abs(value - expected[i]!), `output ${i} at (${theta}, ${phi}), sigma = ${sigma}`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected[i]!))));
      }
    });

    it('with n nodes agree with 2n (an estimate of the error) to 1e-12, also where |phi| sigma is large', () => {
      for (const [theta, phi, sigma] of POINTS) {
        const p = { sigma };
        const pairs: [string, number[], number[]][] = [
          ['vectorField', [...(modules.n.vectorField!(theta, phi, p) as Float64Array)], [...(modules.twoN.vectorField!(theta, phi, p) as Float64Array)]],
          ['jacobian', [...(modules.n.jacobian!(theta, phi, p) as Float64Array)], [...(modules.twoN.jacobian!(theta, phi, p) as Float64Array)]],
          ['losses', [modules.n.generatorLoss!(theta, phi, p) as number, modules.n.discriminatorLoss!(theta, phi, p) as number], [modules.twoN.generatorLoss!(theta, phi, p) as number, modules.twoN.discriminatorLoss!(theta, phi, p) as number]],
        ];
        for (const [name, n, twoN] of pairs) {
          n.forEach((value, i) => {
            expect(Number.isFinite(value)).toBe(true);
            expect(Math.abs(value - twoN[i]!), `${name}[${i}] at (${theta}, ${phi}), sigma = ${sigma}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(twoN[i]!)));
          });
        }
      }
    });

    /** Uniform numbers from a seed (mulberry32): the same samples on every run. */
    function uniforms(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    it('agree with a Monte Carlo estimate of the field (1e5 samples, seeded) within 5 standard errors', () => {
      const { field } = derivation('gan-instance-noise').concrete!;
      for (const [theta, phi, sigma] of [[0.5, 5, 3], [0.7, -1.3, 0.5]] as const) {
        const uniform = uniforms(20180710);
        const sums = [0, 0];
        const squares = [0, 0];
        const samples = 100_000;
        for (let k = 0; k < samples / 2; k++) {
          // Box-Muller: two normal samples from two uniforms.
          const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
          const angle = 2 * Math.PI * uniform();
          for (const z of [radius * Math.cos(angle), radius * Math.sin(angle)]) {
            const env = { symbols: { theta, phi, sigma, [EPSILON.name]: sigma * z } };
            field.forEach((e, i) => {
              const value = evaluate(e, env);
              sums[i]! += value;
              squares[i]! += value * value;
            });
          }
        }
        const v = modules.n.vectorField!(theta, phi, { sigma }) as Float64Array;
        for (const i of [0, 1]) {
          const mean = sums[i]! / samples;
          const standardError = Math.sqrt((squares[i]! / samples - mean * mean) / (samples - 1));
          expect(Math.abs(v[i]! - mean), `v[${i}] at (${theta}, ${phi}), sigma = ${sigma}: ${v[i]} against ${mean} +- ${standardError}`).toBeLessThanOrEqual(5 * standardError);
        }
      }
    });

    it('the steps integrate with the same rule as the field', () => {
      for (const [theta, phi, sigma] of POINTS) {
        const p = { sigma };
        const m = modules.n;
        const [vTheta, vPhi] = m.vectorField!(theta, phi, p) as Float64Array;
        const h = 0.1;
        expect([...(m.simultaneousStep!(theta, phi, h, p) as Float64Array)]).toEqual([theta + h * vTheta!, phi + h * vPhi!]);
        // One generator step (the default order), then one discriminator step at the new theta.
        const alternating = m.alternatingStep!(theta, phi, { hG: 0.2, hD: 0.3, nG: 1, nD: 1 }, p) as Float64Array;
        const theta1 = theta + 0.2 * vTheta!;
        expect(alternating[0]).toBe(theta1);
        expect(alternating[1]).toBe(phi + 0.3 * (m.vectorField!(theta1, phi, p) as Float64Array)[1]!);
      }
    });
  });
});

describe('a module’s imports', () => {
  it('imports the runtime names its code calls, not the words of its comments, strings and template text, nor properties', () => {
    const text = printModule(
      [
        '/** clip and sigmoid in a comment. */',
        "export const a = (x: number): string => `a ${clip(x, { bound: x }.bound) + sigmoidDifference(x)} sigmoid ${`wide ${relu(x)}`} softplus`;",
        "export const b = 'softplus';",
        // A runtime name after a dot is a property: wide is imported, its softplus is not.
        'export const c = wide.softplus;',
      ],
      (identifiers) => runtimeImports(identifiers),
    );
    const imported = [...text.matchAll(/^import \{ ([^}]+) \}/gm)].flatMap((m) => m[1]!.split(', '));
    expect(imported.sort()).toEqual(['clip', 'relu', 'sigmoidDifference', 'wide']);
  });
});
