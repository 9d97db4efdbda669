/**
 * Numerical stability of the generated evaluators: the standard-GAN activation
 * f(t) = -log(1 + e^-t) and its derivatives must be evaluated without overflow or
 * cancellation for |theta*phi| up to 1e3. For every game:
 *
 * - on a grid up to |theta*phi| = 1e3, with the hyperparameters at the minimum, default and
 *   maximum of their ranges, every output of every generated function is finite;
 * - the field, the Jacobian and both objectives are as accurate as the derived formula
 *   allows, at the ends of the hyperparameters' ranges, against the 60-digit value of the record's concrete formula
 *   (oracles/high-precision.ts). The error measure: |computed - exact| <= K B, where B
 *   is the first-order error bound of evaluating the record's generic formula (in f, f',
 *   f'', ... of phi*theta) as written in double precision, with every operation and every
 *   f^(k) rounded once, to eps relative (`roundingBound`). Terms of the formula that
 *   cancel because the formula says so (f'(t) + t f''(t) = 0 near t = 1.28) are allowed
 *   their rounding, and so is the argument phi*theta of a steep f^(k) (a relative change
 *   of eps in phi*theta moves sigmoid(-phi*theta) by 1e3 eps at 1e3), but a rewrite of
 *   f^(k) that loses digits of its own is not: the sums inside f^(k) are not the
 *   formula's. The plain relative error is reported too, where the terms do not cancel;
 * - each stable primitive the modules emit, and each f^(k) of the records as the printer
 *   writes it, is good to a few ulps over [-1e3, 1e3]: alone, where no larger term next
 *   to it can hide its error (the consensus Jacobian hides a lost f''' behind f''^2);
 * - nerdamer's buildFunction on the same formulas, the naive alternative, is NaN or wrong
 *   at theta = phi = 10, where the generated code is accurate (the README's claim).
 *
 * A game whose activation is abstract is skipped: its f and derivatives are functions the
 * caller passes in, so their stability is the caller's, and no formula fixes their values.
 */
