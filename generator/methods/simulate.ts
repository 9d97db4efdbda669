/**
 * The methods that have no linearisation at an equilibrium (Adam, RMSProp: they divide by the
 * root of a running mean square that vanishes there), and every method on a game whose field
 * has a kink at the equilibrium (WGAN-GP, DRAGAN), are answered by simulation, and say so:
 * each runs from a ring of start points, for two learning rates and three values of its first
 * hyperparameter, with the compiled step the package exports (compile.ts, as JavaScript) on
 * the game's own field (the concrete stage printed as the evaluators print it), projected
 * onto the game's clipping constraints after every step. Each run ends in one of three states:
 * at rest (the field below 1e-6 where it stopped, and it moved less than that over its last 100
 * steps: an equilibrium, wherever it is, LSGAN's line; or where the field vanishes to rounding,
 * which this cannot tell apart, as the standard GAN's far out; or within 1e-100 of (0, 0)), diverged
 * (|theta| + |phi| beyond 1e3, or not finite), or still moving after the last step.
 * Where the run from -s is provably the run from s negated (equivariant), one start of each
 * mirror-image pair is run. Results are kept between runs (cache.ts) under a hash of everything
 * they depend on.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import { dependsOn, substitute } from '../ir/traverse.js';
import { clip } from '../../runtime/elementary.js';
import { printBlock } from '../emit/cse.js';
import type { Derivation } from '../derive/derive.js';
import { environmentOf } from '../derive/derive.js';
import { EPSILON } from '../specialise/dirac.js';
import type { MethodDefinition, Text } from '../method.js';
import { hyperparameterDefaults } from '../method.js';
import { VARIANTS } from './context.js';
import { partsOf, stepBody, traceStep } from './compile.js';
import { equivariant, oddGame } from './mirror.js';
import { DIRAC_PLAYERS } from './analyse.js';
import { cachedJson } from '../cache.js';
import type { Basin, RuleRecord, SimulationRecord, SimulationRow } from '../contract/records.js';
import { compileMap, scopeOf } from './compiled.js';
import type { CompiledMap as Field } from './compiled.js';

/** What every simulation runs: the starts (the ring of the 3 x 3 grid around the equilibrium), the rates and the steps. */
export const SIMULATION = {
  starts: [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]] as const,
  rates: [0.01, 0.1] as const,
  steps: 1500,
  /** |v| at the end, and the distance moved over the last steps, below this: the run has come to rest at an equilibrium. */
  rest: 1e-6,
  last: 100,
  /** |theta| + |phi| beyond this, or not finite: diverged. */
  escape: 1e3,
  /** |theta| + |phi| below this: at rest at (0, 0). */
  arrived: 1e-100,
  /** The basin's grid of starts: size x size on [-reach, reach]^2. */
  basin: { size: 5, reach: 1.5 },
};

/** What one method's runs on one game share. */
interface Run {
  readonly method: MethodDefinition;
  readonly step: Step;
  readonly game: { vectorFieldUnchecked: Field; jacobianUnchecked: Field };
  readonly clips: readonly { index: number; bound: number }[];
  /** The run from -s is the mirror image of the run from s (mirror.ts): one of each pair is run. */
  readonly mirrored: boolean;
}

type Step = (game: { vectorFieldUnchecked: Field; jacobianUnchecked: Field }, state: Float64Array, rates: { hG: number; hD: number }, hyperparameters: Record<string, number>, p: undefined, out: Float64Array) => void;

/** Expressions in theta and phi as the body of a function (theta, phi, p, out) writing into out, printed as the evaluators print them. */
function printMap(outputs: readonly Expr[], hyperparameters: readonly string[] = []): string {
  const { temporaries, outputs: printed } = printBlock(outputs, { reserved: ['theta', 'phi', 'p', 'out', ...hyperparameters] });
  return [
    ...hyperparameters.map((name) => `const ${name} = p.${name};`),
    ...temporaries.map((t) => `const ${t.name} = ${t.definition};`),
    ...printed.map((o, i) => `out[${i}] = ${o};`),
    'return out;',
  ].join('\n');
}

/** The step as the package's code reads it (game.vectorFieldUnchecked, the scratch buffers
 * field and jacobian), compiled once per method and variant with the game as an argument: one
 * function that V8 optimises once for every game, not once a game. */
