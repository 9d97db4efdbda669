/**
 * The published conditions of Zhang and Yu, "Convergence of gradient methods on bilinear
 * zero-sum games" (ICLR 2020, arXiv 1908.05699), reproduced by the generic machinery of
 * generator/methods/ on the bilinear game the project has: WGAN on the Dirac-GAN, whose J(0, 0)
 * is [[0, -f'(0)], [f'(0), 0]], one singular value sigma = f'(0) = 1.
 *
 * Each of their methods is written here as a rule in their own parameters (alpha for both
 * players, the other step sizes per player), analysed as any method of methods/ is, and the
 * derived Schur conditions, evaluated from the closed-form characteristic polynomial, are
 * compared with each published inequality over a grid. Their Gauss-Seidel versions (x moves
 * first; y's previous gradient taken at (x_t, y_{t-1})) are exactly the alternating variant the
 * machinery builds from the rule. Where the paper's displayed conditions were lost in the
 * available text, they are recovered from its own Mathematica output (App. C): noted below.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { numericFunction } from '../generator/ir/evaluate.js';
import { analyseRules } from '../generator/methods/analyse.js';
import type { RuleAnalysis } from '../generator/methods/analyse.js';
import { coefficientSymbol, schurConditions } from '../generator/methods/schur.js';
import { RATE_SYMBOLS } from '../generator/methods/linearise.js';
import { defineMethod } from '../generator/method.js';
import type { MethodDefinition, StepContext, Vector } from '../generator/method.js';
import { environmentOf } from '../generator/derive/derive.js';
import { derivedGames } from './support/nonlinear.js';

const free = { default: 0.1, range: [-2, 2] as [number, number], description: { en: 'a step size', zh: '步长' } };

/** u with the generator's part scaled by a and the discriminator's by b. */
const perPlayer = <T>(m: StepContext<T>, a: T, b: T, u: Vector<T>): Vector<T> =>
  m.join({ generator: m.scale(a, m.part(u, 'generator')), discriminator: m.scale(b, m.part(u, 'discriminator')) });

/** Their methods, alpha = h_G = h_D the gradient step. */
const METHODS: Record<string, MethodDefinition> = {
  gd: defineMethod({ id: 'gd', title: { en: 'GD', zh: 'GD' }, summary: { en: 'x + alpha v(x)', zh: 'x + alpha v(x)' }, sources: ['Zhang and Yu 2020, eq. 2.6'], memory: [], step: ({ x }, m) => ({ x: m.add(x!, m.step(m.v(x!))) }) }),
  // gamma_1, gamma_2: the extrapolation steps of x and y; their beta_1 = alpha gamma_1, beta_2 = alpha gamma_2.
  eg: defineMethod({
    id: 'eg', title: { en: 'EG', zh: 'EG' }, summary: { en: 'generalised EG', zh: 'EG' }, sources: ['Zhang and Yu 2020, eqs. 2.7-2.8'], memory: [],
    hyperparameters: { gamma_1: free, gamma_2: free },
    step: ({ x }, m) => ({ x: m.add(x!, m.step(m.v(m.add(x!, perPlayer(m, m.p.gamma_1!, m.p.gamma_2!, m.v(x!)))))) }),
  }),
  // x_{t+1} = x_t + alpha v(z_t) - beta_i v(z_{t-1}), beta_1 for x and beta_2 for y.
  ogd: defineMethod({
    id: 'ogd', title: { en: 'OGD', zh: 'OGD' }, summary: { en: 'generalised OGD', zh: 'OGD' }, sources: ['Zhang and Yu 2020, eqs. 2.9-2.10'], memory: ['previous'],
    hyperparameters: { beta_1: free, beta_2: free },
    step: ({ x, previous }, m) => ({ x: m.sub(m.add(x!, m.step(m.v(x!))), perPlayer(m, m.p.beta_1!, m.p.beta_2!, m.v(previous!))), previous: x! }),
  }),
  // x_{t+1} = x_t + alpha v(z_t) + beta_i (x_t - x_{t-1}).
  momentum: defineMethod({
    id: 'momentum', title: { en: 'HB', zh: 'HB' }, summary: { en: 'generalised heavy ball', zh: 'HB' }, sources: ['Zhang and Yu 2020, eqs. 2.11-2.12'], memory: ['previous'],
    hyperparameters: { beta_1: free, beta_2: free },
    step: ({ x, previous }, m) => ({ x: m.add(x!, m.step(m.v(x!)), perPlayer(m, m.p.beta_1!, m.p.beta_2!, m.sub(x!, previous!))), previous: x! }),
  }),
  // Proximal point, x_{t+1} = x_t + alpha v(x_{t+1}): (I - alpha J) x_{t+1} = x_t near the equilibrium.
  pp: defineMethod({
    id: 'pp', title: { en: 'PP', zh: 'PP' }, summary: { en: 'proximal point', zh: 'PP' }, sources: ['Zhang and Yu 2020, App. A'], memory: [],
    step: ({ x }, m) => {
      const j = m.jacobian(x!);
      const alphaJ = j.map((row, i) => row.map((e) => m.scalars.mul(m.rate(m.players[i]!), e)));
      return { x: m.solve(m.matrixSum(m.identity(x!.length), alphaJ, -1), x!) };
    },
  }),
};