import nerdamer from 'nerdamer-prime';
import { afterAll, describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { nodesOf, rewrite } from '../generator/ir/traverse.js';
import type { Expr } from '../generator/ir/expr.js';
import { differentiate, fromNerdamer } from '../generator/cas/differentiate.js';
import { printBlock } from '../generator/emit/cse.js';
import * as elementary from '../runtime/elementary.js';
import { toNerdamer } from '../generator/cas/text.js';
import type { GameRecord } from '../generator/contract/records.js';
import { HP, exactly, highPrecision, roundingBound } from './oracles/high-precision.js';
import { evaluator, formula, loadRecords, parseEntries } from './support/records.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { onSide } from '../generator/derive/equilibrium.js';
import { defaultsOf, importEvaluator } from './support/evaluators.js';
import type { Evaluator } from './support/evaluators.js';

const EPS = Number.EPSILON;
/** Slack over the bound B, which counts each operation's rounding once: the generated code
 * may group operations differently, and a helper rounds a few times where B counts one. */
const K = 8;
/** Ulps the primitives may be off (relative, where the exact value is a normal double). */
const PRIMITIVE_ULPS = 4;
const MIN_NORMAL = 2 ** -1022;

const concrete = (records: GameRecord[]): GameRecord[] => records.filter((r) => r.activation !== 'abstract');
const games = concrete(loadRecords());
/** For the checks that are not per game (the primitives, the naive alternative's examples). */
const everyGame = concrete(loadRecords('all'));

/** theta, phi in ±{0, 1e-8, ..., 1000} with |theta*phi| <= 1e3. */
const MAGNITUDES = [0, 1e-8, 1e-3, 0.1, 1, 10, 31.6, 100, 1000];
const VALUES = [...new Set(MAGNITUDES.flatMap((m) => [m, -m]))];
const GRID = VALUES.flatMap((theta) => VALUES.filter((phi) => Math.abs(theta * phi) <= 1e3).map((phi) => [theta, phi] as const));
/** The 60-digit comparison's points: the grid but for 1e-3, whose regime 1e-8 and 0.1 bracket,
 * and 31.6, whose |theta*phi| = 1e3 with both moderate (10, 100) and (100, 10) reach (each point
 * costs a 60-digit evaluation of every formula at two settings). */
const ORACLE_GRID = GRID.filter(([theta, phi]) => ![1e-3, 31.6].includes(Math.abs(theta)) && ![1e-3, 31.6].includes(Math.abs(phi)));

/** Beyond the grid: theta, phi in +-{0, 1e-300, 1e-100, 1, 1e100, 1e155, 1e300}, where products
 * of the formulas overflow (phi^2 at 1e155) on the way to values a double holds. */
const HUGE_VALUES = [...new Set([0, 1e-300, 1e-100, 1, 1e100, 1e155, 1e300].flatMap((m) => [m, -m]))];
const HUGE_GRID = HUGE_VALUES.flatMap((theta) => HUGE_VALUES.map((phi) => [theta, phi] as const));
/** For expectations over the noise, a few of them: past |phi| = 1e100 each call sums the
 * quadrature's largest rule in wide arithmetic (about 30 ms). */
const NOISE_HUGE_GRID = [0, -1e-300, 1e300].flatMap((theta) => [1, 1e155, -1e300].map((phi) => [theta, phi] as const));

/** Hyperparameters all at the minimum, all at the default, all at the maximum of their ranges. */
const settings = (record: GameRecord): Record<string, number>[] =>
  record.hyperparameters.length === 0
    ? [{}]
    : [0, 1, 2].map((i) => Object.fromEntries(record.hyperparameters.map((h) => [h.name, [h.range[0], h.default, h.range[1]][i]!])));

const entriesOf = (text: string): Expr[] => (text.startsWith('[') || text.startsWith('matrix(') ? parseEntries(text) : [fromNerdamer(text)]);

/** The outputs held to the formulas: the record's formula id and the generated function. */
const OUTPUTS: readonly { id: string; compute: (m: Evaluator, theta: number, phi: number, p: Record<string, number>) => number[] }[] = [
  { id: 'field', compute: (m, theta, phi, p) => [...m.vectorField(theta, phi, p)] },
  { id: 'jacobian', compute: (m, theta, phi, p) => [...m.jacobian(theta, phi, p)] },
  { id: 'objective-generator', compute: (m, theta, phi, p) => [m.generatorLoss(theta, phi, p)] },
  { id: 'objective-discriminator', compute: (m, theta, phi, p) => [m.discriminatorLoss(theta, phi, p)] },
];

const maxOrder = (exprs: readonly Expr[]): number =>
  Math.max(0, ...exprs.flatMap((e) => nodesOf(e).flatMap((n) => (n.kind === 'activation' ? [n.order] : []))));

/** f^(k)(x) at 60 digits from the record's activation formula (one more order, for the
 * bound's slopes, by the generator's differentiation), remembered across points. */
function activationOf(record: GameRecord, order: number): (k: number, x: HP) => HP {
  if (record.activation === 'none') return () => { throw new Error(`${record.id} has no activation`); };
  const derivatives = parseEntries(formula(record, 'activation', 'generic').text);
  while (derivatives.length <= order) derivatives.push(differentiate(derivatives.at(-1)!, 't'));
  const at = new Map<string, (e: Expr) => HP>();
  return (k, x) => {
    const key = x.toString();
    const value = at.get(key) ?? at.set(key, highPrecision({ symbols: { t: x } })).get(key)!;
    return value(derivatives[k]!);
  };
}

/** A generated output against the formulas: its error over the bound B, and its plain
 * relative error where the formula's terms do not cancel (undefined elsewhere). */
interface Measured { readonly ratio: number; readonly relative?: number }

/**
 * Measures one output. `worst` is the worst found so far, and saves work that cannot change
 * the verdict or the worst: B counts the rounding of the formula's last operation, eps |value|
 * (unless the formula is a symbol or a constant), so an error within K eps |value| is within
 * K B, and error / (eps |value|) is at most the ratio; where that is no more than the worst
 * ratio so far, B is not worked out (the returned ratio is then that upper bound), nor the
 * agreement of the generic and concrete formulas that B rests on (the derivation tests hold the
 * formulas to finite differences everywhere). Whether the terms cancel is asked only of a
 * relative error beyond the worst so far.
 */
function measure(computed: number, concrete: Expr, generic: Expr, value: (e: Expr) => HP, bound: (e: Expr) => HP, worst = { ratio: Infinity, relative: Infinity }): Measured {
  if (!Number.isFinite(computed)) return { ratio: Infinity };
  const exact = value(concrete);
  const error = exactly(computed).minus(exact).abs();
  // An exact zero computed exactly (a Jacobian entry of a linear game) has nothing to bound.
  if (error.isZero()) return { ratio: 0 };
  const normal = exact.abs().gte(MIN_NORMAL);
  const relativeError = normal ? error.div(exact.abs()).toNumber() : undefined;
  const relative = relativeError !== undefined && relativeError > worst.relative && !cancels(generic, value) ? relativeError : undefined;
  const atMost = relativeError !== undefined && generic.kind !== 'num' && generic.kind !== 'sym' ? relativeError / EPS : Infinity;
  if (atMost <= K && atMost <= worst.ratio) return { ratio: atMost, relative };
  const b = bound(generic);
  // The two formulas are one function; a mismatch would be a wrong bound, not an error of the code.
  if (!exact.minus(value(generic)).abs().lte(b.times(1e-20))) expect.fail(`generic and concrete formulas disagree: ${exact} vs ${value(generic)}`);
  return { ratio: error.div(b).toNumber(), relative };
}

/** The magnitudes of `cancels`, by the point's evaluator. */
const magnitudes = new WeakMap<(e: Expr) => HP, Map<Expr, HP>>();

/** Whether the terms of e cancel: the value with every sum replaced by the sum of its
 * terms' magnitudes exceeds twice the value's own magnitude. */
function cancels(e: Expr, value: (e: Expr) => HP): boolean {
  // Sub-expressions are shared (the IR is hash-consed): each magnitude is worked out once.
  const memo = magnitudes.get(value) ?? magnitudes.set(value, new Map()).get(value)!;
  const magnitude = (node: Expr): HP => memo.get(node) ?? memo.set(node, magnitudeOf(node)).get(node)!;
  const magnitudeOf = (node: Expr): HP => {
    switch (node.kind) {
      case 'add': return node.terms.reduce((sum, t) => sum.plus(magnitude(t)), new HP(0));
      case 'mul': return node.factors.reduce((product, f) => product.times(magnitude(f)), new HP(1));
      case 'pow': return node.exponent.kind === 'num' && node.exponent.value.den === 1n && node.exponent.value.num > 0n
        ? magnitude(node.base).pow(Number(node.exponent.value.num))
        : value(node).abs();
      default: return value(node).abs();
    }
  };
  return magnitude(e).gt(value(e).abs().times(2));
}

interface Summary { ratio: number; relative: number; where: string }
const worst = new Map<string, Summary>();
afterAll(() => {
  const lines = [...worst].map(([id, w]) =>
    `${id.padEnd(14)} max error / B ${w.ratio.toFixed(3)}; max relative error where the terms do not cancel ${w.relative.toExponential(2)} (${w.where})`);
  console.info(`stability: error against the 60-digit formulas\n${lines.join('\n')}`);
});

/** A game's outputs with their concrete and generic formulas, and its exact f^(k). */
function formulasOf(record: GameRecord) {
  const formulas = OUTPUTS.map((o) => ({ ...o, concrete: entriesOf(formula(record, o.id, 'concrete').text), generic: entriesOf(formula(record, o.id, 'generic').text) }));
  return { formulas, activation: activationOf(record, maxOrder(formulas.flatMap((f) => f.generic)) + 1) };
}

/**
 * The formulas a point is held to: on a kink u = 0 (u = 0 in doubles, as the code tests it)
 * the Jacobian's is its limit from the side u > 0, which the checked jacobian returns there
 * (test/kinks.test.ts holds that limit to finite differences of the objectives).
 */
function formulasAt<T extends { id: string; concrete: Expr[]; generic: Expr[] }>(formulas: readonly T[], kinks: readonly Expr[], symbols: Record<string, number>): readonly T[] {
  const on = kinks.filter((u) => evaluate(u, { symbols }) === 0);
  if (on.length === 0) return formulas;
  const limit = (e: Expr): Expr => on.reduce((x, u) => onSide(x, u, 'positive'), e);
  return formulas.map((f) => (f.id === 'jacobian' ? { ...f, concrete: f.concrete.map(limit), generic: f.generic.map(limit) } : f));
}

/** The 60-digit value and the bound B at one point. */
function pointOracle(symbols: Record<string, number>, activation: (k: number, x: HP) => HP) {
  const env = { symbols, activation };
  const value = highPrecision(env);
  return { value, bound: roundingBound(env, value) };
}

describe.each(games.map((r) => [r.id, r] as const))('%s', (id, record) => {
  const params = settings(record);
  const { formulas, activation } = formulasOf(record);
  const kinks = record.kinks.map((k) => fromNerdamer(k.text));

  it('every generated function is finite on the grid up to |theta*phi| = 1e3', async () => {
    const m = await importEvaluator(id);
    const schedule = { hG: 1e-3, hD: 1e-3, nG: 2, nD: 2 };
    for (const p of params) {
      for (const [theta, phi] of GRID) {
        const outputs = {
          vectorField: [...m.vectorField(theta, phi, p)],
          jacobian: [...m.jacobian(theta, phi, p)],
          generatorLoss: [m.generatorLoss(theta, phi, p)],
          discriminatorLoss: [m.discriminatorLoss(theta, phi, p)],
          simultaneousStep: [...m.simultaneousStep(theta, phi, 1e-3, p)],
          alternatingStep: [...m.alternatingStep(theta, phi, schedule, p)],
        };
        for (const [name, values] of Object.entries(outputs)) {
          if (!values.every(Number.isFinite)) expect.fail(`${name}(${theta}, ${phi}, ${JSON.stringify(p)}) = ${values}`);
        }
      }
    }
  });

  it('beyond, to |theta|, |phi| = 1e300: never NaN; a finite value where the formula’s is a double, to 1e-12 where its terms do not cancel; +-Infinity of the right sign where it is out of range', async () => {
    const m = await importEvaluator(id);
    const p = defaultsOf(record);
    for (const [theta, phi] of record.noise ? NOISE_HUGE_GRID : HUGE_GRID) {
      // Expectations over the noise have no 60-digit oracle here: for them, no NaN.
      const oracle = record.noise ? undefined : pointOracle({ ...p, theta, phi }, activation).value;
      for (const output of formulasAt(formulas, kinks, { ...p, theta, phi })) {
        output.compute(m, theta, phi, p).forEach((computed, i) => {
          const where = () => `${output.id}[${i}] at theta = ${theta}, phi = ${phi}: ${computed}${oracle ? `, exact ${oracle(output.concrete[i]!).toSignificantDigits(17)}` : ''}`;
          if (Number.isNaN(computed)) expect.fail(where());
          if (!oracle) return;
          const exact = oracle(output.concrete[i]!);
          if (exact.abs().gt(Number.MAX_VALUE)) {
            if (computed !== (exact.isNegative() ? -Infinity : Infinity)) expect.fail(`${where()}: expected ${exact.isNegative() ? '-' : ''}Infinity`);
          } else if (!Number.isFinite(computed)) {
            expect.fail(`${where()}: expected a finite value`);
          } else if (exact.abs().gte(MIN_NORMAL) && !cancels(output.generic[i]!, oracle)) {
            const relative = exactly(computed).minus(exact).abs().div(exact.abs()).toNumber();
            if (!(relative <= 1e-12)) expect.fail(`${where()}: relative error ${relative}`);
          }
        });
      }
    }
  });

  if (record.noise) {
    // Expectations over instance noise: against the oracles' own quadrature in double
    // precision, where it stays affordable (sharpness sigma |phi| <= 100).
    it('the field, Jacobian and objectives agree with an independent quadrature of the formulas to 1e-11', async () => {
      const m = await importEvaluator(id);
      // Every output's entries in one quadrature: the same nodes serve them all.
      const expectations = evaluator(formulas.flatMap((f) => f.concrete), undefined, record.noise);
      for (const p of params) {
        const sigma = evaluate(fromNerdamer(record.noise!.sigma), { symbols: p });
        for (const [theta, phi] of GRID.filter(([, phi]) => sigma * Math.abs(phi) <= 100)) {
          const expected = expectations({ ...p, theta, phi });
          for (const output of formulas) {
            output.compute(m, theta, phi, p).forEach((computed, i) => {
              const exact = expected.shift()!;
              const where = `${output.id}[${i}] at theta = ${theta}, phi = ${phi}, ${JSON.stringify(p)}: ${computed} vs ${exact}`;
              expect(Math.abs(computed - exact), where).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(exact)));
            });
          }
        }
      }
    });
    return;
  }

  it(`the field, Jacobian and objectives are within ${K} B of the 60-digit formulas, the hyperparameters at both ends of their ranges`, async () => {
    const m = await importEvaluator(id);
    const summary: Summary = { ratio: 0, relative: 0, where: '' };
    // The ends, where a weight or a bound is most extreme; the default lies between them.
    for (const p of params.length > 1 ? [params[0]!, params.at(-1)!] : params) {
      for (const [theta, phi] of ORACLE_GRID) {
        const { value, bound } = pointOracle({ ...p, theta, phi }, activation);
        for (const output of formulasAt(formulas, kinks, { ...p, theta, phi })) {
          output.compute(m, theta, phi, p).forEach((computed, i) => {
            const { ratio, relative } = measure(computed, output.concrete[i]!, output.generic[i]!, value, bound, summary);
            if (!(ratio <= K)) expect.fail(`${output.id}[${i}] at theta = ${theta}, phi = ${phi}, ${JSON.stringify(p)}: ${computed}, exact ${value(output.concrete[i]!)}: ${ratio} B > ${K} B`);
            summary.ratio = Math.max(summary.ratio, ratio);
            if (relative !== undefined && relative > summary.relative) Object.assign(summary, { relative, where: `${output.id}[${i}] at theta = ${theta}, phi = ${phi}` });
          });
        }
      }
    }
    worst.set(id, summary);
  });
});

