/**
 * Mirror-image runs: where negating (theta, phi) negates a whole simulated run, to the last bit
 * but for the sign of a zero, the runs from s and -s end alike and one of them is enough
 * (simulate.ts). A Dirac-GAN's field is odd, its data being at 0; this module decides, from the
 * parity analysis of the IR (ir/parity.ts), whether a game's field and a method's step keep that
 * symmetry exactly in double precision.
 */
import type { Expr } from '../ir/expr.js';
import * as E from '../ir/expr.js';
import * as Q from '../ir/rational.js';
import { parityOf } from '../ir/parity.js';
import type { Parity } from '../ir/parity.js';
import { symbolsOf } from '../ir/traverse.js';
import { signOf } from '../derive/sign.js';
import type { MethodDefinition } from '../method.js';
import { RATE_NAMES, partsOf } from './compile.js';
import type { TracedStep } from './compile.js';

/** Signs a divisor may have in a mirrored run: never zero. */
const STRICT = new Set(['positive', 'negative', 'nonzero']);
/** The exponent of a square root (IR nodes are interned: compared by identity). */
const HALF = E.num(Q.rational(1n, 2n));

/** Whether e is never 0: of strict sign (derive/sign.ts), or a sum of positive terms and square
 * roots (Adam's eps + sqrt(s): a root is at least 0, or NaN in both runs alike). */
function cannotVanish(e: Expr, positive: ReadonlySet<string>): boolean {
  if (STRICT.has(signOf(e, positive))) return true;
  const root = (t: Expr): boolean => t.kind === 'pow' && t.exponent === HALF;
  return e.kind === 'add' && e.terms.some((t) => signOf(t, positive) === 'positive') && e.terms.every((t) => signOf(t, positive) === 'positive' || root(t));
}

/** The memory coordinates whose values do not depend on the start (Adam's powers of beta): each
 * starts at a number and is updated from constants and such coordinates only. */
function startIndependent(method: MethodDefinition, traced: TracedStep, constants: ReadonlySet<string>): Set<string> {
  const parts = partsOf(method);
  const width = traced.coordinates.length / parts.length;
  const same = new Set(traced.coordinates.filter((_, i) => method.start?.[parts[Math.floor(i / width)]!] !== undefined));
  for (let changed = true; changed; ) {
    changed = false;
    traced.coordinates.forEach((name, i) => {
      if (same.has(name) && ![...symbolsOf(traced.outputs[i]!)].every((s) => constants.has(s) || same.has(s))) {
        same.delete(name);
        changed = true;
      }
    });
  }
  return same;
}

/** Whether the field at the defaults is odd and its Jacobian even in (theta, phi), up to the sign
 * of a zero, which no division turns into another number (a divisor that cannot vanish only), and
 * the clips symmetric (no bound below 0). */
export function oddGame(field: readonly Expr[], jacobian: readonly Expr[], clips: readonly { bound: number }[]): boolean {
  const position = (name: string): Parity | undefined => (name === 'theta' || name === 'phi' ? 'odd' : undefined);
  const parity = (e: Expr): Parity | undefined => parityOf(e, position, (base) => cannotVanish(base, new Set()));
  return field.every((e) => ['odd', 'zero'].includes(parity(e)!)) && jacobian.every((e) => ['even', 'zero'].includes(parity(e)!)) && clips.every((c) => c.bound >= 0);
}

/**
 * Whether negating (theta, phi) negates the whole run, to the last bit but for the sign of a
 * zero (which no division turns into another number): then the runs from s and from -s end as
 * mirror images (the same end, the same distance: a run's end reads only sizes and
 * comparisons), and only one of each pair of mirror-image starts is run (about half of the
 * generator's simulations). The game's field must be odd and its Jacobian even in (theta, phi)
 * (oddGame), and the step equivariant: with theta, phi odd and each memory odd or even,
 * as its start allows (a start of 0 is both, another number even, x's own start odd), every
 * coordinate of the next state has its coordinate's parity, the field called at odd arguments
 * only, and every divisor the same number in both runs or never 0 (ir/parity.ts).
 */
export function equivariant(method: MethodDefinition, traced: TracedStep): boolean {
  const parts = partsOf(method);
  const constants = new Set([...Object.values(RATE_NAMES), ...Object.keys(method.hyperparameters ?? {})]);
  const positive = new Set([...Object.values(RATE_NAMES), ...Object.entries(method.hyperparameters ?? {}).filter(([, spec]) => spec.range[0] > 0).map(([name]) => name)]);
  const same = startIndependent(method, traced, constants);
  // A divisor is the same number in both runs (it reads only constants and the memory that does
  // not depend on the start), or never 0: a division by a zero whose sign differs is the one way
  // the sign of a zero could change a run.
  const nonzero = (base: Expr): boolean => [...symbolsOf(base)].every((name) => constants.has(name) || same.has(name)) || cannotVanish(base, positive);
  const choices = parts.map((part): Parity[] => {
    const start = method.start?.[part];
    return start === undefined ? ['odd'] : start === 0 ? ['odd', 'even'] : ['even'];
  });
  const assignments = choices.reduce<Parity[][]>((all, options) => all.flatMap((a) => options.map((o) => [...a, o])), [[]]);
  const width = traced.coordinates.length / parts.length;
  return assignments.some((assignment) => {
    const parities = new Map<string, Parity | undefined>(traced.coordinates.map((name, i) => [name, assignment[Math.floor(i / width)]]));
    const symbols = (name: string): Parity | undefined => (constants.has(name) ? 'even' : parities.get(name));
    for (const call of traced.calls) {
      const odd = call.arguments.every((a) => parityOf(a, symbols, nonzero) === 'odd');
      for (const result of call.results) parities.set((result as E.Sym).name, odd ? (call.kind === 'field' ? 'odd' : 'even') : undefined);
    }
    return traced.outputs.every((output, i) => {
      const parity = parityOf(output, symbols, nonzero);
      return parity === 'zero' || parity === parities.get(traced.coordinates[i]!);
    });
  });
}
