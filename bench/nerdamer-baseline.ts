/**
 * The baseline a user of nerdamer would reach for: `buildFunction` on the formulas of a
 * game's record (generated/<id>.json, `formulas[].concrete.text`). nerdamer knows neither
 * sigmoid nor softplus, so they are first rewritten to the exp and log they stand for.
 * As /work/shared/design/nerdamer-traps.md warns, the functions it builds write e as a
 * rational and every power with Math.pow; run.ts reports where that goes wrong.
 */
import { readFile } from 'node:fs/promises';
import nerdamer from 'nerdamer-prime';
import type { GameRecord } from '../generator/emit/record.js';
import type { Evaluators } from './variants.js';

/** Splits at the commas that are not inside brackets. */
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

/** The text between `open` at the start and `close` at the end. */
function unwrap(text: string, open: string, close: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith(open) || !trimmed.endsWith(close)) throw new Error(`expected ${open}...${close}, got ${trimmed.slice(0, 40)}`);
  return trimmed.slice(open.length, -close.length);
}

/** Replaces every call name(u) by template(u), innermost arguments first. */
function rewriteCalls(text: string, name: string, template: (argument: string) => string): string {
  const call = new RegExp(`\\b${name}\\(`);
  const match = call.exec(text);
  if (!match) return text;
  const open = match.index + name.length;
  let depth = 0;
  let close = open;
  do {
    if (text[close] === '(') depth++;
    else if (text[close] === ')') depth--;
    close++;
  } while (depth > 0);
  const argument = rewriteCalls(text.slice(open + 1, close - 1), name, template);
  return text.slice(0, match.index) + template(argument) + rewriteCalls(text.slice(close), name, template);
}

/** sigmoid and softplus in terms nerdamer knows. */
export const toNerdamerText = (text: string): string =>
  rewriteCalls(rewriteCalls(text, 'sigmoid', (u) => `(1/(1+exp(-(${u}))))`), 'softplus', (u) => `log(1+exp(${u}))`);

type Scalar = (...args: number[]) => number;

let assembled = 0;

/**
 * One (theta, phi, p, out) function over the built entries, compiled afresh (not a shared
 * closure) so that its calls stay monomorphic, as in the generated evaluators. Its name is
 * unique: V8 caches `new Function` by source text, and equal texts would share type feedback.
 */
function assemble(entries: readonly Scalar[], hyperparameters: readonly string[]): Evaluators['vectorField'] {
  const names = entries.map((_, i) => `f${i}`);
  const args = ['theta', 'phi', ...hyperparameters.map((h) => `p.${h}`)].join(', ');
  const body = [...names.map((f, i) => `out[${i}] = ${f}(${args});`), 'return out;'].join('\n');
  const make = new Function(...names, `return function evaluate${assembled++}(theta, phi, p, out) {\n${body}\n};`) as (...fs: Scalar[]) => Evaluators['vectorField'];
  return make(...entries);
}

/** buildFunction evaluators of a concrete game, from its committed record. */
export async function buildFunctionBaseline(recordFile: string): Promise<Evaluators> {
  const record = JSON.parse(await readFile(recordFile, 'utf8')) as GameRecord;
  const concreteText = (id: string): string => {
    const text = record.formulas.find((f) => f.id === id)?.concrete?.text;
    if (text === undefined) throw new Error(`${recordFile}: no concrete formula '${id}'`);
    return text;
  };
  const field = splitTopLevel(unwrap(concreteText('field'), '[', ']'));
  const jacobian = splitTopLevel(unwrap(concreteText('jacobian'), 'matrix(', ')')).flatMap((row) => splitTopLevel(unwrap(row, '[', ']')));
  const hyperparameters = record.hyperparameters.map((h) => h.name);
  const build = (text: string): Scalar => nerdamer(toNerdamerText(text)).buildFunction(['theta', 'phi', ...hyperparameters]);
  return { vectorField: assemble(field.map(build), hyperparameters), jacobian: assemble(jacobian.map(build), hyperparameters) };
}
