/**
 * The reserved names (generator/vocabulary/reserved.ts): the loader's schema rejects them
 * with a reason, and every name it accepts the emitter can emit. The candidates are the
 * identifiers of the generated modules themselves, the names most likely to clash.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gameSchema } from '../generator/load/schema.js';
import type { GameInput, Hyperparameter } from '../generator/game.js';
import { specialise } from '../generator/specialise/dirac.js';
import { derive } from '../generator/derive/derive.js';
import { emitEvaluator } from '../generator/emit/evaluator/module.js';
import wgan from '../derivations/wgan.js';
import ganR1 from '../derivations/gan-r1.js';
import { ROOT } from './support/records.js';

const GAMMA = ganR1.hyperparameters!.gamma!;
/** gan-r1 with its hyperparameter gamma renamed (in the weight too). */
const renamed = (name: string): GameInput => ({
  ...ganR1,
  hyperparameters: { [name]: GAMMA },
  regularisers: ganR1.regularisers!.map((r) => ({ ...r, weight: r.weight.replaceAll('gamma', name) })),
});
const schemaMessage = (definition: GameInput): string | undefined => {
  const result = gameSchema.safeParse(definition);
  return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
};

describe('the schema', () => {
  it.each([
    ['h', /'h' is a symbol of the discrete-time analysis/],
    ['vTheta', /'vTheta' is a name the generated evaluator uses itself/],
    ['defineSteps', /'defineSteps' is a name the generated evaluator uses itself/],
    ['x', /'x' stands for the sample an expectation runs over/],
    ['epsilon', /'epsilon' stands for the instance noise added to a sample/],
    ['sqrt', /'sqrt' is a function of the expressions/],
    ['sigmoid', /'sigmoid' is a function of the expressions/],
    ['d3f', /'d3f' is the activation or one of its derivatives/],
    ['d12f', /'d12f' is the activation or one of its derivatives/],
    ['class', /'class' is a reserved word of JavaScript/],
    ['Float64Array', /'Float64Array' is a name the generated evaluator uses itself/],
  ])('rejects %s with the reason', (name, reason) => {
    expect(schemaMessage(renamed(name))).toMatch(new RegExp(`this name is reserved: ${typeof reason === 'string' ? reason : reason.source}`));
  });
  it('accepts an ordinary name', () => expect(schemaMessage(renamed('lambda_r'))).toBeUndefined());
  it('rejects a name that is not an identifier', () => expect(schemaMessage(renamed('2x'))).toBe('a hyperparameter name is a letter followed by letters, digits or _'));
});

/** The identifiers of the generated modules' code (comments left out). */
function generatedIdentifiers(): string[] {
  const directory = path.join(ROOT, 'generated');
  const names = new Set<string>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts'))) {
    const code = readFileSync(path.join(directory, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'/g, "''");
    for (const match of code.matchAll(/\b[A-Za-z][A-Za-z0-9_]*\b/g)) names.add(match[0]);
  }
  return [...names].sort();
}

describe('the schema and the emitter', () => {
  it('agree: every identifier of the generated code the schema accepts as a hyperparameter, the emitter can emit', () => {
    const hyperparameter: Hyperparameter = { default: 1, range: [0.5, 2], description: { en: 'unused', zh: '未使用' } };
    const accepted = generatedIdentifiers().filter((name) => schemaMessage({ ...wgan, hyperparameters: { [name]: hyperparameter } }) === undefined);
    expect(accepted.length).toBeGreaterThan(50);
    const input = { ...wgan, hyperparameters: Object.fromEntries(accepted.map((name) => [name, hyperparameter])) };
    expect(schemaMessage(input)).toBeUndefined();
    const derivation = derive(specialise({ file: 'derivations/wgan.ts', definition: gameSchema.parse(input) }));
    expect(() => emitEvaluator(derivation)).not.toThrow();
  });
});
