/**
 * A derived and analysed game's record (generated/<id>.json): the record of its derivation
 * and analyses, its claims compared, the training methods elsewhere and simulated. Plain
 * computation, with no file or emitter: the command line (pipeline.ts) and the playground's
 * worker (site/playground/) build records here, so the two give the same bytes.
 */
import { serialiseNonlinear } from './analyse/analyse.js';
import type { NonlinearAnalysis } from './analyse/verdict.js';
import { claimDifferences } from './claims.js';
import type { DriftRecord, GameRecord } from './contract/records.js';
import { alternatingDrift } from './analyse/map-drift.js';
import { switchingCurves } from './analyse/switching-curve.js';
import { kinksAnywhere } from './derive/equilibrium.js';
import { environmentOf } from './derive/derive.js';
import type { Derivation, Stage } from './derive/derive.js';
import type { Environment } from './ir/evaluate.js';
import { buildRecord } from './emit/record.js';
import { ruleRecords } from './emit/record-rules.js';
import { DerivationError, DerivationErrors } from './load/errors.js';
import type { MethodDefinition } from './method.js';
import { analyseRules } from './methods/analyse.js';
import type { RuleAnalysis } from './methods/analyse.js';
import { rulesElsewhere } from './methods/elsewhere.js';
import { ruleBasins, simulateMethods } from './methods/simulate.js';

/** Every training method of methods/ at the game's equilibrium, where it is differentiable:
 * the concrete stage where f is given, with the numbers the discrete-time analysis uses. */
export function rulesOf(derivation: Derivation, methods: readonly MethodDefinition[]): RuleAnalysis[] {
  const stage = derivation.concrete ?? derivation.generic;
  if (!stage.equilibrium.differentiable) return [];
  return analyseRules(methods, stage.equilibrium.jacobian, environmentOf(derivation.game, derivation.concrete ? derivation.activationDerivatives : undefined), derivation.game.file);
}

/** A derived and analysed game's record; a claim that the derivation refutes is an error that
 * names it, and so is a number of it that a double cannot hold (JSON would write null). */
export function gameRecord(derivation: Derivation, nonlinear: NonlinearAnalysis, methods: readonly MethodDefinition[]): GameRecord {
  const record = analysedRecord(derivation, nonlinear, methods);
  const where = notFinite(record, '');
  if (where) {
    const { game } = derivation;
    const defaults = game.hyperparameters.map((name) => `${name} = ${game.definition.hyperparameters[name]!.default}`).join(', ');
    throw new DerivationError(game.file, 'hyperparameters', `at the defaults (${defaults}) the record's ${where.path} is ${where.value}, beyond a double: the analyses evaluate the derived formulas there in double precision; choose defaults and ranges nearer 1`);
  }
  return record;
}

/** The first number of a record that is NaN or infinite, by its path (rules[2].planes[0]...). */
function notFinite(value: unknown, path: string): { path: string; value: number } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = notFinite(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const found = notFinite(entry, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

function analysedRecord(derivation: Derivation, nonlinear: NonlinearAnalysis, methods: readonly MethodDefinition[]): GameRecord {
  const derived = buildRecord(derivation, serialiseNonlinear(nonlinear), ruleRecords(rulesOf(derivation, methods)), []);
  const differences = claimDifferences(derivation, derived);
  if (differences.length > 0) {
    throw new DerivationErrors(differences.map((d) => new DerivationError(derivation.game.file, `claims.${d.claim}`, `the derivation claims ${d.claimed}, but it derives ${d.derived}`)));
  }
  // The simulations last: claims say nothing of them, and a refuted claim need not wait for them.
  // The stage with numbers: f substituted, or the generic one of a game without f (LSGAN).
  const numeric = derivation.concrete && derivation.concrete !== derivation.generic ? { stage: derivation.concrete, name: 'concrete' as const } : derivation.game.activationKind === 'abstract' ? undefined : { stage: derivation.generic, name: 'generic' as const };
  const rules = ruleBasins(derivation, methods, derived.rules);
  if (!numeric) return { ...derived, rules, rulesElsewhere: [], simulations: simulateMethods(derivation, methods) };
  const env = environmentOf(derivation.game, derivation.activationDerivatives);
  const elsewhere = rulesElsewhere(numeric.stage, nonlinear, numeric.name, methods, env, derivation.game.file);
  // With instance noise the field is an expectation these analyses do not take: neither is made.
  const noisy = derivation.game.noise !== undefined;
  const drift = noisy ? undefined : driftOf(numeric.stage, derived.discrete[numeric.name], derivation.game.positive, env);
  const kinks = noisy ? derived.kinks : kinksWithFilippov(numeric.stage, derivation, derived.kinks, env);
  return { ...derived, rules, kinks, rulesElsewhere: elsewhere, ...(drift ? { drift } : {}), simulations: simulateMethods(derivation, methods) };
}

/** Each kink away from the equilibrium with Filippov's picture along it (the kinks' arguments as the record's facts find them). */
function kinksWithFilippov(stage: Stage, derivation: Derivation, kinks: GameRecord['kinks'], env: Environment): GameRecord['kinks'] {
  const us = kinksAnywhere(derivation.generic.objectives, derivation.game.positive);
  return kinks.map((k, i) => {
    const filippov = switchingCurves(stage.field, us[i]!, env);
    return filippov.length ? { ...k, filippov } : k;
  });
}

/** Where alternating steps cycle to first order at the defaults: what the cubic terms of their map say. */
function driftOf(stage: Stage, discrete: GameRecord['discrete']['generic'] | undefined, positive: readonly string[], env: Environment): DriftRecord | undefined {
  const alternating = discrete?.find((m) => m.method === 'alternating');
  if (alternating?.verdict !== 'cycles-below-bound' || !alternating.bound) return undefined;
  return alternatingDrift(stage.field, new Set(positive), env, alternating.bound.atDefaults);
}

/** A record as generated/<id>.json holds it. */
export const recordText = (record: GameRecord): string => `${JSON.stringify(record, null, 2)}\n`;