function compileStep(step: string): Step {
  const source = `const field = new Float64Array(2);
const jacobian = new Float64Array(4);
return (game, state, rates, hyperparameters, p, out) => {\n${step}\n};`;
  const [names, values] = scopeOf(source);
  return new Function(...names, source)(...values) as Step;
}

/** Why a game is not simulated, or undefined when it is. */
function notSimulated(derivation: Derivation): Text | undefined {
  if (!derivation.concrete) return { en: 'f is abstract, and a simulation needs numbers', zh: 'f 是抽象的，而模拟需要数值' };
  const { field } = derivation.concrete;
  if (field.some((e) => dependsOn(e, EPSILON.name))) {
    return { en: 'the field is an expectation over the instance noise, which the generator does not evaluate (the generated module computes it by quadrature)', zh: '向量场是对实例噪声的期望，生成器不计算它（生成的模块用数值积分计算）' };
  }
  return undefined;
}

/** The step, compiled once per method and variant: it does not depend on the game. */
interface CompiledStep {
  readonly text: string;
  readonly step: Step;
  /** Whether the step maps a mirrored state to the mirrored next state, on a game whose field is odd. */
  readonly equivariant: boolean;
}
const steps = new WeakMap<MethodDefinition, Map<string, CompiledStep>>();
function stepOf(method: MethodDefinition, variant: (typeof VARIANTS)[number]): CompiledStep {
  const known = steps.get(method) ?? new Map<string, CompiledStep>();
  steps.set(method, known);
  let compiled = known.get(variant);
  if (!compiled) {
    const traced = traceStep(method, variant, DIRAC_PLAYERS);
    const text = stepBody(traced, Object.keys(method.hyperparameters ?? {}), false).join('\n');
    known.set(variant, (compiled = { text, step: compileStep(text), equivariant: equivariant(method, traced) }));
  }
  return compiled;
}

/** The methods a game's simulations cover: those that have no linearisation at an equilibrium
 * (Adam, RMSProp), and every method where the field has a kink at the equilibrium (WGAN-GP,
 * DRAGAN): no update map has a linearisation there, and runs are the verdict there is. Those
 * are run at their defaults only, with no basin: a verdict per method, not a survey (a third of
 * the generator's simulations otherwise). */
const simulatedMethods = (verdict: string, methods: readonly MethodDefinition[]): MethodDefinition[] =>
  methods.filter((m) => m.notDifferentiable !== undefined || verdict === 'not-differentiable');

/** The game at its defaults as the runs take it: its field and Jacobian printed (they key the
 * cache) and compiled once, on first use, and its clipping constraints. */
interface NumericGame {
  readonly field: string;
  readonly jacobian: string;
  readonly clips: readonly { index: number; bound: number }[];
  /** The field odd and the Jacobian even in (theta, phi), the clips symmetric (mirror.ts). */
  readonly odd: boolean;
  compiled(): Run['game'];
}

function numericGame(derivation: Derivation): NumericGame {
  const stage = derivation.concrete!;
  const env = environmentOf(derivation.game, derivation.activationDerivatives);
  const numbers = new Map(Object.entries(env.symbols).map(([name, value]) => [name, E.num(value)]));
  const atDefaults = (e: Expr): Expr => substitute(e, numbers);
  const [fieldAt, jacobianAt] = [stage.field.map(atDefaults), stage.jacobian.flat().map(atDefaults)];
  const field = printMap(fieldAt);
  const jacobian = printMap(jacobianAt);
  const clips = derivation.game.constraints.map((c) => ({ index: c.parameter === 'theta' ? 0 : 1, bound: evaluate(c.bound, env) }));
  const odd = oddGame(fieldAt, jacobianAt, clips);
  let compiled: Run['game'] | undefined;
  return { field, jacobian, clips, odd, compiled: () => (compiled ??= { vectorFieldUnchecked: compileMap(field), jacobianUnchecked: compileMap(jacobian) }) };
}

/** What a method's runs on a game depend on, for the cache's key. */
const runKey = (game: NumericGame, method: MethodDefinition, text: string): string[] =>
  [game.field, game.jacobian, JSON.stringify(game.clips), text, JSON.stringify(SIMULATION), JSON.stringify(method.hyperparameters), JSON.stringify(method.start ?? {})];

