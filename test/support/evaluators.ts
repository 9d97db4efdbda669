/**
 * The generated evaluators as the tests call them: imported from generated/<id>.ts, with
 * parameters built from the record (and a test activation for a game that keeps f abstract).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GameRecord } from '../../generator/contract/records.js';
import { GENERATED, TEST_ACTIVATIONS } from './records.js';
import type { TestActivation } from './records.js';

export type Params = Record<string, unknown>;

/** The surface every generated module shares. */
export interface Evaluator {
  readonly defaults?: Params;
  generatorLoss(theta: number, phi: number, p: Params): number;
  discriminatorLoss(theta: number, phi: number, p: Params): number;
  vectorField(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  jacobian(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  equilibriumEigenvalues?(p: Params): { re: [number, number]; im: [number, number] };
  readonly equilibriumNotDifferentiable?: string;
  simultaneousStep(theta: number, phi: number, h: number, p: Params, out?: Float64Array): Float64Array;
  alternatingStep(theta: number, phi: number, schedule: { hG: number; hD: number; nG: number; nD: number }, p: Params, out?: Float64Array): Float64Array;
}

export const importEvaluator = async (id: string): Promise<Evaluator> =>
  (await import(pathToFileURL(path.join(GENERATED, `${id}.ts`)).href)) as Evaluator;

/** f^(k) as the generated modules take it: { d0, d1, ... }. */
export const activationParam = (activation: TestActivation): Record<string, (t: number) => number> =>
  Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`d${k}`, (t: number) => activation.derivative(k, t)]));

/** The parameter sets to exercise a game with: its hyperparameters, and for an abstract f
 * each test activation (whose plain f the oracle needs too). */
export function parameterSets(record: GameRecord, hyperparameters: Record<string, number>): { params: Params; activation?: TestActivation }[] {
  if (record.activation !== 'abstract') return [{ params: { ...hyperparameters } }];
  return TEST_ACTIVATIONS.map((activation) => ({ params: { ...hyperparameters, activation: activationParam(activation) }, activation }));
}

export const defaultsOf = (record: GameRecord): Record<string, number> => Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default]));
