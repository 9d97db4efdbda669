/**
 * The stages of `npm run generate` for one game, after loading: specialise and derive
 * (derive/blame.ts), analyse beyond the linearisation (analyse/), build the record and
 * compare the claims (emit/record.ts, claims.ts), emit the evaluator (emit/evaluator/); and
 * the files that do not belong to one game. cli.ts runs them over the games and writes.
 */
import { deriveGame } from './derive/blame.js';
import type { Derivation } from './derive/derive.js';
import { analyseNonlinear } from './analyse/analyse.js';
import { gameRecord, recordText } from './game-record.js';
import type { NonlinearAnalysis } from './analyse/verdict.js';
import { emitGameModule } from './emit/evaluator/module.js';
import { emitIndex } from './emit/index-module.js';
import { runtimeOutputs } from './runtime.js';
import type { GameRecord } from './contract/records.js';
import { METHODS_RECORD } from './contract/records.js';
import { DerivationError } from './load/errors.js';
import type { LoadedGame } from './load/load.js';
import { DoubleRangeError } from './ir/rational.js';
import { methodsRecord } from './emit/record-rules.js';
import type { MethodDefinition } from './method.js';
import { GENERATED_MARK } from './emit/write.js';
import { cachedJson } from './cache.js';
import { methodSources } from './methods/sources.js';
import { METHODS_MODULE, emitMethodsModule } from './emit/methods-module.js';

/** A derived and analysed game's record and files (module, record, shared activation
 * module); a claim that the derivation refutes is an error that names it. */
export function gameOutputs(derivation: Derivation, nonlinear: NonlinearAnalysis, methods: readonly MethodDefinition[]): { record: GameRecord; files: Map<string, string> } {
  const record = gameRecord(derivation, nonlinear, methods);
  const module = emitGameModule(derivation, {}, nonlinear);
  const files = new Map([[`${record.id}.json`, recordText(record)], [`${record.id}.ts`, module.text]]);
  if (module.shared) files.set(module.shared.file, module.shared.text);
  return { record, files };
}

/** What generated/ holds beside the games' files: the runtime's copy and, when every game was
 * generated, the index of them and the methods' description. */
export function sharedOutputs(records: readonly GameRecord[], complete: boolean, methods: readonly MethodDefinition[]): Map<string, string> {
  const outputs = new Map(runtimeOutputs());
  // The index and the methods' file cover every game, so they are only rewritten when every game was generated.
  if (complete) {
    // Kept between runs like the methods' module below: emitting it would load ts-morph, which a
    // run with every game kept otherwise never needs.
    const ids = records.map((r) => r.id);
    outputs.set('index.ts', cachedJson(['index-module', ...ids], () => emitIndex(ids)) as string);
    const degrees = records.flatMap((r) => r.rules.map((rule) => rule.degree));
    outputs.set(METHODS_RECORD, `${JSON.stringify(methodsRecord(methods, degrees, `${GENERATED_MARK} from methods/. DO NOT EDIT.`), null, 2)}\n`);
    // The same for every run with the same methods: kept between runs (0.3 s of emission a run).
    outputs.set(METHODS_MODULE, cachedJson(['methods-module', ...methodsKey(methods)], () => emitMethodsModule(methods)) as string);
  }
  return outputs;
}

/** The methods as what is kept between runs is keyed by: each one's file as loaded. */
const methodsKey = (methods: readonly MethodDefinition[]): string[] => methods.map((m) => methodSources.get(m) ?? JSON.stringify(m));

/** A game's outputs as they are kept: its record and its files. */
export interface GameOutputs {
  readonly record: GameRecord;
  readonly files: readonly (readonly [string, string])[];
}

/**
 * What a game gives depends only on its definition, the methods and the generator's code, so it
 * is kept between runs (cache.ts): read back, or computed and kept. Returns it, and whether it
 * was read.
 */
export function keptGameOutputs(game: LoadedGame, methods: readonly MethodDefinition[], compute: () => GameOutputs): { outputs: GameOutputs; read: boolean } {
  let computed = false;
  // The key's object is the loaded game's { file, definition }, in that order, whoever asks.
  const key = ['game', JSON.stringify({ file: game.file, definition: game.definition }), ...methodsKey(methods)];
  const outputs = cachedJson(key, () => {
    computed = true;
    const { record, files } = compute();
    return { record, files: [...files] };
  }) as GameOutputs;
  return { outputs, read: !computed };
}

/** Derives one game and emits its files, or takes them as an earlier run kept them (returns
 * whether it did); an emission that a double cannot hold names the file. */
export function generateGame(game: LoadedGame, methods: readonly MethodDefinition[], records: GameRecord[], outputs: Map<string, string>): boolean {
  try {
    const kept = keptGameOutputs(game, methods, () => {
      const derivation = deriveGame(game);
      const { record, files } = gameOutputs(derivation, analyseNonlinear(derivation), methods);
      return { record, files: [...files] };
    });
    records.push(kept.outputs.record);
    for (const [file, content] of kept.outputs.files) outputs.set(file, content);
    return kept.read;
  } catch (error) {
    if (error instanceof DoubleRangeError) throw new DerivationError(game.file, '', `cannot emit the evaluator: ${error.message}`);
    throw error;
  }
}
