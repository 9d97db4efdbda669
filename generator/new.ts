/**
 * `npm run new -- <id>`: a new derivation from a commented template, to edit and then
 * regenerate. It writes derivations/<id>.ts and nothing else, and never overwrites a file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ID_PATTERN, ID_RULE, exportNameClash } from './game.js';
import { scanDerivationsSync } from './load/scan.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The exports of pieces.ts, each with the one-line doc comment above it, for the template.
 * Read as text, not parsed (parsing TypeScript would triple the command's time): the file
 * keeps to a one-line doc comment then `export const`, and a test checks every export is listed. */
function piecesCatalogue(): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, 'generator/pieces.ts'), 'utf8');
  // A piece that is a function is listed called, as a file uses it: ganObjective().
  const entries = [...text.matchAll(/^\/\*\* (.+?) \*\/\r?\nexport const (\w+)[^=]*= (\()?/gm)].map((m) => [`${m[2]!}${m[3] ? '()' : ''}`, m[1]!] as const);
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, line]) => `//   ${name.padEnd(width)}  ${line}`);
}

/** A new derivation's text: the command's file, and the playground's first text. */
export const derivationTemplate = (id: string): string => `import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, penaltyWeight } from '../generator/pieces.js';

// A new game: the standard GAN with one regulariser, ready to change. Every field is
// described where it is declared (generator/game.ts); run \`npm run generate\` to derive it.
//
// Named pieces from generator/pieces.ts, to import above and use as the fields' values
// (a piece's weight may be given: r1Penalty('gamma/4')):
${piecesCatalogue().join('\n')}
export default defineGame({
  id: '${id}',
  title: { en: 'Standard GAN + my regulariser', zh: '标准 GAN + 我的正则项' },
  summary: {
    en: 'What the regulariser does, in a sentence.',
    zh: '用一句话说明这个正则项的作用。',
  },
  sources: ['Where the objective or the regulariser comes from'],
  // f(t), e.g. { definition: 'log(sigmoid(t))' }; 'abstract' keeps f symbolic, 'none' when
  // the objectives are written in D alone.
  activation: standardActivation,
  // D(x) is the Dirac-GAN's phi*x unless a field discriminator: '...' says otherwise.
  // A zero-sum game's one objective, which the generator minimises and the discriminator
  // maximises; otherwise objectives: { generator: [...], discriminator: [...] }. Each is a
  // sum of expectations over 'data' (x = 0), 'generator' (x = theta) or 'interpolated'
  // samples, written in x, D(x), gradD(x) (dD/dx), f and the hyperparameters; or over 'pair's
  // of a real and a generated sample, written in x_real, x_fake, D(x_real), D(x_fake), ...
  // (relativistic losses: f(D(x_fake) - D(x_real))). Edata(D(x)) and Egenerator(D(x)) are D's
  // means.
  objective: ganObjective(),
  // A penalty is added to the generator's objective or subtracted from the discriminator's.
  regularisers: [
    { name: 'R', player: 'discriminator', weight: 'gamma/2', term: { over: 'generator', of: 'gradD(x)^2' } },
  ],
  // Every symbol the expressions use besides x, theta, phi: a default and the range to explore.
  hyperparameters: {
    gamma: penaltyWeight({ en: 'weight of the penalty', zh: '惩罚的权重' }),
  },
  // What you expect, and why; \`npm run generate\` says whether the derivation agrees and
  // \`npm test\` checks it against numeric oracles.
  claims: {
    verdict: 'locally-convergent',
    source: 'my expectation: a zero-centred penalty damps the rotation',
  },
});
`;

/** Ids name files and appear in tables and page titles: short enough for all of them. */
const MAX_ID_LENGTH = 64;

const USAGE = `usage: npm run new -- <id> [--root <dir>]

Writes derivations/<id>.ts, a commented template to edit, and nothing else; it never
overwrites a file. <id> is ${ID_RULE}, at most ${MAX_ID_LENGTH} characters.

options:
  --root <dir>   a project folder other than this one (the tests use it)
  -h, --help     this text`;

/** The command; returns the exit code (the tests call it in-process). */
export function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [id, ...rest] = parsed.positionals;
  if (id === undefined || rest.length > 0) {
    console.error(`error: one id expected, ${id === undefined ? 'none' : `${1 + rest.length}`} given\n\n${USAGE}`);
    return 1;
  }
  const root = path.resolve(parsed.values.root ?? PROJECT_ROOT);
  if (id.length > MAX_ID_LENGTH) {
    console.error(`error: the id is ${id.length} characters long; an id has at most ${MAX_ID_LENGTH}`);
    return 1;
  }
  if (!ID_PATTERN.test(id)) {
    console.error(`error: '${id}' is not an id: an id is ${ID_RULE}`);
    return 1;
  }
  const directory = path.join(root, 'derivations');
  if (!existsSync(directory)) {
    console.error(`error: ${parsed.values.root === undefined ? root : `--root ${parsed.values.root}`}: there is no derivations/ folder`);
    return 1;
  }
  const file = path.join(directory, `${id}.ts`);
  if (existsSync(file)) {
    console.error(`error: derivations/${id}.ts exists already; choose another id or edit that file`);
    return 1;
  }
  // The generated index exports each game under its id in camelCase: two ids must not meet there.
  const clash = scanDerivationsSync(directory).files.map((f) => exportNameClash([path.basename(f, '.ts'), id])).find(Boolean);
  if (clash) {
    console.error(`error: '${clash.id}' and '${clash.other}' (derivations/${clash.other}.ts) would both be exported as ${clash.name} from generated/index.ts; choose another id`);
    return 1;
  }
  try {
    writeFileSync(file, derivationTemplate(id), { flag: 'wx' });
  } catch (error) {
    console.error(`error: cannot write derivations/${id}.ts: ${(error as Error).message}`);
    return 1;
  }
  console.log(`Wrote derivations/${id}.ts. Edit it, then run \`npm run generate\` (or \`npm run generate -- --only ${id}\`).`);
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = main(process.argv.slice(2));