/** The simulations of every method without a linearisation, on one game. */
export function simulateMethods(derivation: Derivation, methods: readonly MethodDefinition[]): SimulationRecord[] {
  const simulated = simulatedMethods(derivation.verdict.verdict, methods);
  if (simulated.length === 0) return [];
  const reason = notSimulated(derivation);
  if (reason) return simulated.flatMap((m) => VARIANTS.map((variant) => ({ method: m.id, variant, notSimulated: reason })));
  const game = numericGame(derivation);
  return simulated.flatMap((method) => VARIANTS.map((variant): SimulationRecord => {
    const { text, step, equivariant } = stepOf(method, variant);
    const survey = method.notDifferentiable !== undefined;
    const { rows, basin } = cachedJson(['simulation', ...runKey(game, method, text), survey ? 'survey' : 'defaults'], () => {
      const run: Run = { method, step, game: game.compiled(), clips: game.clips, mirrored: game.odd && equivariant };
      return survey ? { rows: simulationRows(run, settings(method)), basin: basinOf(run, SIMULATION.rates[0], 0) } : { rows: simulationRows(run, [hyperparameterDefaults(method)]) };
    }) as { rows: SimulationRow[]; basin?: Basin };
    return { method: method.id, variant, steps: SIMULATION.steps, starts: SIMULATION.starts.map((s) => [...s]), rows, ...(basin ? { basin } : {}) };
  }));
}

/** The basins' learning rate where it is below a method's bound (the site's default run), else half the bound. */
const BASIN_RATE = 0.2;
/** Where a method whose linearisation contracts comes within this of (0, 0), it has arrived: the
 * linear terms rule there, by many orders of magnitude, and they converge. */
const LINEARLY_ARRIVED = 1e-8;

/**
 * Where each method of methods/ whose linearisation converges at the defaults converges from:
 * its basin over the same grid of starts as the simulated methods', at h = 0.2 or half the
 * bound below it (a method locally stable at (0, 0) can still diverge or cycle from further
 * out). The rules come back with their basins; none where the game is not simulated (f
 * abstract, instance noise).
 */
export function ruleBasins(derivation: Derivation, methods: readonly MethodDefinition[], rules: readonly RuleRecord[]): RuleRecord[] {
  if (notSimulated(derivation)) return [...rules];
  let game: NumericGame | undefined;
  return rules.map((rule) => {
    const method = methods.find((m) => m.id === rule.method);
    const converges = rule.verdict === 'converges-for-all-h' || (rule.verdict === 'converges-below-bound' && rule.bound !== undefined);
    if (!method || !converges) return rule;
    game ??= numericGame(derivation);
    const { text, step, equivariant } = stepOf(method, rule.variant);
    const h = rule.bound === undefined || BASIN_RATE < rule.bound ? BASIN_RATE : rule.bound / 2;
    const basin = cachedJson(['basin', ...runKey(game, method, text), String(h)], () => basinOf({ method, step, game: game!.compiled(), clips: game!.clips, mirrored: game!.odd && equivariant }, h, LINEARLY_ARRIVED)) as Basin;
    return { ...rule, basin };
  });
}

/** The first hyperparameter at the ends of its range and its default; the others at their defaults. */
function settings(method: MethodDefinition): Record<string, number>[] {
  const specs = Object.entries(method.hyperparameters ?? {});
  const defaults = hyperparameterDefaults(method);
  const first = specs[0];
  if (!first) return [defaults];
  const [name, spec] = first;
  // Built key by key in the declared order: every setting has the same shape, which the step's
  // destructuring then reads at the speed of a plain object.
  return [...new Set([spec.range[0], spec.default, spec.range[1]])].map((value) => Object.fromEntries(specs.map(([key, other]) => [key, key === name ? value : other.default])));
}

type End = 'converged' | 'moving' | 'diverged';
const LETTER: Readonly<Record<End, string>> = { converged: 'r', moving: 'm', diverged: 'd' };

/** Where one run from a start ends, and how far from (0, 0) (NaN where it diverged); `near`: a
 * radius around (0, 0) within which the run has arrived, where the method's linearisation there
 * contracts (else 1e-100). */
