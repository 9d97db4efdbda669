/**
 * The baselines a user of nerdamer would reach for: `buildFunction` on the formulas of a
 * game's record (generated/<id>.json, `formulas[].concrete.text`, or `generic.text` for a game
 * without an activation, whose generic formulas are the concrete ones). nerdamer knows neither
 * sigmoid, softplus nor relu, so they are first rewritten to the exp, log and max they stand for.
 * As /work/shared/design/nerdamer-traps.md warns, the functions it builds write e as a
 * rational and every power with Math.pow; checks.ts reports where that goes wrong. Beside it,
 * the stronger baseline of nerdamer-text.ts: nerdamer's text output compiled by hand.
 *
 * A game with instance noise has formulas in the noise variable that stand for expectations
 * over it. nerdamer cannot take the expectation, so the baseline does what a nerdamer user
 * would: it builds the integrand as a function of the noise too and sums it over the nodes of
 * the same quadrature rules as the hand-written evaluator (chosen by the sharpness
 * sigma |phi|), one call of a built function per node and entry.
 */
import { readFile } from 'node:fs/promises';
import nerdamer from 'nerdamer-prime';
import type { GameRecord } from '../generator/contract/records.js';
import { entriesOfText } from '../generator/contract/records.js';
import type { Evaluators } from './variants.js';
import type { NormalRule } from './quadrature.js';
import { textFunction } from './nerdamer-text.js';

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

/** sigmoid, softplus and relu in terms nerdamer knows (it has max, step, sign and abs). */
export const toNerdamerText = (text: string): string =>
  rewriteCalls(rewriteCalls(rewriteCalls(text, 'sigmoid', (u) => `(1/(1+exp(-(${u}))))`), 'softplus', (u) => `log(1+exp(${u}))`), 'relu', (u) => `max(0,${u})`);

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

/** The quadrature rule for an integrand of sharpness sigma |phi|. */
export type RuleFor = (sharpness: number) => NormalRule;

/**
 * Like assemble, for entries that are functions of the noise too (its last argument): each
 * entry is the weighted sum over the nodes of ruleFor(sigma |phi|), the noise at node i being
 * sigma * nodes[i], sigma = sigmaOf(hyperparameters).
 */
function assembleOverNoise(entries: readonly Scalar[], hyperparameters: readonly string[], sigma: Scalar, ruleFor: RuleFor): Evaluators['vectorField'] {
  const names = entries.map((_, i) => `f${i}`);
  const parameters = hyperparameters.map((h) => `p.${h}`).join(', ');
  const args = ['theta', 'phi', ...hyperparameters.map((h) => `p.${h}`), 'e'].join(', ');
  const body = [
    `const sigma = sigmaOf(${parameters});`,
    'const { nodes, weights } = ruleFor(sigma * Math.abs(phi));',
    ...names.map((_, i) => `let sum${i} = 0;`),
    'for (let i = 0; i < nodes.length; i++) {',
    '  const e = sigma * nodes[i];',
    ...names.map((f, i) => `  sum${i} += weights[i] * ${f}(${args});`),
    '}',
    ...names.map((_, i) => `out[${i}] = sum${i};`),
    'return out;',
  ].join('\n');
  const make = new Function('sigmaOf', 'ruleFor', ...names, `return function evaluate${assembled++}(theta, phi, p, out) {\n${body}\n};`) as (...fs: unknown[]) => Evaluators['vectorField'];
  return make(sigma, ruleFor, ...entries);
}

/** A formula of the record as text: the concrete one, or the generic one for a game without an activation. */
function formulaText(record: GameRecord, recordFile: string, id: string): string {
  const formula = record.formulas.find((f) => f.id === id);
  const text = formula?.concrete?.text ?? (record.activation === 'none' ? formula?.generic?.text : undefined);
  if (text === undefined) throw new Error(`${recordFile}: no concrete formula '${id}'`);
  return text;
}

/** How an expression in nerdamer's syntax becomes a function of the named variables. */
type Builder = (text: string, variables: readonly string[]) => Scalar;
const BUILDERS: Readonly<Record<'buildFunction' | 'nerdamer text', Builder>> = {
  buildFunction: (text, variables) => nerdamer(text).buildFunction([...variables]) as Scalar,
  'nerdamer text': textFunction,
};

/** The buildFunction and nerdamer-text evaluators of a concrete game, from its committed record; `ruleFor` for a game with instance noise. */
export async function nerdamerBaselines(recordFile: string, ruleFor?: RuleFor): Promise<Record<keyof typeof BUILDERS, Evaluators>> {
  const record = JSON.parse(await readFile(recordFile, 'utf8')) as GameRecord;
  return {
    buildFunction: baseline(record, recordFile, BUILDERS.buildFunction, ruleFor),
    'nerdamer text': baseline(record, recordFile, BUILDERS['nerdamer text'], ruleFor),
  };
}

function baseline(record: GameRecord, recordFile: string, builder: Builder, ruleFor?: RuleFor): Evaluators {
  const field = entriesOfText(formulaText(record, recordFile, 'field'));
  const jacobian = entriesOfText(formulaText(record, recordFile, 'jacobian'));
  const hyperparameters = record.hyperparameters.map((h) => h.name);
  if (record.noise === undefined) {
    const build = (text: string): Scalar => builder(toNerdamerText(text), ['theta', 'phi', ...hyperparameters]);
    return { vectorField: assemble(field.map(build), hyperparameters), jacobian: assemble(jacobian.map(build), hyperparameters) };
  }
  if (ruleFor === undefined) throw new Error(`${recordFile}: the game has instance noise, and no quadrature rules were given`);
  const { symbol } = record.noise;
  const build = (text: string): Scalar => builder(toNerdamerText(text), ['theta', 'phi', ...hyperparameters, symbol]);
  const sigma = builder(toNerdamerText(record.noise.sigma), hyperparameters);
  return {
    vectorField: assembleOverNoise(field.map(build), hyperparameters, sigma, ruleFor),
    jacobian: assembleOverNoise(jacobian.map(build), hyperparameters, sigma, ruleFor),
  };
}
