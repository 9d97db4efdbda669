/**
 * Broken derivations: the generator names the file, the field and the offending text,
 * exits with 1, and leaves generated/ exactly as it was. Each case edits a copy of a real
 * derivation in a throw-away project; the commands run in one generator process
 * (support/generator-server.ts), and one case as a command of its own, for its exit code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './support/records.js';
import { tempProject } from './support/temp-project.js';
import { gameOutputs, keptGameOutputs, sharedOutputs } from '../generator/pipeline.js';
import { loadedMethods } from './support/methods.js';
import type { GameRecord } from '../generator/contract/records.js';
import { compare } from '../generator/emit/write.js';
import { analysedGames } from './support/nonlinear.js';
import type { CommandResult, TempProject } from './support/temp-project.js';
import type { GameInput } from '../generator/game.js';
import { gameSchema } from '../generator/load/schema.js';
import { main as newGame } from '../generator/new.js';
import * as pieces from '../generator/pieces.js';
import rpganR1R2 from '../derivations/rpgan-r1-r2.js';

let project: TempProject;
afterEach(() => project?.remove());

/** A broken copy of a real derivation: what the case is, the game copied, the edit, the message. */
type Case = readonly [name: string, game: string, edit: (source: string) => string, message: RegExp];

/** gan-r1's R1 written out, with its integrand replaced. */
const r1Of = (of: string): string => `{ name: 'R_1', player: 'discriminator', weight: 'gamma/2', term: { over: 'data', of: '${of}' } }`;

