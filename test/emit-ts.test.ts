import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import * as E from '../generator/ir/expr.js';
import type { Expr } from '../generator/ir/expr.js';
import { fromNerdamer } from '../generator/derive/cas.js';
import { derive } from '../generator/derive/derive.js';
import type { Derivation } from '../generator/derive/derive.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { loadGames } from '../generator/load/load.js';
import { specialise } from '../generator/specialise/dirac.js';
import { toTs } from '../generator/print/ts.js';
import { eliminateCommonSubexpressions, printBlock } from '../generator/emit/cse.js';
import { emitEvaluator } from '../generator/emit/evaluator.js';
import { TRAINING_FILE, emitTrainingModule } from '../generator/emit/training-module.js';

const print = (text: string): string => toTs(fromNerdamer(text));
const [a, b, c, d, x, y, phi, theta] = ['a', 'b', 'c', 'd', 'x', 'y', 'phi', 'theta'].map(E.sym) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr];
const phiTheta = E.mul(phi, theta);

let derivations: Derivation[] = [];
beforeAll(async () => {
  const root = new URL('..', import.meta.url).pathname;
  derivations = (await loadGames(path.join(root, 'derivations'), root)).map((g) => derive(specialise(g)));
});
const derivation = (id: string): Derivation => derivations.find((g) => g.game.definition.id === id)!;