/** x in [-1e3, 1e3]: 0 and 500 points log-spaced over [1e-20, 1e3] on each side (22 a decade). */
const LINE = [0, ...Array.from({ length: 500 }, (_, i) => 10 ** (-20 + (23 * i) / 499)).flatMap((x) => [x, -x])];

/** Within a few ulps of the exact value; near or below the underflow threshold, within a
 * few of the smallest subnormal. */
function expectUlps(computed: number, exact: HP, what: () => string): void {
  const error = exactly(computed).minus(exact).abs();
  const allowed = exact.abs().gte(MIN_NORMAL) ? exact.abs().times(PRIMITIVE_ULPS * EPS) : exactly(PRIMITIVE_ULPS * Number.MIN_VALUE);
  if (!error.lte(allowed)) expect.fail(`${what()}: ${computed}, exact ${exact.toSignificantDigits(20)}`);
}

describe('stable primitives', () => {
  const x = E.sym('x');
  /** Every helper the modules emit, by its definition; a new helper needs one here. */
  const DEFINITIONS: Readonly<Record<string, Expr>> = {
    softplus: E.call('softplus', x),
    sigmoid: E.call('sigmoid', x),
    sigmoidDifference: E.sub(E.call('sigmoid', x), E.call('sigmoid', E.neg(x))),
  };
  // relu and step are exact (max and a comparison); the helpers checked here approximate.
  /** The runtime's helpers that the generated modules import, but relu, step and clip. */
  const names = Object.keys(elementary).filter((name) => !['relu', 'step', 'clip'].includes(name));
  const helpers = names.map((name) => elementary[name as keyof typeof elementary] as (x: number) => number);

  it('every emitted helper is within a few ulps of its definition on [-1e3, 1e3]', () => {
    expect(names).toEqual(expect.arrayContaining(['sigmoid', 'softplus']));
    for (const name of names) expect(DEFINITIONS, `no definition for the helper ${name}`).toHaveProperty(name);
    for (const v of LINE) {
      const value = highPrecision({ symbols: { x: v } });
      names.forEach((name, i) => expectUlps(helpers[i]!(v), value(DEFINITIONS[name]!), () => `${name}(${v})`));
    }
  });

  it("f, f', f'', f''' as the printer writes them are within a few ulps on [-1e3, 1e3]", () => {
    const derivatives = new Map<string, Expr>();
    for (const record of everyGame.filter((r) => r.activation !== 'none')) {
      for (const d of parseEntries(formula(record, 'activation', 'generic').text)) derivatives.set(toNerdamer(d), d);
    }
    const compiled = [...derivatives].map(([text, d]) => {
      const block = printBlock([d]);
      const body = `${block.temporaries.map((c) => `const ${c.name} = ${c.definition};`).join('\n')}\nreturn ${block.outputs[0]};`;
      const run = new Function(...names, 't', body) as (...args: unknown[]) => number;
      return { text, d, at: (v: number) => run(...helpers, v) };
    });
    for (const v of LINE) {
      const value = highPrecision({ symbols: { t: v } });
      for (const { text, d, at } of compiled) expectUlps(at(v), value(d), () => `${text} at t = ${v}`);
    }
    expect(compiled.length).toBeGreaterThan(0);
  });
});

