/**
 * The readers of the records whose types records.ts declares, and re-exports: what the site,
 * the benchmark and the tests compute from a record (a rule's coefficients at a point, a clip
 * bound at the hyperparameters, a formula's entries and a formula by id, the verdict at (0, 0))
 * so that none of them parses TeX or formula text of its own.
 */
import type { ClipBound, EquilibriumRecord, FormulaRecord, GameRecord, Rendered, RuleRecord, WhereRecord } from './records.js';

/** p's coefficients at (x, y), from a rule's plane (its polynomials in x and y). */
export function coefficientsAt(plane: RuleRecord['planes'][number], x: number, y: number): number[] {
  // Horner in x of Horner in y, as loops: the stability maps and the generator's searches call it a million times.
  return plane.coefficients.map((rows) => {
    let sum = 0;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      let inner = 0;
      for (let j = row.length - 1; j >= 0; j--) inner = inner * y + row[j]!;
      sum = sum * x + inner;
    }
    return sum;
  });
}

/** A clip bound at the given hyperparameters. */
export function clipBound(bound: ClipBound, values: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const { coefficient, powers } of bound.terms) {
    let term = coefficient;
    for (const [name, power] of Object.entries(powers)) {
      const value = values[name];
      if (value === undefined) throw new Error(`clip bound ${bound.text}: no value for the hyperparameter '${name}'`);
      term *= value ** power;
    }
    sum += term;
  }
  return sum;
}

/** Splits "a, b" at the commas outside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** The entries of a record's vector or matrix text, for readers that rebuild the formulas
 * with a CAS: "[a, b]" -> [a, b]; "matrix([a, b], [c, d])" -> [a, b, c, d] (row-major). */
export function entriesOfText(text: string): string[] {
  const inner = text.startsWith('matrix(') ? text.slice('matrix('.length, -1) : `[${text.slice(1, -1)}]`;
  return splitTopLevel(inner).flatMap((row) => splitTopLevel(row.slice(1, -1)));
}

/** A record's formula by id, if it has it. */
export const formulaOf = (record: GameRecord, id: string): FormulaRecord | undefined => record.formulas.find((f) => f.id === id);

/** Whether the equilibrium is (0, 0) or a curve through it. */
export function holdsOrigin(where: WhereRecord): boolean {
  if (where.kind === 'point') return where.theta.text === '0' && where.phi.text === '0';
  if (where.kind === 'line' || where.kind === 'switching-line') return where.value.text === '0';
  return false;
}

/** A conditional set's factor as it vanishes there: with instance noise, its mean over the noise. */
export function conditionalFactor(where: Extract<WhereRecord, { kind: 'conditional' }>): Rendered {
  const over = where.meanOver;
  return over ? { text: `E_${over.text}[${where.factor.text}]`, tex: `\\mathbb{E}_{${over.tex}}\\left[${where.factor.tex}\\right]` } : where.factor;
}

/** The flow's verdict at (0, 0) as the record's last stage (f substituted where it is given) states it: the point itself where listed, else the curve through it. */
export function flowAtOrigin(record: GameRecord): EquilibriumRecord | undefined {
  const at = record.nonlinear.stages[record.nonlinear.stages.length - 1]!.equilibria.filter((e) => holdsOrigin(e.where));
  return at.find((e) => e.where.kind === 'point') ?? at[0];
}