function runFrom({ method, step, game, clips }: Run, start: readonly number[], h: number, hyperparameters: Record<string, number>, near = 0): { end: End; distance: number } {
  const parts = partsOf(method);
  const state = new Float64Array(parts.length * 2);
  parts.forEach((part, k) => { for (let i = 0; i < 2; i++) state[2 * k + i] = method.start?.[part] ?? start[i]!; });
  const rates = { hG: h, hD: h };
  let [before0, before1] = [0, 0];
  // The limits as locals and every argument of the step given: this loop runs 8 million times a run.
  const { steps, last, escape } = SIMULATION;
  const arrived = Math.max(SIMULATION.arrived, near);
  for (let k = 0; k < steps; k++) {
    if (k === steps - last) [before0, before1] = [state[0]!, state[1]!];
    step(game, state, rates, hyperparameters, undefined, state);
    for (let c = 0; c < clips.length; c++) state[clips[c]!.index] = clip(state[clips[c]!.index]!, clips[c]!.bound);
    const size = Math.abs(state[0]!) + Math.abs(state[1]!);
    if (!(size <= escape)) return { end: 'diverged', distance: NaN };
    // Within 1e-100 of the equilibrium (0, 0) the run is at rest there; below, the arithmetic
    // turns subnormal and a hundred times slower.
    if (size < arrived) return { end: 'converged', distance: Math.hypot(state[0]!, state[1]!) };
  }
  const v = game.vectorFieldUnchecked(state[0]!, state[1]!, undefined, new Float64Array(2));
  // At rest: the field vanishes and the last steps went nowhere (a normalised step keeps moving
  // where the field only decays, as the standard GAN's does far out).
  const still = Math.hypot(v[0]!, v[1]!) < SIMULATION.rest && Math.hypot(state[0]! - before0, state[1]! - before1) < SIMULATION.rest;
  return { end: still ? 'converged' : 'moving', distance: Math.hypot(state[0]!, state[1]!) };
}

/** runFrom over several starts: where the run is mirrored, a start whose mirror image ran
 * before ends as that one did. */
function runsFrom(run: Run, h: number, hyperparameters: Record<string, number>, near = 0): (start: readonly number[]) => { end: End; distance: number } {
  const ended = new Map<string, { end: End; distance: number }>();
  return (start) => {
    // (0, -1) counts as the image of (0, 1), whose exact mirror is (-0, 1): mirror.ts admits no
    // division by a number whose zero could differ in sign between the runs, and nothing else
    // reads a zero's sign.
    const mirror = run.mirrored ? ended.get(`${-start[0]!} ${-start[1]!}`) : undefined;
    const result = mirror ?? runFrom(run, start, h, hyperparameters, near);
    ended.set(`${start[0]} ${start[1]}`, result);
    return result;
  };
}

function simulationRows(run: Run, hyperparameterSets: readonly Record<string, number>[]): SimulationRow[] {
  return SIMULATION.rates.flatMap((h) => hyperparameterSets.map((hyperparameters): SimulationRow => {
    const counts = { converged: 0, moving: 0, diverged: 0 };
    const distances: number[] = [];
    const from = runsFrom(run, h, hyperparameters);
    for (const start of SIMULATION.starts) {
      const { end, distance } = from(start);
      counts[end]++;
      if (end !== 'diverged') distances.push(distance);
    }
    distances.sort((a, b) => a - b);
    const median = distances.length ? distances[Math.floor((distances.length - 1) / 2)]! : null;
    return { h, hyperparameters, ...counts, medianDistance: median === null ? null : Number(median.toPrecision(4)) };
  }));
}

/** The basin at the defaults and the rate h: where runs from a grid of starts end, one letter
 * a start (r at rest, m moving, d diverged), row by row from phi = -reach up, theta from -reach;
 * `arrived` as runFrom takes it. */
function basinOf(run: Run, h: number, arrived: number): Basin {
  const { method } = run;
  const { size, reach } = SIMULATION.basin;
  const hyperparameters = settings(method).find((s) => Object.entries(method.hyperparameters ?? {}).every(([name, spec]) => s[name] === spec.default))!;
  const at = (i: number): number => -reach + (2 * reach * i) / (size - 1);
  const from = runsFrom(run, h, hyperparameters, arrived);
  let ends = '';
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) ends += LETTER[from([at(column), at(row)]).end];
  }
  return { h, steps: SIMULATION.steps, reach, size, ends };
}
