/**
 * The parity analysis (generator/ir/parity.ts) that lets the simulations run one start of each
 * mirror-image pair, and the equivariance of the methods' steps built on it
 * (generator/methods/mirror.ts). Oracles: exact expectations on small expressions; the IR's
 * own double-precision evaluation at points and their mirror images (what the analysis calls
 * odd or even must be so to the last bit, but for the sign of a zero); and runs of the package's
 * exported steps from s and -s.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import * as Q from '../generator/ir/rational.js';
import type { Expr } from '../generator/ir/expr.js';
import { parityOf } from '../generator/ir/parity.js';
import type { Parity } from '../generator/ir/parity.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { defineMethod } from '../generator/method.js';
import { DIRAC_PLAYERS } from '../generator/methods/analyse.js';
import { traceStep } from '../generator/methods/compile.js';
import { equivariant } from '../generator/methods/mirror.js';
import { loadedMethods } from './support/methods.js';
import * as compiled from '../generated/methods.js';
import type { CompiledMethod, GameDynamics } from '../generated/methods.js';
import { startState } from '../runtime/method-steps.js';
import { namespaceOf } from '../generator/game.js';
import { importEvaluator } from './support/evaluators.js';

const [theta, phi, gamma] = [E.sym('theta'), E.sym('phi'), E.sym('gamma')];
const position = (name: string): Parity | undefined => (name === 'theta' || name === 'phi' ? 'odd' : name === 'gamma' ? 'even' : undefined);
const parity = (e: Expr): Parity | undefined => parityOf(e, position);
const phiTheta = E.mul(phi, theta);

describe('parity under (theta, phi) -> (-theta, -phi)', () => {
  const cases: [string, Expr, Parity | undefined][] = [
    ['0', E.ZERO, 'zero'],
    ['gamma', gamma, 'even'],
    ['phi theta', phiTheta, 'even'],
    ['-phi sigma(-phi theta) (GAN v_theta)', E.neg(E.mul(phi, E.call('sigmoid', E.neg(phiTheta)))), 'odd'],
    ['theta - gamma relu(|phi| - 1) sign(phi) (WGAN-LP v_phi)', E.add(theta, E.neg(E.mul(gamma, E.call('relu', E.add(E.call('abs', phi), E.MINUS_ONE)), E.call('sign', phi)))), 'odd'],
    ['phi^3', E.pow(phi, E.num(3n)), 'odd'],
    // A division only where its base cannot be 0 (none here): 1/+0 and 1/-0 differ.
    ['1/phi', E.pow(phi, E.MINUS_ONE), undefined],
    ['sigma(1/(phi theta))', E.call('sigmoid', E.pow(phiTheta, E.MINUS_ONE)), undefined],
    ['sqrt(phi^2 + theta^2)', E.pow(E.add(E.pow(phi, E.num(2n)), E.pow(theta, E.num(2n))), E.num(Q.rational(1n, 2n))), 'even'],
    ['sqrt(phi)', E.pow(phi, E.num(Q.rational(1n, 2n))), undefined],
    ['sigmoid(phi)', E.call('sigmoid', phi), undefined],
    ['theta + 1', E.add(theta, E.ONE), undefined],
    ['theta + phi theta', E.add(theta, phiTheta), undefined],
    ['phi^gamma', E.pow(phi, gamma), undefined],
    // A symbolic exponent may be negative: a division, by a base that may be 0.
    ['|phi|^gamma', E.pow(E.call('abs', phi), gamma), undefined],
    ['|phi|^(3/2)', E.pow(E.call('abs', phi), E.num(Q.rational(3n, 2n))), 'even'],
    ["f'(phi theta) theta", E.mul(E.activation(1, phiTheta), theta), 'odd'],
    ["f'(phi)", E.activation(1, phi), undefined],
    ['theta eps (eps neither)', E.mul(theta, E.sym('eps')), undefined],
  ];
  for (const [name, e, expected] of cases) it(`${name}: ${expected ?? 'neither'}`, () => expect(parity(e)).toBe(expected));

  it('takes a division where the caller knows its base is never 0', () => {
    const onePlusPhiSquared = E.add(E.ONE, E.pow(phi, E.num(2n)));
    const nonzero = (base: Expr): boolean => base === onePlusPhiSquared;
    expect(parityOf(E.mul(theta, E.pow(onePlusPhiSquared, E.MINUS_ONE)), position, nonzero)).toBe('odd');
    expect(parityOf(E.pow(phi, E.MINUS_ONE), position, nonzero)).toBe(undefined);
  });

  it('holds but for the sign of a zero: a sum that cancels is +0 at both points', () => {
    const difference = E.add(theta, E.neg(phi));
    expect(parity(difference)).toBe('odd');
    const at = (s: number): number => evaluate(difference, { symbols: { theta: s, phi: s } } as never);
    expect([Object.is(at(1), 0), Object.is(at(-1), 0)]).toEqual([true, true]);
    // Divided by, that zero would give +Infinity at both points where an odd quotient needs -Infinity: so no division by it.
    expect(parity(E.pow(E.mul(theta, difference), E.MINUS_ONE))).toBe(undefined);
  });

  it('is exact in double precision where it says odd or even, but for the sign of a zero: the IR evaluated at 200 points and their mirror images', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 8 - 4;
    for (const [name, e, expected] of cases) {
      if (expected === undefined || expected === 'zero' || name.includes("f'")) continue;
      for (let i = 0; i < 200; i++) {
        const [t, p] = [next(), next()];
        const at = (s: number): number => evaluate(e, { symbols: { theta: s * t, phi: s * p, gamma: 0.3 } } as never);
        // === takes -0 for 0: the parity holds up to the sign of a zero.
        expect(at(-1) === (expected === 'odd' ? -at(1) : at(1)), `${name} at (${t}, ${p})`).toBe(true);
      }
    }
  });
});

describe('equivariance of the training methods', () => {
  it('holds for every method of methods/ but CGD, whose divisor reads the Jacobian (its sign unknown), in both variants', async () => {
    for (const method of await loadedMethods()) {
      for (const variant of ['simultaneous', 'alternating'] as const) expect(equivariant(method, traceStep(method, variant, DIRAC_PLAYERS)), `${method.id} ${variant}`).toBe(method.id !== 'cgd');
    }
  });

  const shifted = defineMethod({
    id: 'shifted',
    title: { en: 'shifted', zh: 'shifted' },
    summary: { en: 'a memory that starts at 1 added to x', zh: 'a memory that starts at 1 added to x' },
    sources: ['a test'],
    memory: ['offset'],
    start: { offset: 1 },
    step: ({ x, offset }, m) => ({ x: m.add(m.add(x!, m.step(m.v(x!))), m.scale(m.scalars.constant(1e-3), offset!)), offset: offset! }),
  });
  const lookingAside = defineMethod({
    id: 'aside',
    title: { en: 'aside', zh: 'aside' },
    summary: { en: 'the field at x + 1', zh: 'the field at x + 1' },
    sources: ['a test'],
    memory: [],
    step: ({ x }, m) => ({ x: m.add(x!, m.step(m.v(x!.map((xi) => m.scalars.add(xi, m.scalars.constant(1)))))) }),
  });
  it('fails for a step that adds a memory starting at 1 to x, or calls the field away from x', () => {
    for (const method of [shifted, lookingAside]) expect(equivariant(method, traceStep(method, 'simultaneous', DIRAC_PLAYERS)), method.id).toBe(false);
  });

  it('is what the package\'s steps do: every equivariant method from s and -s, 300 steps on four games, negated to the last bit but for the sign of a zero', async () => {
    for (const id of ['gan-r1', 'ns-gan', 'wgan-gp', 'wgan-clip']) {
      const game = (await importEvaluator(id)) as unknown as GameDynamics<unknown>;
      for (const method of await loadedMethods()) {
        const steps = (compiled as unknown as Record<string, CompiledMethod<Record<string, number>>>)[namespaceOf(method.id)]!;
        for (const variant of ['simultaneous', 'alternating'] as const) {
          if (!equivariant(method, traceStep(method, variant, DIRAC_PLAYERS))) continue;
          // A start on an axis too: (0, -0.5) is taken for the image of (0, 0.5).
          for (const start of [[0.7, -0.4], [0, 0.5]]) {
            const [a, b] = [startState(steps, start), startState(steps, start.map((x) => (x === 0 ? 0 : -x)))];
            for (let k = 0; k < 300; k++) {
              steps.steps[variant](game, a, { hG: 0.1, hD: 0.1 }, steps.defaults);
              steps.steps[variant](game, b, { hG: 0.1, hD: 0.1 }, steps.defaults);
            }
            expect([b[0] === -a[0]!, b[1] === -a[1]!], `${id} ${method.id} ${variant} from (${start}): (${a[0]}, ${a[1]}) and (${b[0]}, ${b[1]})`).toEqual([true, true]);
          }
        }
      }
    }
  });
});
