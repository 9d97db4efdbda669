/**
 * `npm run generate`: the orchestrator. It runs the stages in order -- load (load/) ->
 * specialise -> derive -> analyse -> build records and evaluators (pipeline.ts) -> write (or
 * check) -- and ends with the summary table. `npm run generate -- --help` lists the options.
 *
 * Every mistake on the command line or in a derivation ends with `error: ...` and exit 1
 * (every broken derivation of the run listed at once), never a stack trace; exit 2 is a bug
 * of the generator itself.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scanDerivations } from './load/scan.js';
import { ID_PATTERN, derivationFile, exportNameClash } from './game.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS } from './load/errors.js';
import { DerivationError, DerivationErrors } from './load/errors.js';
import type { GameRecord } from './contract/records.js';
import { compare, write } from './emit/write.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const USAGE = `usage: npm run generate [-- options]

Derives every game in derivations/ and writes generated/ (records, evaluators, index),
then prints the summary. Nothing is written when any derivation is broken.

options:
  --only <id>            one game: the id of a file derivations/<id>.ts (the index is left as it is)
  --check                write nothing; exit 1 and name every stale or missing file
  --root <dir>           a project folder other than this one (the tests use it)
  --load-timeout <s>     seconds each derivation may take to load (default ${DEFAULT_LOAD_TIMEOUT_SECONDS})
  --no-cache             derive every game again, ignoring what earlier runs kept
                         (node_modules/.cache/dirac-gan/; a change to a game, a method or the
                         generator's code is never served from there)
  -h, --help             this text`;

/** A mistake on the command line: said with a pointer to --help. */
class UsageError extends Error {}

interface Options {
  readonly only?: string;
  readonly check: boolean;
  readonly root: string;
  readonly loadTimeout: number;
  readonly cache: boolean;
}

const isParseArgsError = (error: unknown): error is Error =>
  error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');

/** The options, or undefined for --help. */
function parseOptions(argv: readonly string[]): Options | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string' },
        check: { type: 'boolean', default: false },
        root: { type: 'string' },
        'load-timeout': { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message);
    throw error;
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length) {
    const [first] = positionals;
    throw new UsageError(`unexpected argument '${first}'${/^[a-z0-9-]+$/.test(first!) ? `; for one game write --only ${first}` : ''}`);
  }
  const root = path.resolve(values.root ?? PROJECT_ROOT);
  if (!isDirectory(path.join(root, 'derivations'))) {
    throw new UsageError(`--root ${values.root ?? root}: ${isDirectory(root) ? 'has no derivations/ folder' : 'no such folder'}`);
  }
  const loadTimeout = values['load-timeout'] === undefined ? DEFAULT_LOAD_TIMEOUT_SECONDS : Number(values['load-timeout']);
  if (!(loadTimeout > 0 && loadTimeout <= 3600)) throw new UsageError(`--load-timeout ${values['load-timeout']}: expected a number of seconds, above 0 and at most 3600`);
  return { ...(values.only === undefined ? {} : { only: values.only }), check: values.check, root, loadTimeout, cache: !values['no-cache'] };
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** The derivations to load: all, or the one --only names (an id, never a path). */
async function selectFiles(root: string, only: string | undefined): Promise<string[]> {
  const { files, ignored } = await scanDerivations(path.join(root, 'derivations'));
  for (const name of ignored) console.error(`warning: derivations/${name} is ignored: a derivation is a file <id>.ts (prefix other files with _)`);
  const ids = files.map((f) => path.basename(f, '.ts'));
  // Two games the generated index would export under one name: an error on the second file,
  // before anything is derived or written.
  const clash = exportNameClash(ids);
  if (clash) throw new DerivationError(derivationFile(clash.id), 'id', `'${clash.id}' and '${clash.other}' (${derivationFile(clash.other)}) would both be exported as ${clash.name} from generated/index.ts; rename one`);
  if (only === undefined) return files;
  if (!ids.includes(only)) {
    const what = ID_PATTERN.test(only) ? `there is no derivations/${only}.ts` : 'expected the id of a game, the name of a file in derivations/ without .ts';
    throw new UsageError(`--only '${only}': ${what} (games: ${ids.join(', ')})`);
  }
  return files.filter((f) => path.basename(f, '.ts') === only);
}

