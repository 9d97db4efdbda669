/**
 * The records' nonlinear analysis (`nonlinear`, generator/analyse/) as the pages use it: each
 * equilibrium once, with its verdict with f abstract ('generic') and with f substituted
 * ('concrete') side by side where both stages found it; the game's verdict of the flow at
 * (0, 0) for the index; and, on a switching line, which side each one-sided field points to,
 * read off the generated vector field (the record lists the segment's ends, not its kind).
 */
import { holdsOrigin } from '../../generator/contract/records.js';
import type { EquilibriumRecord, WhereRecord } from '../../generator/contract/records.js';
import type { Game } from './game.js';
import { defaultParams } from './discrete.js';

export type { EquilibriumRecord, WhereRecord } from '../../generator/contract/records.js';
export type Analysis = EquilibriumRecord['restsOn'][number];

export interface Equilibrium {
  /** Where, as the stage that says most (the concrete one, if it found it) writes it. */
  readonly where: WhereRecord;
  readonly generic?: EquilibriumRecord;
  readonly concrete?: EquilibriumRecord;
}

/** Identifies an equilibrium across the two stages. */
export function whereKey(where: WhereRecord): string {
  switch (where.kind) {
    case 'point':
      return `point ${where.theta.text} ${where.phi.text}`;
    case 'line':
    case 'switching-line':
      return `${where.kind} ${where.variable} ${where.value.text}`;
    case 'conditional':
      return `conditional ${where.factor.text}`;
  }
}

/** Every equilibrium the record lists, in the order its stages list them (concrete first). */
export function equilibriaOf(game: Game): Equilibrium[] {
  const byKey = new Map<string, { where: WhereRecord; generic?: EquilibriumRecord; concrete?: EquilibriumRecord }>();
  const stages = [...game.record.nonlinear.stages].sort((a, b) => (a.stage === b.stage ? 0 : a.stage === 'concrete' ? -1 : 1));
  for (const stage of stages) {
    for (const e of stage.equilibria) {
      const key = whereKey(e.where);
      const entry = byKey.get(key) ?? { where: e.where };
      entry[stage.stage] = e;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

/** The analysis that speaks for this f: the concrete stage's, else the generic one's. */
export const decisive = (e: Equilibrium): EquilibriumRecord => (e.concrete ?? e.generic)!;


/** The verdict of the flow at (0, 0): the point itself if the record lists it, else the curve through it. */
export function flowAtOrigin(game: Game): EquilibriumRecord | undefined {
  const at = equilibriaOf(game).filter((e) => holdsOrigin(e.where));
  const chosen = at.find((e) => e.where.kind === 'point') ?? at[0];
  return chosen ? decisive(chosen) : undefined;
}

/** How the one-sided fields meet a segment of a switching line: both away (escaping), both
 * towards it (sliding), or across. Read from the generated field just off the line at the
 * segment's midpoint, at the defaults. */
export type SegmentKind = 'escaping' | 'sliding' | 'crossing';

const OFF_LINE = 1e-9;

export function segmentKind(game: Game, e: EquilibriumRecord): SegmentKind | undefined {
  const { where, numbers } = e;
  const a = numbers.segmentEnd1;
  const b = numbers.segmentEnd2;
  if (where.kind !== 'switching-line' || a === undefined || b === undefined || !holdsOrigin(where)) return undefined;
  const params = defaultParams(game);
  const mid = (a + b) / 2;
  const across = where.variable === 'phi' ? 1 : 0;
  const side = (s: number): number => {
    const v = where.variable === 'phi' ? game.evaluator.vectorField(mid, s * OFF_LINE, params) : game.evaluator.vectorField(s * OFF_LINE, mid, params);
    return Math.sign(v[across]!);
  };
  const plus = side(1);
  const minus = side(-1);
  if (plus > 0 && minus < 0) return 'escaping';
  if (plus < 0 && minus > 0) return 'sliding';
  return 'crossing';
}