/** The derived Schur conditions at numbers: p's closed-form coefficients at (alpha, the method's parameters), then each condition. */
function derivedConverges(rule: RuleAnalysis): (alpha: number, parameters: Record<string, number>) => boolean {
  const polynomial = rule.formulas!.polynomial;
  const names = [RATE_SYMBOLS.generator, RATE_SYMBOLS.discriminator, ...Object.keys(rule.method.hyperparameters ?? {})];
  const coefficients = polynomial.map((c) => numericFunction(c, names, { symbols: {} }));
  const tests = schurConditions(polynomial.length - 1).map((c) => numericFunction(c.expression, polynomial.map((_, k) => coefficientSymbol(k)), { symbols: {} }));
  return (alpha, parameters) => {
    const values = [alpha, alpha, ...Object.keys(rule.method.hyperparameters ?? {}).map((name) => parameters[name]!)];
    const c = coefficients.map((f) => f(values));
    return tests.every((test) => test(c) > 0);
  };
}

/** A published condition: inequalities `left < right` each, all to hold. */
type Published = (alpha: number, b1: number, b2: number) => readonly (readonly [number, number])[];

const ALPHAS = Array.from({ length: 24 }, (_, i) => 0.05 + i * 0.085);
const BETAS = Array.from({ length: 25 }, (_, i) => -1.5 + i * 0.125 + 0.01);

/** Grid points where the derived region and the published one disagree, away from the published boundary (1e-7). */
function disagreements(converges: (alpha: number, b1: number, b2: number) => boolean, published: Published): { compared: number; wrong: string[] } {
  let compared = 0;
  const wrong: string[] = [];
  for (const alpha of ALPHAS) {
    for (const b1 of BETAS) {
      for (const b2 of BETAS) {
        const inequalities = published(alpha, b1, b2);
        if (inequalities.some(([l, r]) => Math.abs(l - r) < 1e-7 * (1 + Math.abs(l) + Math.abs(r)))) continue;
        compared++;
        const expected = inequalities.every(([l, r]) => l < r);
        if (converges(alpha, b1, b2) !== expected) wrong.push(`alpha=${alpha} beta1=${b1} beta2=${b2}: derived ${!expected}, published ${expected}`);
      }
    }
  }
  return { compared, wrong };
}

async function bilinearRules(): Promise<Map<string, RuleAnalysis>> {
  const wgan = (await derivedGames()).find((d) => d.game.definition.id === 'wgan')!;
  const j = wgan.concrete!.equilibrium;
  if (!j.differentiable) throw new Error('wgan has a Jacobian at the equilibrium');
  expect(j.jacobian.flat()).toEqual([E.ZERO, E.MINUS_ONE, E.ONE, E.ZERO]);
  const rules = analyseRules(Object.values(METHODS), j.jacobian, environmentOf(wgan.game, wgan.activationDerivatives), wgan.game.file);
  return new Map(rules.map((r) => [`${r.method.id} ${r.variant}`, r]));
}