async function generate(options: Options): Promise<number> {
  const { root, only } = options;
  const started = performance.now();
  const files = await selectFiles(root, only);
  // The loader and the pipeline (nerdamer, ts-morph, ...) once the arguments are known right:
  // a mistake on the command line is answered without loading them.
  const [{ loadEach }, { loadMethods }, { checkRules, methodFile }, { generateGame, sharedOutputs }, { discreteTable, kinkSimulationsTable, nonlinearTable, rulesTable, simulationsTable, summaryTable, switchingCurvesTable }, { useCache }, { hyperparameterDefaults }] = await Promise.all([import('./load/load.js'), import('./load/methods.js'), import('./methods/analyse.js'), import('./pipeline.js'), import('./summary.js'), import('./cache.js'), import('./method.js')]);
  useCache(options.cache);
  // Games and methods that load are derived even when others do not, so that one run names
  // every error; a method whose rule is broken is reported once, not once per game.
  const loaded = await loadMethods(path.join(root, 'methods'), root);
  const broken = checkRules(loaded.methods);
  const methods = loaded.methods.filter((m) => !broken.some((e) => e.file === methodFile(m)));
  const { games, errors } = await loadEach(files, root, { timeoutSeconds: options.loadTimeout });
  errors.push(...loaded.errors, ...broken);
  const records: GameRecord[] = [];
  const outputs = new Map<string, string>();
  let cached = 0;
  for (const game of games) {
    try {
      if (generateGame(game, methods, records, outputs)) cached++;
    } catch (error) {
      if (error instanceof DerivationErrors) errors.push(...error.errors);
      else if (error instanceof DerivationError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length) throw new DerivationErrors(errors);
  const complete = only === undefined;
  for (const [file, content] of sharedOutputs(records, complete, methods)) outputs.set(file, content);

  const outputDirectory = path.join(root, 'generated');
  if (options.check) {
    const differences = await compare(outputDirectory, outputs, complete);
    if (differences.length) {
      console.error(`generated/ is stale; run \`npm run generate\`:\n${differences.map((d) => `  generated/${d.file}: ${d.problem}`).join('\n')}`);
      return 1;
    }
    console.log(`generated/ is up to date (${outputs.size} files).`);
    return 0;
  }
  const changed = await write(outputDirectory, outputs, complete);
  for (const record of records) for (const note of record.notes) console.error(`note: ${record.file}: ${note.field}: ${note.text.en}`);
  console.log(summaryTable(records));
  console.log(`\nBeyond the linearisation: the flow at each equilibrium (f substituted where it is given):\n${nonlinearTable(records)}`);
  const curves = switchingCurvesTable(records);
  if (curves) console.log(`\nKinks away from the equilibrium: Filippov's picture along each at the defaults, sampled for 1e-3 <= |theta| <= 1e3 (crossing; sliding, both sides pushing onto it, and where along it; escaping):\n${curves}`);
  console.log(`\nTraining in discrete time, linearised at the equilibrium (what the iterates do to first order; where they cycle, the nonlinear terms decide), at the default hyperparameters (one learning rate h):\n${discreteTable(records)}`);
  console.log(`\nThe training methods of methods/, linearised at the equilibrium, simultaneous / alternating: the largest stable h (one rate h = h_G = h_D; the methods' own hyperparameters at their defaults):\n${rulesTable(records)}`);
  const simulated = methods.filter((m) => m.notDifferentiable).map((m) => ({ id: m.id, defaults: hyperparameterDefaults(m) }));
  if (simulated.length && records.some((r) => r.simulations.some((x) => 'steps' in x))) console.log(`\nSimulated, not derived: the methods with no linearisation at an equilibrium, simultaneous / alternating, at their defaults: where 8 runs from the ring around (0, 0) are after ${records.flatMap((r) => r.simulations).map((x) => ('steps' in x ? x.steps : 0)).find(Boolean)} steps (at rest: the field below 1e-6 there, an equilibrium or where the field vanishes to rounding; still moving; or diverged):\n${simulationsTable(records, simulated)}`);
  const kinked = kinkSimulationsTable(records, methods.filter((m) => !m.notDifferentiable).map((m) => ({ id: m.id, defaults: hyperparameterDefaults(m) })));
  if (kinked) console.log(`\nSimulated, not derived: every method where the field has a kink at the equilibrium (no update map has a linearisation there), simultaneous / alternating, at the method's defaults, the same runs:\n${kinked}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`\n${games.length} game(s)${cached ? ` (${cached} unchanged since an earlier run, taken from node_modules/.cache/dirac-gan/)` : ''}, ${outputs.size} file(s), ${changed.length} changed, in ${seconds} s.`);
  return 0;
}

/** Runs the command; returns the exit code, having printed any error as one line each. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (!options) {
      console.log(USAGE);
      return 0;
    }
    return await generate(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n(npm run generate -- --help lists the options)`);
      return 1;
    }
    if (error instanceof DerivationError || error instanceof DerivationErrors) {
      const all = error instanceof DerivationErrors ? error.errors : [error];
      for (const e of all) console.error(`error: ${e.message}`);
      console.error(`${all.length} error(s); generated/ was not changed.`);
      return 1;
    }
    console.error(error);
    return 2;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exit(await run(process.argv.slice(2)));
