/**
 * A method's step as straight-line code: the rule is run once on symbols, with the game's
 * field and Jacobian as opaque calls whose results are new symbols, and what it returns is
 * the next state as expressions in the state, the rates, the hyperparameters and those
 * results. The calls in order, then the outputs, go through CSE and the printer together,
 * each call placed before the first temporary that reads its results. The same trace is
 * printed as typed TypeScript (generated/methods.ts) and as JavaScript for the generator's
 * own runs (Adam's simulations), so the step the package exports is the step the generator
 * simulated. Counts (lookahead's k) are fixed at their defaults: they shape the code.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { symbolsOf } from '../ir/traverse.js';
import { eliminateCommonSubexpressions } from '../emit/cse.js';
import { definitionToTs, toTs } from '../print/ts.js';
import type { MethodDefinition, Player, State } from '../method.js';
import { countDefaults } from '../method.js';
import { runStep, stepContext } from './context.js';
import type { Variant } from './context.js';
import { EXPRESSIONS } from './linearise.js';

/** The rates' names in the step's code: `rates.hG`, `rates.hD`. */
export const RATE_NAMES: Readonly<Record<Player, string>> = { generator: 'hG', discriminator: 'hD' };

interface Call {
  readonly kind: 'field' | 'jacobian';
  readonly arguments: readonly Expr[];
  /** The symbols standing for its results, row-major for the Jacobian. */
  readonly results: readonly Expr[];
}

export interface TracedStep {
  /** The state's coordinates, in order: x's, then each memory's; their symbols' names. */
  readonly coordinates: readonly string[];
  readonly calls: readonly Call[];
  readonly outputs: readonly Expr[];
}

/** The parts of a method's state in order: x, then the memory. */
export const partsOf = (method: MethodDefinition): string[] => ['x', ...method.memory];

export function traceStep(method: MethodDefinition, variant: Variant, players: readonly Player[]): TracedStep {
  const n = players.length;
  const parts = partsOf(method);
  const coordinates = parts.flatMap((part) => players.map((_, i) => `${part}${i}`));
  const calls: Call[] = [];
  const call = (kind: Call['kind'], x: readonly Expr[], size: number): Expr[] => {
    // Named with a $, which no name of a method's file may hold: they cannot meet its memory's.
    const results = Array.from({ length: size }, (_, i) => E.sym(kind === 'field' ? `v$${calls.length}_${i}` : `j$${calls.length}_${Math.floor(i / n)}${i % n}`));
    calls.push({ kind, arguments: x, results });
    return results;
  };
  const counts = countDefaults(method);
  const context = stepContext({
    scalars: EXPRESSIONS,
    v: (x) => call('field', x, n),
    jacobian: (x) => {
      const flat = call('jacobian', x, n * n);
      return players.map((_, i) => flat.slice(i * n, (i + 1) * n));
    },
    rates: { generator: E.sym(RATE_NAMES.generator), discriminator: E.sym(RATE_NAMES.discriminator) },
    p: Object.fromEntries(Object.keys(method.hyperparameters ?? {}).map((name) => [name, E.sym(name)])),
    counts,
    players,
  });
  const state: State<Expr> = Object.fromEntries(parts.map((part, k) => [part, coordinates.slice(k * n, (k + 1) * n).map((c) => E.sym(c))]));
  const next = runStep(method, variant, state, context);
  const outputs = parts.flatMap((part) => [...next[part]!]);
  // Calls whose results nothing reads (an alternating step's half that is thrown away) are dropped.
  const live = new Set<string>(outputs.flatMap((e) => [...symbolsOf(e)]));
  const kept: Call[] = [];
  for (const c of [...calls].reverse()) {
    if (!c.results.some((r) => live.has((r as E.Sym).name))) continue;
    kept.unshift(c);
    for (const a of c.arguments) for (const s of symbolsOf(a)) live.add(s);
  }
  return { coordinates, calls: kept, outputs };
}

/** The names a step's code (and the update matrix's, whose argument is j) declares: a hyperparameter may take none of them. */
export function codeNames(traced: TracedStep): string[] {
  return [...traced.coordinates, ...traced.calls.flatMap((c) => c.results.map((r) => (r as E.Sym).name)), ...Object.values(RATE_NAMES), 'game', 'state', 'rates', 'hyperparameters', 'p', 'out', 'field', 'jacobian', 'j'];
}

/** `const { a, b } = object;` for the names the code reads (an unread local does not compile). */
export function readsOf(object: string, names: readonly string[], used: ReadonlySet<string>): string[] {
  const read = names.filter((name) => used.has(name));
  return read.length ? [`const { ${read.join(', ')} } = ${object};`] : [];
}

/** The body of the step function: read the state, the rates and the hyperparameters; call
 * the field in order; write the next state into `out` (which may be `state`: every read comes first). */
export function stepBody(traced: TracedStep, hyperparameters: readonly string[], typed: boolean): string[] {
  const bang = typed ? '!' : '';
  const expressions = [...traced.calls.flatMap((c) => c.arguments), ...traced.outputs];
  const { temporaries, names } = eliminateCommonSubexpressions(expressions, { reserved: [...codeNames(traced), ...hyperparameters] });
  const resultOf = new Map(traced.calls.flatMap((c, k) => c.results.map((r) => [(r as E.Sym).name, k] as const)));
  // A temporary is computed after the last call whose results it reads.
  const used = new Set(expressions.flatMap((e) => [...symbolsOf(e)]));
  const level = (e: Expr): number => Math.max(-1, ...[...symbolsOf(e)].map((s) => resultOf.get(s) ?? -1)) + 1;
  const lines = [
    `const ${traced.coordinates.flatMap((c, i) => (used.has(c) ? [`${c} = state[${i}]${bang}`] : [])).join(', ')};`,
    ...readsOf('rates', Object.values(RATE_NAMES), used),
    ...readsOf('hyperparameters', hyperparameters, used),
  ];
  let argument = 0;
  for (let k = 0; k <= traced.calls.length; k++) {
    for (const t of temporaries) if (level(t.value) === k) lines.push(`const ${t.name} = ${definitionToTs(t.value, names)};`);
    const c = traced.calls[k];
    if (!c) break;
    const args = expressions.slice(argument, argument + c.arguments.length).map((e) => toTs(e, names));
    argument += c.arguments.length;
    const buffer = c.kind === 'field' ? 'field' : 'jacobian';
    lines.push(`game.${c.kind === 'field' ? 'vectorFieldUnchecked' : 'jacobianUnchecked'}(${args.join(', ')}, p, ${buffer});`);
    // Only the results something reads (SGA reads two of the Jacobian's four entries).
    const read = c.results.flatMap((r, i) => (used.has((r as E.Sym).name) ? [`${(r as E.Sym).name} = ${buffer}[${i}]${bang}`] : []));
    if (read.length) lines.push(`const ${read.join(', ')};`);
  }
  expressions.slice(argument).forEach((e, i) => lines.push(`out[${i}] = ${toTs(e, names)};`));
  lines.push('return out;');
  return lines;
}