const CASES: readonly Case[] = [
  ['a syntax error in an expression', 'gan-r1', (s) => s.replace('r1Penalty()', r1Of('gradD(x)^^2')), /regularisers\[0\]\.term\.of: unexpected '\^' \(column 10\) in "gradD\(x\)\^\^2"/],
  ['a verdict misspelt', 'gan', (s) => s.replace("verdict: 'purely-imaginary'", "verdict: 'purely-imaginery'"), /claims\.verdict: 'purely-imaginery' is not one of .*'purely-imaginary'.* \(did you mean 'purely-imaginary'\?\)/],
  ['a function misspelt', 'gan-r1', (s) => s.replace('r1Penalty()', "r1Penalty('sqr(gamma)/2')"), /regularisers\[0\]\.weight: unknown function 'sqr' \(did you mean 'sqrt'\?\) \(known: (?![^)]*gamma)[^)]*\bsqrt\b[^)]*\) in "sqr\(gamma\)\/2"/],
  ['an unknown symbol', 'gan-r1', (s) => s.replace('r1Penalty()', "r1Penalty('gama/2')"), /regularisers\[0\]\.weight: unknown symbol 'gama' \(did you mean 'gamma'\?\) \(known: .*\) in "gama\/2"; a hyperparameter must be declared under hyperparameters/],
  ['an implicit product (nerdamer would read f(x) as f*x)', 'gan', (s) => s.replace('  activation:', "  discriminator: 'phi x',\n  activation:"), /discriminator: missing operator before 'x'/],
  ['a missing field', 'gan', (s) => s.replace('  objective: ganObjective(),\n', ''), /objectives: missing: give each player's objective as objectives: \{ generator, discriminator \}, or a zero-sum game's one objective as objective/],
  ['both forms of the objective', 'gan', (s) => s.replace('  objective: ganObjective(),\n', '  objective: ganObjective(),\n  objectives: { generator: ganObjective(), discriminator: ganObjective() },\n'), /: objective: give either objective \(a zero-sum game: one objective for both players\) or objectives \(one each\), not both/],
  ['a misspelt field', 'gan-r1', (s) => s.replace('regularisers:', 'regularizers:'), /: regularizers: unknown field 'regularizers' \(did you mean 'regularisers'\?\)/],
  ['a field of a penalty written at the top level: no guess', 'gan', (s) => s.replace('  activation:', "  weight: 'gamma',\n  activation:"), /: weight: unknown field 'weight'$/m],
  ['a hyperparameter without a default', 'wgan-div', (s) => s.replace('k: { default: 2, ', 'k: { '), /hyperparameters\.k\.default: Invalid input: expected number/],
  ['D applied to something other than the sample x', 'gan', (s) => s.replace('objective: ganObjective()', "objective: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(2*x))' }]"), /objective\[1\]\.of: D takes the sample x as its only argument/],
  ['a file that is not valid TypeScript', 'wgan', (s) => s.replace('export default defineGame({', 'export default defineGame({{'), /\.ts:\d+:28: syntax error: Expected identifier but found "\{"/],
  ['a penalty on the wrong player', 'gan-r1', (s) => s.replace('r1Penalty()', "{ ...r1Penalty(), player: 'generator' }"), /regularisers\[0\]\.player: the penalty "gradD\(x\)\^2" does not depend on theta, the generator's parameter.*did you mean player: 'discriminator'\?/],
  ['an input gradient of something that is not D', 'gan-r1', (s) => s.replace('r1Penalty()', r1Of('gradf(x)^2')), /regularisers\[0\]\.term\.of: 'gradf' is not defined: the only input gradient is the discriminator's, gradD\(x\)/],
  ['a hyperparameter used but not declared', 'gan-r1', (s) => s.replace('r1Penalty()', "r1Penalty('lambda/2')"), /regularisers\[0\]\.weight: unknown symbol 'lambda' .*; a hyperparameter must be declared under hyperparameters, with a default, a range and a description/],
  ['a hyperparameter named like a symbol of the analysis', 'gan-r1', (s) => s.replace('r1Penalty()', "r1Penalty('h/2')").replace('gamma: penaltyWeight()', 'h: penaltyWeight()'), /hyperparameters\.h: this name is reserved: 'h' is a symbol of the discrete-time analysis \(learning rates, step counts, eigenvalues\); choose another/],
  ['f in a game whose activation is none', 'lsgan', (s) => s.replace("of: '(D(x) - 1)^2/2'", "of: 'f(D(x))'"), /objectives\.generator\[0\]\.of: f\(\.\.\.\) is used, but the activation is 'none'/],
  ['two different noise levels', 'gan-instance-noise', (s) => s.replace("objective: ganObjective({ noise: 'sigma' })", "objectives: { generator: ganObjective({ noise: 'sigma' }), discriminator: ganObjective({ noise: '2*sigma' }) }"), /objectives\.discriminator\[0\]\.noise: every noisy term must have the same standard deviation/],
  ['a pair term that names x', 'rpgan', (s) => s.replace('objective: relativisticPairingObjective', "objective: [{ over: 'pair', of: 'f(D(x) - D(x_real))' }]"), /objective\[0\]\.of: in a pair term D takes one of the pair's samples, x_real or x_fake, as in D\(x_fake\)/],
  ['a mean of something other than D(x)', 'ragan', (s) => s.replace("of: '-f(Edata(D(x)) - D(x))'", "of: '-f(Edata(gradD(x)) - D(x))'"), /objectives\.generator\[0\]\.of: Edata takes D\(x\) only, as in Edata\(D\(x\)\): the discriminator's mean over the data/],
  ['instance noise on a pair', 'rpgan', (s) => s.replace('objective: relativisticPairingObjective', "objective: [{ over: 'pair', of: 'f(D(x_fake) - D(x_real))', noise: '1/2' }]"), /objective\[0\]\.noise: instance noise on pairs of samples is not supported/],
  ['a clip bound the record cannot state as a sum of monomials', 'wgan-clip', (s) => s.replace("bound: 'c'", "bound: 'exp(c)'"), /constraints\[0\]\.bound: the clip bound exp\(c\) is not a sum of products of powers of hyperparameters/],
];

const GOOD = ['gan.ts', 'gan-r1.ts'];

describe('bad input: every broken derivation named in one run, beside good ones', () => {
  // Each case is a copy of its game under an id of its own (bad-<n>-<game>), so that one run
  // of the generator, as `npm run generate` runs, meets them all and must name each one.
  const fileOf = (index: number): string => `bad-${index + 1}-${CASES[index]![1]}`;
  let result: CommandResult;
  let before: string;
  let broken: TempProject;
  beforeAll(async () => {
    broken = tempProject();
    CASES.forEach(([, game, edit], index) => {
      const source = broken.read(`derivations/${game}.ts`).replace(`id: '${game}'`, `id: '${fileOf(index)}'`);
      const edited = edit(source);
      expect(edited, `the edit of case ${index + 1} must change the file`).not.toBe(source);
      broken.write(`derivations/${fileOf(index)}.ts`, edited);
    });
    // Two good games stay beside the broken ones: they derive, and still nothing is written.
    for (const game of readdirSync(path.join(broken.root, 'derivations'))) {
      if (!game.startsWith('bad-') && !GOOD.includes(game)) rmSync(path.join(broken.root, 'derivations', game));
    }
    // A good one that finds a file beside it from import.meta.url, as a module may: it must be its own file's URL.
    const gan = broken.read('derivations/gan.ts');
    broken.write('derivations/gan.ts', `if (!new URL('./gan.ts', import.meta.url).pathname.endsWith('/derivations/gan.ts')) throw new Error(\`import.meta.url is \${import.meta.url}\`);\n${gan}`);
    before = broken.generatedDigest();
    result = await broken.generate();
  });
  afterAll(() => broken.remove());

  it('exits with 1, one error per broken file, and leaves generated/ untouched', () => {
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${CASES.length} error\\(s\\); generated/ was not changed\\.$`, 'm'));
    expect(broken.generatedDigest(), 'generated/ must be untouched').toBe(before);
  });

  it.each(CASES.map((c, index) => [c[0], index] as const))('%s', (_name, index) => {
    const line = result.stderr.split('\n').find((l) => l.includes(`derivations/${fileOf(index)}.ts`));
    expect(line, result.stderr).toMatch(CASES[index]![3]);
  });
});

describe('ids the generator takes for itself', () => {
  it('refuses a game named like a file or an export of generated/ that is not a game’s', () => {
    for (const id of ['methods', 'index', 'games', 'game-ids', 'training-methods']) {
      const parsed = gameSchema.safeParse({ ...rpganR1R2, id });
      expect(parsed.success, id).toBe(false);
      expect(parsed.error?.issues[0]?.message, id).toMatch(/the generator's own files and exports of generated\/ take this name/);
    }
    expect(gameSchema.safeParse({ ...rpganR1R2, id: 'methods-2' }).success).toBe(true);
    // The index exports a game under its id in camelCase: an id that makes no TypeScript name.
    const digit = gameSchema.safeParse({ ...rpganR1R2, id: '123' });
    expect(digit.error?.issues[0]?.message).toMatch(/an id is kebab-case, starting with a letter/);
  });
});

describe('the generator on one game', () => {
  beforeEach(() => {
    project = tempProject();
  });

  it('the command itself: exit 1 for an unknown game for --only, 0 for a check that derives', () => {
    const before = project.generatedDigest();
    // The one case run as a command of its own, for its exit code; the others share a process.
    const result = spawnSync(process.execPath, [path.join(ROOT, 'generator/launch.mjs'), '--root', project.root, '--only', 'gan-r3'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--only 'gan-r3': there is no derivations\/gan-r3\.ts \(games: abstract-f, dragan, gan-consensus/);
    expect(project.generatedDigest()).toBe(before);
    // And a run that derives: the bundled generator finds the runtime, the loader's worker and
    // the project as the sources do (generator/launch.mjs).
    const check = spawnSync(process.execPath, [path.join(ROOT, 'generator/launch.mjs'), '--root', project.root, '--check', '--only', 'gan'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/generated\/ is up to date/);
  });

  it('refuses two games the index would export under one name (gan-r1 and gan-r-1, both ganR1), naming both files, before deriving anything', async () => {
    const before = project.generatedDigest();
    project.write('derivations/gan-r-1.ts', project.read('derivations/gan-r1.ts').replace("id: 'gan-r1'", "id: 'gan-r-1'"));
    const result = await project.generate();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/derivations\/gan-r1\.ts: id: 'gan-r1' and 'gan-r-1' \(derivations\/gan-r-1\.ts\) would both be exported as ganR1 from generated\/index\.ts; rename one/);
    expect(project.generatedDigest()).toBe(before);
  });

  it('non-differentiability at the equilibrium is a verdict, not an error', async () => {
    const result = await project.generate('--only', 'wgan-gp');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/wgan-gp\s+not differentiable at \(0,0\).*not-differentiable/);
    expect(project.read('generated/wgan-gp.json')).toMatch(/"reason": "the discriminator's objective contains abs\(phi\)/);
  });
});

describe('generated/ staleness', () => {
  beforeEach(() => {
    project = tempProject();
  });

  it('generate reproduces the committed generated/ byte for byte (CI fails when it is stale)', async () => {
    // What `generate --check` does for every game, from this worker's derivations and
    // analyses (derived once for the files that share them): every file generated again, in
    // memory, and compared with the committed one. The command's own --check is run below.
    const records: GameRecord[] = [];
    const outputs = new Map<string, string>();
    const methods = await loadedMethods();
    for (const { derivation, analysis } of await analysedGames()) {
      // Kept as the command keeps them, so that the runs of the command in other tests take them
      // (an earlier run of the same code on the same definitions wrote what is read here).
      const { record, files } = keptGameOutputs(derivation.game, methods, () => {
        const computed = gameOutputs(derivation, analysis, methods);
        return { record: computed.record, files: [...computed.files] };
      }).outputs;
      records.push(record);
      for (const [file, content] of files) outputs.set(file, content);
    }
    for (const [file, content] of sharedOutputs(records, true, methods)) outputs.set(file, content);
    expect(await compare(path.join(ROOT, 'generated'), outputs, true)).toEqual([]);
  });

  it('--check names a stale file and changes nothing', async () => {
    project.write('generated/gan.json', project.read('generated/gan.json').replace('"purely-imaginary"', '"unstable"'));
    const before = project.generatedDigest();
    const result = await project.generate('--check', '--only', 'gan');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/generated\/gan\.json: stale/);
    expect(project.generatedDigest()).toBe(before);
  });
});

describe('adding a game', () => {
  beforeEach(() => {
    project = tempProject();
  });

  /** A fenced block of the README, after its <!-- example:<name> --> marker. */
  const readmeBlock = (name: string): string => {
    const match = new RegExp(`<!-- example:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    if (!match) throw new Error(`README.md has no example:${name} block`);
    return match[1]!;
  };

  it("the README's pieces are those of the files, and its written-out pair loss is what the pieces are", () => {
    const source = (id: string): string => readFileSync(path.join(ROOT, `derivations/${id}.ts`), 'utf8');
    expect(source('gan-r1')).toContain(readmeBlock('pieces'));
    expect(source('rpgan-r1-r2')).toContain(readmeBlock('pair-loss'));
    // The block is an object literal's fields, plain JavaScript: evaluated, it replaces the pieces.
    const writtenOut = new Function(`return {${readmeBlock('pair-loss-written-out')}}`)() as Partial<GameInput>;
    expect(Object.keys(writtenOut).sort()).toEqual(['objective', 'regularisers']);
    expect(gameSchema.parse({ ...rpganR1R2, ...writtenOut })).toEqual(gameSchema.parse(rpganR1R2));
  });

  it('npm run new lists every piece of generator/pieces.ts, each with what it is', () => {
    expect(newGame(['with-pieces', '--root', project.root])).toBe(0);
    const listed = [...project.read('derivations/with-pieces.ts').matchAll(/^\/\/ {3}(\w+)(\(\))? +(.*)$/gm)];
    expect(listed.map((m) => m[1]).sort()).toEqual(Object.keys(pieces).sort());
    // Functions are listed called, values bare; each with what it is, and in the README's table.
    const table = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const [, name, called, what] of listed) {
      expect(Boolean(called), name).toBe(typeof pieces[name as keyof typeof pieces] === 'function');
      expect(what, name).toMatch(/\w.{20,}/);
      expect(table, `README's table of pieces: ${name}`).toMatch(new RegExp(`^\\| [^\\n]*\`${name}[(\`]`, 'm'));
    }
  });

  it("the README's worked example runs as written: npm run new, the regulariser and the claims, npm run generate", async () => {
    const scaffold = await project.scaffold('gan-r4');
    expect(scaffold.status, scaffold.stderr).toBe(0);
    expect((await project.scaffold('gan-r4')).stderr).toMatch(/derivations\/gan-r4\.ts exists already/);
    const source = project.read('derivations/gan-r4.ts');
    const edited = source
      .replace(/  regularisers: \[\n[\s\S]*?\n  \],\n/, readmeBlock('regulariser'))
      .replace(/  claims: \{\n[\s\S]*?\n  \},\n/, readmeBlock('claims'));
    expect(edited).not.toMatch(/R_1|locally-convergent/);
    project.write('derivations/gan-r4.ts', edited);
    // The sixteen games beside it would only be derived again (the staleness test does that).
    for (const name of readdirSync(path.join(project.root, 'derivations'))) if (name !== 'gan-r4.ts') rmSync(path.join(project.root, 'derivations', name));
    const result = await project.generate();
    expect(result.status, result.stderr).toBe(0);
    const squeeze = (text: string): string => text.trim().replace(/\s+/g, ' ');
    // The summary's row, then the row of the table beyond the linearisation.
    const [row, flow] = result.stdout.split('\n').filter((line) => line.startsWith('gan-r4 '));
    expect(squeeze(row ?? '')).toBe(squeeze(readmeBlock('regulariser-summary')));
    expect(squeeze(flow ?? '')).toBe(squeeze(readmeBlock('regulariser-flow')));
    const record = JSON.parse(project.read('generated/gan-r4.json')) as { nonlinear: { stages: { equilibria: { formulas: Record<string, { text: string }> }[] }[] } };
    const formulas = record.nonlinear.stages[0]!.equilibria[0]!.formulas;
    // The README's numbers: the first Lyapunov coefficient and the rate law's constant.
    expect([formulas['firstLyapunovCoefficient']?.text, formulas['rateConstant']?.text]).toEqual(['-3*gamma/8', '4/(3*gamma)']);
    expect(project.read('generated/gan-r4.ts')).toMatch(/export function vectorField/);
    expect(project.read('generated/index.ts')).toMatch(/ganR4/);
    expect((await project.generate('--check', '--only', 'gan-r4')).status).toBe(0);
  });
});