describe("nerdamer's buildFunction, the naive alternative", () => {
  const usesSigmoid = (e: Expr): boolean => nodesOf(e).some((n) => n.kind === 'call' && n.fn === 'sigmoid');
  /** sigmoid(u) as its definition 1/(1 + e^-u), which is what nerdamer can be given. */
  const naive = (e: Expr): Expr =>
    rewrite(e, (n) => (n.kind === 'call' && n.fn === 'sigmoid' ? E.div(E.ONE, E.add(E.ONE, E.call('exp', E.neg(n.arg)))) : undefined));
  // Games with instance noise are expectations, which buildFunction cannot take at all.
  const sigmoidGames = games.filter((r) => !r.noise && entriesOf(formula(r, 'field', 'concrete').text).some(usesSigmoid));
  const POINTS = [[10, 10], [1, 1000], [-1, 1000]] as const;

  it('has games to show it on', () => expect(sigmoidGames.length).toBeGreaterThan(0));

  // nerdamer writes e^u as 325368125^u / 119696244^u: Infinity / Infinity already at u = 100.
  it.each(sigmoidGames.map((r) => [r.id, r] as const))('%s: NaN or wrong at theta = phi = 10 and |theta*phi| = 1e3, where the generated field is accurate', async (id, record) => {
    const m = await importEvaluator(id);
    const p = defaultsOf(record);
    const { formulas, activation } = formulasOf(record);
    const field = formulas.find((f) => f.id === 'field')!;
    const built = field.concrete.map((e) => nerdamer(toNerdamer(naive(e))).buildFunction(['theta', 'phi', ...Object.keys(p)]));
    for (const [theta, phi] of POINTS) {
      const { value, bound } = pointOracle({ ...p, theta, phi }, activation);
      const accurate = (v: number, i: number): boolean => measure(v, field.concrete[i]!, field.generic[i]!, value, bound).ratio <= K;
      const naiveField = built.map((f) => f(theta, phi, ...Object.values(p)));
      const generated = [...m.vectorField(theta, phi, p)];
      const at = `at theta = ${theta}, phi = ${phi}: exact ${field.concrete.map((e) => value(e).toSignificantDigits(6))}`;
      expect(naiveField.every(accurate), `buildFunction ${naiveField} ${at}`).toBe(false);
      expect(generated.every(accurate), `generated ${generated} ${at}`).toBe(true);
    }
  });
});
