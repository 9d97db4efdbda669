/**
 * `npm run generate`: the orchestrator. It names the stages in order --
 * load -> specialise -> derive -> build records and evaluators -> write (or check) --
 * and ends with the summary table.
 *
 *   npm run generate                  regenerate everything
 *   npm run generate -- --only gan    one game
 *   npm run generate -- --check       exit 1 and name the files when generated/ is stale
 *   --root DIR                        a project folder other than this one (tests use it)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { loadGame, loadGames, listDerivations } from './load/load.js';
import type { LoadedGame } from './load/load.js';
import { DerivationError } from './load/errors.js';
import { deriveGame } from './derive/blame.js';
import { buildRecord } from './emit/record.js';
import { emitEvaluator } from './emit/evaluator.js';
import { emitIndex } from './emit/index-module.js';
import { TRAINING_FILE, emitTrainingModule } from './emit/training-module.js';
import type { GameRecord } from './emit/record.js';
import { compare, write } from './emit/write.js';
import { discreteTable, summaryTable } from './summary.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

class UsageError extends Error {}

async function loadSelected(root: string, only: string | undefined): Promise<LoadedGame[]> {
  const directory = path.join(root, 'derivations');
  if (!only) return loadGames(directory, root);
  const file = path.join(directory, `${only}.ts`);
  if (!existsSync(file)) {
    const known = (await listDerivations(directory)).map((f) => path.basename(f, '.ts'));
    throw new UsageError(`--only ${only}: there is no derivations/${only}.ts (games: ${known.join(', ')})`);
  }
  return [await loadGame(file, root)];
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { only: { type: 'string' }, check: { type: 'boolean', default: false }, root: { type: 'string' } },
    strict: true,
  });
  const root = path.resolve(values.root ?? PROJECT_ROOT);
  const started = performance.now();

  const games = await loadSelected(root, values.only);
  const records: GameRecord[] = [];
  const outputs = new Map<string, string>();
  for (const game of games) {
    const derivation = deriveGame(game);
    const record = buildRecord(derivation);
    records.push(record);
    outputs.set(`${record.id}.json`, `${JSON.stringify(record, null, 2)}\n`);
    outputs.set(`${record.id}.ts`, emitEvaluator(derivation));
  }
  outputs.set(TRAINING_FILE, emitTrainingModule());
  // The index lists every game, so it is only rewritten when every game was generated.
  if (values.only === undefined) outputs.set('index.ts', emitIndex(records.map((r) => r.id)));

  const outputDirectory = path.join(root, 'generated');
  const complete = values.only === undefined;
  if (values.check) {
    const differences = await compare(outputDirectory, outputs, complete);
    if (differences.length) {
      console.error(`generated/ is stale; run \`npm run generate\`:\n${differences.map((d) => `  generated/${d.file}: ${d.problem}`).join('\n')}`);
      return 1;
    }
    console.log(`generated/ is up to date (${outputs.size} files).`);
    return 0;
  }
  const changed = await write(outputDirectory, outputs, complete);
  console.log(summaryTable(records));
  console.log(`\nTraining in discrete time, at the default hyperparameters (one learning rate h):\n${discreteTable(records)}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`\n${games.length} game(s), ${outputs.size} file(s), ${changed.length} changed, in ${seconds} s.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DerivationError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(2);
  },
);