describe('toTs powers', () => {
  it('writes small integer powers as products', () => {
    expect(print('x^2')).toBe('x * x');
    expect(print('x^3')).toBe('x * x * x');
    expect(print('x^4')).toBe('x * x * x * x');
  });
  it('uses Math.pow above the fourth power', () => expect(print('x^5')).toBe('Math.pow(x, 5)'));
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
    const jacobian = bodyOf(emitEvaluator(derivation('gan-consensus')), 'jacobian');
    expect(jacobian.match(/Math\.exp\(/g)).toHaveLength(1);
    expect(jacobian).not.toMatch(/\bsigmoid\(/);
    expect(jacobian).toContain('const phiTheta = phi * theta;');
    const withoutCse = bodyOf(emitEvaluator(derivation('gan-consensus'), { cse: false }), 'jacobian');
    expect(withoutCse.match(/const \w+/g)).toEqual(['const gamma']);
    expect(withoutCse.match(/sigmoid\(/g)!.length).toBeGreaterThan(20);
  });
  it('starts with the generated header and is byte-stable', () => {
    const text = emitEvaluator(derivation('gan-r1'));
    expect(text.split('\n')[0]).toBe('// @generated by `npm run generate` from derivations/gan-r1.ts. DO NOT EDIT.');
    expect(emitEvaluator(derivation('gan-r1'))).toBe(text);
  });
  it('emits the helpers only when used', () => {
    expect(emitEvaluator(derivation('gan'))).toMatch(/^function sigmoid\(x: number\): number \{$/m);
    expect(emitEvaluator(derivation('wgan'))).not.toMatch(/function (sigmoid|softplus)/);
  });
  it('documents the formula and the source of every export', () => {
    const text = emitEvaluator(derivation('gan-consensus'));
    const exports = text.match(/^export (function|const|interface|type) \w+/gm)!;
    const docs = text.match(/\*\/\nexport /g)!;
    expect(docs).toHaveLength(exports.length);
    expect(text.match(/Derived from derivations\/gan-consensus\.ts\./g)).toHaveLength(exports.length);
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
    expect(text).toContain('export function vectorField(theta: number, phi: number, p: Params, out: Float64Array = new Float64Array(2)): Float64Array {');
  });
});

describe('emitted modules', () => {
  /** Every game module, with and without CSE, and the training module they import. */
  const modules = (): Map<string, string> =>
    new Map([
      ...derivations.flatMap((g) => [
        [`${g.game.definition.id}.ts`, emitEvaluator(g)],
        [`${g.game.definition.id}-no-cse.ts`, emitEvaluator(g, { cse: false })],
      ] as const),
      [TRAINING_FILE, emitTrainingModule()],
    ]);

  it('type-check under strict options', () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: false, noUnusedLocals: true,
        noImplicitOverride: true, noFallthroughCasesInSwitch: true,
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'],
      },
    });
    for (const [name, text] of modules()) project.createSourceFile(`/generated/${name}`, text);
    project.createSourceFile('/generated/use.ts', [
      "import * as consensus from './gan-consensus';",
      "import * as abstract from './abstract-f';",
      "import * as wganGp from './wgan-gp';",
      "import { TrainingInputError, type Method, type Trajectory } from './training';",
      'const v: Float64Array = consensus.vectorField(1, 2, { gamma: 0.5 });',
      'const re: number = consensus.equilibriumEigenvalues().re[0] + v[0]!;',
      'const f = { d0: Math.sin, d1: Math.cos, d2: (t: number) => -Math.sin(t) };',
      'abstract.alternatingStep(1, 2, { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, { activation: f });',
      // The rates follow the method: a schedule for alternating steps only.
      "const rho: number = consensus.spectralRadius('alternating', { hG: 0.1, hD: 0.2, nG: 1, nD: 2 }) + consensus.spectralRadius('optimistic', { h: 0.1 });",
      "const bound = consensus.learningRateBound('extragradient');",
      "const h: number = bound.verdict === 'converges-below-bound' ? bound.bound : 0;",
      "const methods: Method[] = ['simultaneous', 'extragradient'];",
      "const paths: Trajectory[] = methods.map((m) => consensus.trajectory(m, [1, 1], { h: 0.1, steps: 10 }));",
      "paths.push(wganGp.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 5 }, steps: 10, tolerance: 1e-6 }));",
      "paths.push(abstract.trajectory('optimistic', [1, 1], { h: 0.1, steps: 10 }, { activation: f }));",
      '// @ts-expect-error: a schedule is for alternating steps only',
      "consensus.trajectory('simultaneous', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, steps: 10 });",
      '// @ts-expect-error: so are its rates',
      "consensus.updateEigenvalues('extragradient', { hG: 0.1, hD: 0.1, nG: 1, nD: 1 });",
      'const error: RangeError = new TrainingInputError(\'steps\', \'an integer\', 0.5);',
      'export const used = [re, rho, h, paths, error, wganGp.equilibriumNotDifferentiable.length];',
    ].join('\n'));
    const diagnostics = project.getPreEmitDiagnostics();
    expect(project.formatDiagnosticsWithColorAndContext(diagnostics)).toBe('');
  });

  describe('compute what the derivation says', () => {
    let directory = '';
    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'emit-ts-'));
      for (const [name, text] of modules()) await writeFile(path.join(directory, name), text);
    });
    afterAll(() => rm(directory, { recursive: true, force: true }));

    /** Equal up to rounding: the printed code and the IR evaluator group operations differently. */
    const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    const sine = [Math.sin, Math.cos, (t: number) => -Math.sin(t), (t: number) => -Math.cos(t)];
    const points: readonly (readonly [number, number])[] = [[0.7, -1.3], [-2, 0.4], [35, 40]];

    it.each([['cse', ''], ['no cse', '-no-cse']])('with %s', async (_, suffix) => {
      for (const g of derivations) {
        const id = g.game.definition.id;
        const m = await import(path.join(directory, `${id}${suffix}.ts`));
        const stage = g.concrete ?? g.generic;
        const symbols = Object.fromEntries(g.game.hyperparameters.map((h) => [h, 0.8]));
        const params = g.concrete ? symbols : { ...symbols, activation: { d0: sine[0], d1: sine[1], d2: sine[2], d3: sine[3] } };
        for (const [t, q] of points) {
          const env = { symbols: { ...symbols, theta: t, phi: q }, activation: (k: number, u: number) => sine[k]!(u) };
          const at = (e: Expr, point = env): number => evaluate(e, point);
          close(m.generatorLoss(t, q, params), at(stage.objectives.generator));
          close(m.discriminatorLoss(t, q, params), at(stage.objectives.discriminator));
          const [vt, vp] = stage.field.map((e) => at(e)) as [number, number];
          [...m.vectorField(t, q, params)].forEach((v, i) => close(v, [vt, vp][i]!));
          [...m.jacobian(t, q, params)].forEach((v, i) => close(v, at(stage.jacobian.flat()[i]!)));
          const h = 0.01;
          const step = m.simultaneousStep(t, q, h, params);
          close(step[0], t + h * vt);
          close(step[1], q + h * vp);
          // One discriminator step, then the generator sees the updated phi.
          const phi1 = q + 0.02 * vp;
          const alternating = m.alternatingStep(t, q, { hG: 0.03, hD: 0.02, nG: 1, nD: 1 }, params);
          close(alternating[1], phi1);
          close(alternating[0], t + 0.03 * at(stage.field[0], { ...env, symbols: { ...env.symbols, phi: phi1 } }));
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