describe('Zhang and Yu (ICLR 2020) on WGAN at the Dirac-GAN (sigma = 1): every published condition, derived', () => {
  it('GD (Theorem 3.1): Jacobi always diverges; Gauss-Seidel never converges, on the unit circle for alpha^2 sigma^2 < 4', async () => {
    const rules = await bilinearRules();
    const jacobi = derivedConverges(rules.get('gd simultaneous')!);
    const gaussSeidel = derivedConverges(rules.get('gd alternating')!);
    for (const alpha of ALPHAS) {
      expect(jacobi(alpha, {})).toBe(false);
      expect(gaussSeidel(alpha, {})).toBe(false);
      const radius = rules.get('gd alternating')!.oneRate.spectralRadius(alpha);
      if (alpha < 2) expect(Math.abs(radius - 1)).toBeLessThan(1e-9);
      else expect(radius).toBeGreaterThan(1);
    }
    expect(rules.get('gd simultaneous')!.oneRate.verdict).toBe('never-converges');
    expect(rules.get('gd alternating')!.oneRate).toMatchObject({ verdict: 'cycles-below-bound' });
    expect(rules.get('gd alternating')!.oneRate.bound).toBeCloseTo(2, 7);
  });

  it('EG (Theorem 3.2, with beta_1 = alpha gamma_1, beta_2 = alpha gamma_2)', async () => {
    const rules = await bilinearRules();
    for (const [variant, published] of [
      // Jacobi: 0 < alpha^2 + beta_1 beta_2 < beta_1 + beta_2 and 2 (beta_1 + beta_2) < 4 + alpha^2 + beta_1 beta_2.
      ['simultaneous', (a: number, b1: number, b2: number) => [[0, a * a + b1 * b2], [a * a + b1 * b2, b1 + b2], [2 * (b1 + b2), 4 + a * a + b1 * b2]] as const],
      // Gauss-Seidel: alpha^2 + beta_1 beta_2 > 0, beta_1 beta_2 < beta_1 + beta_2, 2 beta_1 + 2 beta_2 + alpha^2 < 4 + beta_1 beta_2.
      ['alternating', (a: number, b1: number, b2: number) => [[0, a * a + b1 * b2], [b1 * b2, b1 + b2], [2 * b1 + 2 * b2 + a * a, 4 + b1 * b2]] as const],
    ] as const) {
      const converges = derivedConverges(rules.get(`eg ${variant}`)!);
      const { compared, wrong } = disagreements((a, b1, b2) => converges(a, { gamma_1: b1 / a, gamma_2: b2 / a }), published);
      expect(wrong, `EG ${variant}`).toEqual([]);
      expect(compared).toBeGreaterThan(10_000);
    }
  });

  it('OGD (Theorem 3.3; the conditions as the paper’s Mathematica line in App. C states them)', async () => {
    const rules = await bilinearRules();
    for (const [variant, published] of [
      ['simultaneous', (a: number, b1: number, b2: number) => [[0, (a - b1) * (a - b2)], [-4, (a + b1) * (a + b2)], [Math.abs(b1 * b2), 1], [a * a * (b1 * b1 + 1) * (b2 * b2 + 1), (b1 * b2 + 1) * (2 * a * (b1 + b2) + b1 * b2 * (b1 * b2 - 3))]] as const],
      // The Gauss-Seidel side lists three; |beta_1 beta_2| < 1, from the Jacobi side, is needed too
      // (without it the grid disagrees at points the paper's text does not decide).
      ['alternating', (a: number, b1: number, b2: number) => [[0, (a - b1) * (a - b2)], [(a + b1) * (a + b2), 4], [(1 + b1 * b2) ** 2, (a * b1 + 1) * (a * b2 + 1)], [Math.abs(b1 * b2), 1]] as const],
    ] as const) {
      const converges = derivedConverges(rules.get(`ogd ${variant}`)!);
      const { compared, wrong } = disagreements((a, b1, b2) => converges(a, { beta_1: b1, beta_2: b2 }), published);
      expect(wrong, `OGD ${variant}`).toEqual([]);
      expect(compared).toBeGreaterThan(10_000);
    }
  });

  it('heavy-ball momentum (Theorem 3.4): Jacobi never converges; Gauss-Seidel exactly where the four conditions hold, so only with a negative momentum', async () => {
    const rules = await bilinearRules();
    const jacobi = derivedConverges(rules.get('momentum simultaneous')!);
    const gaussSeidel = derivedConverges(rules.get('momentum alternating')!);
    const published: Published = (a, b1, b2) => [[Math.abs(b1 * b2), 1], [Math.abs(2 - a * a + b1 + b2), 3 + b1 * b2], [a * a, 4 * (1 + b1) * (1 + b2)], [a * a * b1 * b2, (1 - b1 * b2) * (2 * b1 * b2 - b1 - b2)]];
    const { compared, wrong } = disagreements((a, b1, b2) => gaussSeidel(a, { beta_1: b1, beta_2: b2 }), published);
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
    let converging = 0;
    for (const a of ALPHAS) {
      for (const b1 of BETAS) {
        for (const b2 of BETAS) {
          expect(jacobi(a, { beta_1: b1, beta_2: b2 })).toBe(false);
          if (gaussSeidel(a, { beta_1: b1, beta_2: b2 })) {
            converging++;
            expect(Math.min(b1, b2), 'at least one momentum negative').toBeLessThan(0);
          }
        }
      }
    }
    expect(converging).toBeGreaterThan(100);
  });

  it('proximal point (Theorem A.1): Jacobi always converges', async () => {
    const rules = await bilinearRules();
    const converges = derivedConverges(rules.get('pp simultaneous')!);
    for (const alpha of [...ALPHAS, 10, 100]) expect(converges(alpha, {})).toBe(true);
  });
});
