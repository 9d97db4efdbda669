/**
 * The hardening cases of issue 12 (command line, loader, writer, server), replayed as a
 * new user would meet them: a message naming the file, field or value, exit code 1, no
 * stack trace, generated/ byte-identical. Spawning the CLI costs about a second, so broken
 * derivations share one run (the generator reports them all at once), and the commands
 * built to be called in-process (run, main) are called so.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as generate } from '../generator/cli.js';
import { compare, stage, commit, write, GENERATED_MARK } from '../generator/emit/write.js';
import { main as newGame } from '../generator/new.js';
import { main as serve, startServer } from '../site/serve.js';
import { main as buildSiteCommand } from '../site/build.js';
import { ROOT } from './support/records.js';
import { noArguments } from '../bench/no-arguments.js';
import { tempProject } from './support/temp-project.js';
import { checkGame } from '../generator/load/check.js';
import { deriveGame } from '../generator/derive/blame.js';
import { analyseNonlinear } from '../generator/analyse/analyse.js';
import { gameRecord } from '../generator/game-record.js';
import { loadedMethods } from './support/methods.js';
import { penaltyWeight, wganLipschitzPenalty } from '../generator/pieces.js';
import { THROWING_DERIVATIONS } from './support/throwing-derivations.js';

const STACK_TRACE = /^\s+at .+[:(]/m;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  vi.restoreAllMocks();
});

/** Console output of an in-process command. */
function captureConsole(): { out: () => string; err: () => string } {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const text = (spy: typeof log): string => spy.mock.calls.map((c) => c.join(' ')).join('\n');
  return { out: () => text(log), err: () => text(error) };
}

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'dirac-gan-hardening-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const ganR1 = readFileSync(path.join(ROOT, 'derivations/gan-r1.ts'), 'utf8');
/** gan-r1 under another id, with one edit that must change it. */
function variant(id: string, edit: (source: string) => string): string {
  const source = ganR1.replace("id: 'gan-r1'", `id: '${id}'`);
  const edited = edit(source);
  expect(edited, `the edit of ${id} must change the file`).not.toBe(source);
  return edited;
}
const penalty = (of: string) => (s: string) => s.replace('r1Penalty()', `{ name: 'R_1', player: 'discriminator', weight: 'gamma/2', term: { over: 'data', of: '${of}' } }`);
const weight = (w: string) => (s: string) => s.replace('r1Penalty()', `r1Penalty('${w}')`);

describe('broken derivations, every one reported in one run', () => {
  it('CAS failures, deep nesting, huge constants, syntax errors, throws at import, reserved names, a stray .js', async () => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    for (const name of readdirSync(path.join(project.root, 'derivations'))) rmSync(path.join(project.root, 'derivations', name));
    const bigTerm = 'gamma*(3^700+1)/(2*3^700)';
    const files: Record<string, string> = {
      'a-sqrt-abs': variant('a-sqrt-abs', penalty('sqrt(abs(gradD(x)))')),
      'b-power-half': variant('b-power-half', penalty('abs(gradD(x))^0.5')),
      'c-sqrt': variant('c-sqrt', penalty('sqrt(gradD(x))')),
      'd-parens-2000': variant('d-parens-2000', penalty(`${'('.repeat(2000)}gradD(x)^2${')'.repeat(2000)}`)),
      'e-parens-300': variant('e-parens-300', penalty(`${'('.repeat(300)}gradD(x)^2${')'.repeat(300)}`)),
      'f-huge-constant': variant('f-huge-constant', weight(bigTerm)),
      'g-long-sum': variant('g-long-sum', weight(Array.from({ length: 4000 }, () => bigTerm).join('+'))),
      'h-syntax': variant('h-syntax', (s) => s.replace('export default defineGame({', 'export default defineGame({{')),
      // A penalty weight of 1e300: the maps of the training methods hold gamma^2, beyond a double.
      'l-huge-default': variant('l-huge-default', (s) => s.replace('hyperparameters: { gamma: penaltyWeight() }', "hyperparameters: { gamma: { default: 1e300, range: [1e299, 1e301], description: { en: 'a', zh: 'a' } } }")),
      // |gradD|^gamma: at the equilibrium its derivative holds 0^(gamma-1), 0, 1 or no number as gamma varies.
      'm-power-gamma': variant('m-power-gamma', penalty('gradD(x)^gamma')),
      // A weight with a pole at the default, and one at the end of the range.
      'n-weight-pole': variant('n-weight-pole', weight('gamma/(gamma-0.3)')),
      'o-weight-range-end': variant('o-weight-range-end', weight('1/(gamma-10)')),
      // A clip to [gamma, -gamma]: empty.
      'p-clip-negative': variant('p-clip-negative', (s) => s.replace('hyperparameters: {', "constraints: [{ kind: 'clip', parameter: 'phi', bound: '-gamma' }],\n  hyperparameters: {")),
      'i-reserved': variant('i-reserved', (s) => s.replace('hyperparameters: { ', "hyperparameters: { sqrt: { default: 1, range: [0.5, 2], description: { en: 'a', zh: 'a' } }, ")),
      // The eigenvalues are -gamma/2 +- sqrt(gamma^2/4 - f'(0)^2), and R1 damps theta^2 + phi^2.
      // Its alternating bound is min(2/gamma, (sqrt(16 f'(0)^2 + 4 gamma^2) - 2 gamma)/(2 f'(0)^2)), its simultaneous one another.
      'j-claims': variant('j-claims', (s) => s.replace("verdict: 'locally-convergent',", "verdict: 'locally-convergent',\n    eigenvalues: { re: '-gamma/2', im: 'df(0)' },\n    invariant: 'theta^2 + phi^2',\n    flow: 'exact-centre',\n    bounds: { simultaneous: '2/gamma', alternating: 'min(2/gamma, (sqrt(16*df(0)^2 + 4*gamma^2) - 2*gamma)/(2*df(0)^2))' },")),
    };
    for (const [id, source] of Object.entries(files)) project.write(`derivations/${id}.ts`, source);
    for (const { id, text } of THROWING_DERIVATIONS) project.write(`derivations/${id}.ts`, text);
    // A throw after import.meta.url on its line (the loader writes the file's own URL in its place, and the column stays).
    const metaLine = "const here: string = import.meta.url; if (here) throw new Error('after the url');";
    project.write('derivations/q-meta.ts', variant('q-meta', (s) => s.replace('export default defineGame({', `${metaLine}\nexport default defineGame({`)));
    project.write('derivations/r-meta-first.ts', variant('r-meta-first', (s) => `${metaLine}\n${s}`));
    // A shebang stays the first line: the file loads (and is not derived, the run having failed).
    project.write('derivations/s-shebang.ts', variant('s-shebang', (s) => `#!/usr/bin/env node\n${s.replace('export default defineGame({', 'const here: string = import.meta.url;\nexport default defineGame({')}`));
    project.write('derivations/k.js', 'export default {};\n');
    const before = project.generatedDigest();

    const result = await project.generate();
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(project.generatedDigest(), 'generated/ must be untouched').toBe(before);
    const line = (id: string): string => result.stderr.split('\n').find((l) => l.includes(`derivations/${id}.ts`)) ?? `(no line for ${id})`;
    expect(line('a-sqrt-abs')).toMatch(/regularisers\[0\]\.term\.of: the algebra engine cannot differentiate .* with respect to phi .*in "sqrt\(abs\(gradD\(x\)\)\)"/);
    expect(line('b-power-half')).toMatch(/regularisers\[0\]\.term\.of: the algebra engine cannot differentiate .*in "abs\(gradD\(x\)\)\^0\.5"/);
    expect(line('c-sqrt')).toMatch(/regularisers\[0\]\.term\.of: its derivative in phi, .* is not defined .*: division by zero, in "sqrt\(gradD\(x\)\)"/);
    expect(line('d-parens-2000')).toMatch(/regularisers\[0\]\.term\.of: an expression is at most 1000 characters; this one has 4010/);
    expect(line('e-parens-300')).toMatch(/regularisers\[0\]\.term\.of: nested more than 200 levels deep \(column 201\)/);
    expect(line('f-huge-constant')).toMatch(/regularisers\[0\]\.weight: the exact constant .* beyond 2\^1024 .*\(about 0\.5\) as a decimal/);
    expect(line('g-long-sum')).toMatch(/regularisers\[0\]\.weight: an expression is at most 1000 characters; this one has 103999/);
    const column = ganR1.split('\n').findIndex((l) => l.startsWith('export default defineGame({')) + 1;
    expect(line('h-syntax')).toMatch(new RegExp(`derivations/h-syntax\\.ts:${column}:28: syntax error: Expected identifier but found "\\{"`));
    for (const { id, at, message } of THROWING_DERIVATIONS) expect(line(id)).toBe(`error: derivations/${id}.ts:${at}: cannot be loaded: ${message}`);
    const metaAt = `${ganR1.split('\n').findIndex((l) => l.startsWith('export default defineGame({')) + 1}:${metaLine.indexOf('new Error') + 1}`;
    expect(line('q-meta')).toBe(`error: derivations/q-meta.ts:${metaAt}: cannot be loaded: after the url`);
    expect(line('r-meta-first')).toBe(`error: derivations/r-meta-first.ts:1:${metaLine.indexOf('new Error') + 1}: cannot be loaded: after the url`);
    expect(line('s-shebang')).toBe('(no line for s-shebang)');
    expect(line('l-huge-default')).toMatch(/derivations\/l-huge-default\.ts: hyperparameters: at the defaults \(gamma = 1e\+300\) the record's \S+ is (-?Infinity|NaN), beyond a double/);
    expect(line('m-power-gamma')).toMatch(/regularisers\[0\]\.term\.of: its derivative in phi, .* is not defined where the derivation evaluates it \(theta = phi = 0\): 0\^\(gamma-1\), whose value depends on the hyperparameters, in "gradD\(x\)\^gamma"/);
    expect(line('n-weight-pole')).toMatch(/regularisers\[0\]\.weight: "gamma\/\(gamma-0\.3\)" is -?Infinity at the defaults \(gamma = 0\.3\): it must be a finite number wherever the hyperparameters go/);
    expect(line('o-weight-range-end')).toMatch(/regularisers\[0\]\.weight: "1\/\(gamma-10\)" is -?Infinity at the upper ends of the ranges \(gamma = 10\)/);
    expect(line('p-clip-negative')).toMatch(/constraints\[0\]\.bound: "-gamma" is -0\.3 at the defaults \(gamma = 0\.3\): it must be a positive number wherever the hyperparameters go/);
    expect(line('i-reserved')).toMatch(/hyperparameters\.sqrt: this name is reserved: 'sqrt' is a function of the expressions/);
    expect(result.stderr).toMatch(/warning: derivations\/k\.js is ignored: a derivation is a file <id>\.ts/);
    expect(result.stderr).toMatch(/derivations\/j-claims\.ts: claims\.eigenvalues: the derivation claims -gamma\/2 \+- i\*\(df\(0\)\), but it derives -gamma\/2 \+-sqrt\(gamma\^2\/4-df\(0\)\^2\)/);
    expect(result.stderr).toMatch(/derivations\/j-claims\.ts: claims\.invariant: the derivation claims theta\^2 \+ phi\^2, but it derives not constant along the field/);
    expect(result.stderr).toMatch(/derivations\/j-claims\.ts: claims\.flow: the derivation claims exact-centre, but it derives (?!exact-centre)/);
    expect(result.stderr).toMatch(/derivations\/j-claims\.ts: claims\.bounds\.simultaneous: the derivation claims h\* = 2\/gamma, but it derives h\* = [\d.]+ at gamma = 0\.3, f'\(0\) = 1, where the claim gives 6\.66/);
    expect(result.stderr).not.toMatch(/claims\.bounds\.alternating/);
    expect(result.stderr).toMatch(new RegExp(`^${20 + THROWING_DERIVATIONS.length} error\\(s\\); generated/ was not changed\\.$`, 'm'));
  });

  it('a penalty with no Taylor series at (0, 0) (x^4 log(x^2): its fourth derivative has log 0) is derived and recorded, the flow there undecided, said why', async () => {
    const ganR1Game = ((await import(pathToFileURL(path.join(ROOT, 'derivations/gan-r1.ts')).href)) as { default: object }).default;
    const definition = { ...ganR1Game, id: 'log-penalty', regularisers: [{ name: 'L', player: 'generator', weight: 'gamma', term: { over: 'generator', of: 'x^4*log(x^2)' } }], claims: { verdict: 'purely-imaginary', source: '(test)' } };
    const game = checkGame(path.join(ROOT, 'derivations/log-penalty.ts'), definition);
    const derivation = deriveGame(game);
    const record = gameRecord(derivation, analyseNonlinear(derivation), await loadedMethods());
    for (const stage of record.nonlinear.stages) {
      // (0, 0), the one point; with f abstract, also where f' may vanish (conditional).
      const points = stage.equilibria.filter((e) => e.where.kind === 'point');
      expect(points.map((e) => [e.where, e.verdict]), stage.stage).toEqual([[{ kind: 'point', theta: { text: '0', tex: '0' }, phi: { text: '0', tex: '0' } }, 'undecided']]);
      expect(points[0]!.reason).toMatch(/met an undefined expression \(division by zero\): nothing is claimed beyond the linearisation/);
    }
    expect(record.drift, 'no series at (0, 0): no drift').toBeUndefined();
  });

  it('instance noise with a kink away from the equilibrium (WGAN-LP\'s penalty) is recorded, with no Filippov picture of a field it does not average', async () => {
    const noisy = ((await import(pathToFileURL(path.join(ROOT, 'derivations/gan-instance-noise.ts')).href)) as { default: { hyperparameters: object } }).default;
    const definition = { ...noisy, id: 'noise-lp', regularisers: [wganLipschitzPenalty()], hyperparameters: { ...noisy.hyperparameters, gamma: penaltyWeight() }, claims: { verdict: 'locally-convergent', source: '(test)' } };
    const derivation = deriveGame(checkGame(path.join(ROOT, 'derivations/noise-lp.ts'), definition));
    const record = gameRecord(derivation, analyseNonlinear(derivation), await loadedMethods());
    expect(record.kinks.map((k) => [k.text, k.filippov])).toEqual([['abs(phi)-1', undefined]]);
  });

  it('broken training methods: a syntax error, a missing rule, a rule that is not linear or throws, a name a game or the compiled step has, a false notDifferentiable; each named by its file', async () => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    // Two games meet every rule (and would repeat a rule's error): the runs stay short.
    for (const name of readdirSync(path.join(project.root, 'derivations'))) if (!['gan-r1.ts', 'wgan.ts'].includes(name)) rmSync(path.join(project.root, 'derivations', name));
    const momentum = readFileSync(path.join(ROOT, 'methods/momentum.ts'), 'utf8');
    const edited = (id: string, edit: (source: string) => string): string => {
      const source = momentum.replace("id: 'momentum'", `id: '${id}'`);
      const result = edit(source);
      expect(result, `the edit of ${id} must change the file`).not.toBe(source);
      return result;
    };
    const rule = (body: string) => (source: string) => source.replace(/ {2}step: .*\n/, `  step: ${body},\n`);
    project.write('methods/m-syntax.ts', edited('m-syntax', (s) => s.replace('export default defineMethod({', 'export default defineMethod({{')));
    project.write('methods/m-no-rule.ts', edited('m-no-rule', (s) => s.replace(/ {2}step: .*\n/, '')));
    project.write('methods/m-square.ts', edited('m-square', rule("({ x, previous }, m) => ({ x: m.add(x!, m.scale(x![0]!, m.step(m.v(x!)))), previous: x! })")));
    project.write('methods/m-throws.ts', edited('m-throws', rule("({ x, previous }, m) => ({ x: m.scale(m.p.nope!, x!), previous: x! })")));
    project.write('methods/m-clash.ts', edited('m-clash', (s) => s.replace('beta:', 'gamma:').replace(/m\.p\.beta/g, 'm.p.gamma')));
    project.write('methods/m-memory.ts', edited('m-memory', (s) => s.replace("memory: ['previous']", "memory: ['previous', 'previous']")));
    project.write('methods/m-shape.ts', edited('m-shape', rule("({ x }, m) => ({ x: m.add(x!, m.step(m.v(x!))) })")));
    const throwsAtImport = edited('m-throws-at-import', (s) => s.replace('export default defineMethod({', "throw new Error('not today');\nexport default defineMethod({"));
    project.write('methods/m-throws-at-import.ts', throwsAtImport);
    // A helper twelve calls deep throws: the method's own frame is below them, and found there.
    project.write('methods/_deep.ts', 'export const deep = (n: number): number => (n === 0 ? Number(JSON.parse("{")) : deep(n - 1));\n');
    const deepCall = 'const depth: number = deep(12);';
    project.write('methods/m-deep.ts', edited('m-deep', (s) => s.replace('export default defineMethod({', `import { deep } from './_deep.js';\n${deepCall}\nexport default defineMethod({`)));
    project.write('methods/m-mu.ts', edited('m-mu', (s) => s.replace('beta:', 'mu:').replace(/m\.p\.beta/g, 'm.p.mu')));
    const lookahead = readFileSync(path.join(ROOT, 'methods/lookahead.ts'), 'utf8');
    project.write('methods/m-count.ts', lookahead.replace("id: 'lookahead'", "id: 'm-count'").replace('k: { default: 5', 'k: { default: 8'));
    project.write('methods/m-says-not-differentiable.ts', edited('m-says-not-differentiable', (s) => s.replace('  step:', "  notDifferentiable: { en: 'no', zh: '不' },\n  step:")));
    project.write('methods/m-start.ts', edited('m-start', (s) => s.replace("memory: ['previous'],", "memory: ['previous'],\n  start: { momentum: 0 },")));
    project.write('methods/m-local.ts', edited('m-local', (s) => s.replace('beta:', 'x0:').replace(/m\.p\.beta/g, 'm.p.x0')));
    project.write('methods/m-j.ts', edited('m-j', (s) => s.replace('beta:', 'j:').replace(/m\.p\.beta/g, 'm.p.j')));
    const before = project.generatedDigest();
    // One run names every broken file: those that do not load, the rules that do not linearise
    // (once per variant, not once per game), and the name a game has too.
    const result = await project.generate();
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(project.generatedDigest(), 'generated/ must be untouched').toBe(before);
    expect(result.stderr).toMatch(/methods\/m-syntax\.ts:\d+:\d+: syntax error: Expected identifier but found "\{"/);
    expect(result.stderr).toMatch(/methods\/m-no-rule\.ts: step: expected the rule, a function/);
    expect(result.stderr).toMatch(/methods\/m-square\.ts: step: simultaneous: the update of x\[\d\] is not linear in the state near the equilibrium/);
    expect(result.stderr).toMatch(/methods\/m-throws\.ts: step: simultaneous: the rule fails: the method declares no hyperparameter 'nope' \(it declares 'beta'\)/);
    expect(result.stderr.match(/m-square/g)!.length, 'each broken rule is named once, not once per game and variant').toBe(1);
    expect(result.stderr).toMatch(/derivations\/gan-r1\.ts: hyperparameters: 'gamma' is also a hyperparameter of the training method methods\/m-clash\.ts: rename one of them/);
    expect(result.stderr).toMatch(/methods\/m-memory\.ts: memory: the memory's names are distinct, and none is x/);
    expect(result.stderr).toMatch(/methods\/m-shape\.ts: step: simultaneous: the rule must return \{ x, previous \}, each a point of 2 numbers; it returned \{ x: 2 entries \}/);
    // Where it throws: the line, and the column of `new` (where V8 places a throw new Error).
    const throwLine = throwsAtImport.split('\n').findIndex((l) => l.startsWith("throw new Error('not today')")) + 1;
    expect(result.stderr).toContain(`methods/m-throws-at-import.ts:${throwLine}:7: failed while loading: not today`);
    const deepLine = edited('m-deep', (s) => s.replace('export default defineMethod({', `import { deep } from './_deep.js';\n${deepCall}\nexport default defineMethod({`)).split('\n').findIndex((l) => l === deepCall) + 1;
    expect(result.stderr).toContain(`methods/m-deep.ts:${deepLine}:${deepCall.indexOf('deep(12)') + 1}: failed while loading: Expected property name`);
    expect(result.stderr).toMatch(/methods\/m-mu\.ts: hyperparameters\.mu: this name is reserved: 'mu' is a symbol of the training methods' analysis/);
    expect(result.stderr).toMatch(/methods\/m-count\.ts: counts\.k\.default: a count is at most 6/);
    expect(result.stderr).toMatch(/methods\/m-says-not-differentiable\.ts: notDifferentiable: simultaneous: the rule is linear near the equilibrium, so it has a linearisation/);
    expect(result.stderr).toMatch(/methods\/m-start\.ts: start\.momentum: 'momentum' is not one of the memory's names \('previous'\)/);
    expect(result.stderr).toMatch(/methods\/m-local\.ts: hyperparameters\.x0: 'x0' names a local of the compiled step/);
    expect(result.stderr).toMatch(/methods\/m-j\.ts: hyperparameters\.j: 'j' names a local of the compiled step/);
    expect(result.stderr).toMatch(/^15 error\(s\); generated\/ was not changed\.$/m);
  });

  it('a derivation that hangs at import is stopped at --load-timeout', async () => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    // Alone, so that the short limit (which starts once the loader is up) meets no file that
    // merely loads slowly on a busy machine. It blocks as an endless loop would, without
    // burning the CPU meanwhile.
    for (const name of readdirSync(path.join(project.root, 'derivations'))) rmSync(path.join(project.root, 'derivations', name));
    project.write('derivations/a-hangs.ts', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\nexport default {};\n');
    const before = project.generatedDigest();
    const result = await project.generate('--load-timeout', '0.5');
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/derivations\/a-hangs\.ts: did not finish loading within 0\.5 s/);
    expect(result.stderr).toMatch(/^1 error\(s\); generated\/ was not changed\.$/m);
    expect(project.generatedDigest(), 'generated/ must be untouched').toBe(before);
  });

  it('a derived constant whose parts a double cannot hold is emitted as its nearest double', async () => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    // (3^600 + 1)/(2*3^600) is within the limits; its nearest double is exactly 1/2, so the
    // evaluator must agree bit for bit with gan-r1's, whose weight is gamma/2.
    project.write('derivations/gan-r1.ts', weight('gamma*(3^600+1)/(2*3^600)')(ganR1));
    const result = await project.generate('--only', 'gan-r1');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
    expect(result.stdout).toMatch(/^gan-r1 .*locally-convergent\s+agrees/m);
    // The committed module names Infinity where it means it; the emitted one no more often.
    const infinities = (file: string) => readFileSync(file, 'utf8').match(/Infinity|NaN/g);
    expect(infinities(path.join(project.root, 'generated/gan-r1.ts'))).toEqual(infinities(path.join(ROOT, 'generated/gan-r1.ts')));
    type Game = { vectorField(t: number, p: number): Float64Array; jacobian(t: number, p: number): Float64Array };
    const rounded = (await import(pathToFileURL(path.join(project.root, 'generated/gan-r1.ts')).href)) as Game;
    const exact = (await import(pathToFileURL(path.join(ROOT, 'generated/gan-r1.ts')).href)) as Game;
    for (const [theta, phi] of [[0.7, -1.3], [2.1, 0.4], [-3, 5]] as const) {
      expect([...rounded.vectorField(theta, phi)]).toEqual([...exact.vectorField(theta, phi)]);
      expect([...rounded.jacobian(theta, phi)]).toEqual([...exact.jacobian(theta, phi)]);
    }
  });
});

describe('evaluators at huge finite inputs: the value where a double holds it, never NaN', () => {
  // The cases of the issue; the grids up to 1e300 are in stability.test.ts and runtime.test.ts.
  it('the consensus field at (1e300, -1), the sigmoid Jacobians from |phi| = 1e155, the spectral radii from h = 1e100', async () => {
    const consensus = await import('../generated/gan-consensus.js');
    const gan = await import('../generated/gan.js');
    const gamma = consensus.defaults.gamma;
    // phi theta = -1e300: sigma(-phi theta) = 1 and sigma(phi theta) = 0, so v = (1 - gamma 1e300, 1e300 + gamma).
    const field = consensus.vectorField(1e300, -1);
    expect(field[0]! / (1 - gamma * 1e300)).toBeCloseTo(1, 14);
    expect(field[1]! / 1e300).toBeCloseTo(1, 14);
    // phi^2 sigma(phi theta) sigma(-phi theta) at phi theta = 1e155 is 1e310 e^-1e155: 0.
    expect([...gan.jacobian(1, 1e155)].map(Math.abs)).toEqual([0, 0, 0, 0]);
    for (const h of [1e100, 1e155, 1e300]) {
      for (const method of ['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const) {
        expect(consensus.spectralRadius(method, { h })).not.toBeNaN();
        expect(gan.spectralRadius(method, { h })).not.toBeNaN();
      }
      // For GAN, lambda = +-i/2: the optimistic map's largest eigenvalue is about 2 h lambda, of modulus h.
      expect(gan.spectralRadius('optimistic', { h }) / h).toBeCloseTo(1, 12);
    }
  });
});

/** gan-r1 with another activation. */
const withActivation = (definition: string): string => ganR1.replace('activation: standardActivation', `activation: { definition: '${definition}' }`);

describe("an activation with f'(0) = 0: the linearisation decides nothing, and the verdicts say so", () => {
  it('a claim the derivation refutes stops the run: the game, the claim and both values, exit 1, nothing written', async () => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    project.write('derivations/gan-r1.ts', withActivation('t^3'));
    const before = project.generatedDigest();
    const result = await project.generate('--only', 'gan-r1');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).toMatch(/derivations\/gan-r1\.ts: claims\.verdict: the derivation claims locally-convergent, but it derives inconclusive/);
    expect(result.status).toBe(1);
    expect(project.generatedDigest()).toBe(before);
  });

  // J(0, 0) of gan-r1 is [[0, -f'(0)], [f'(0), -gamma]]: with f'(0) = 0 an eigenvalue is 0.
  it.each([['-log(1 + exp(-t^2))'], ['t^3'], ['1 + 0*t']])('f(t) = %s', async (definition) => {
    const project = tempProject();
    cleanups.push(() => project.remove());
    // gan-r1's claim of convergence holds for f'(0) != 0 only: the author of this variant claims what it is.
    const source = withActivation(definition).replace("verdict: 'locally-convergent'", "verdict: 'inconclusive'");
    project.write('derivations/gan-r1.ts', source);
    const result = await project.generate('--only', 'gan-r1');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toMatch(/^gan-r1 .* inconclusive\s+agrees \(verdict\)/m);
    expect(result.status, result.stderr).toBe(0);
    const record = JSON.parse(project.read('generated/gan-r1.json')) as { verdict: { verdict: string; reason: string }; discrete: { concrete: { method: string; verdict: string }[] } };
    expect(record.verdict.verdict).toBe('inconclusive');
    expect(record.verdict.reason).toMatch(/determinant 0 .*an eigenvalue is 0/);
    // Every method's map keeps an eigenvalue 1 for small h: undecided, not "never converges".
    expect(record.discrete.concrete.map((m) => m.verdict)).toEqual(['undecided', 'undecided', 'undecided', 'undecided']);
  });
});

describe('command-line mistakes: a message and exit 1, never a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['gan-r1'], /unexpected argument 'gan-r1'; for one game write --only gan-r1/],
    [['--only'], /Option '--only <value>' argument missing/],
    [['--check=yes'], /Option '--check' does not take an argument/],
    [['--root', '/nonexistent'], /--root \/nonexistent: no such folder/],
    [['--only', '../generator/game'], /--only '\.\.\/generator\/game': expected the id of a game, the name of a file in derivations\/ without \.ts \(games: abstract-f, /],
    [['--only', ''], /--only '': expected the id of a game/],
    [['--only', 'gan-r3'], /--only 'gan-r3': there is no derivations\/gan-r3\.ts/],
    [['--load-timeout', 'abc'], /--load-timeout abc: expected a number of seconds/],
  ];
  it.each(cases)('generate %j', async (argv, message) => {
    const console = captureConsole();
    expect(await generate(argv)).toBe(1);
    expect(console.err()).toMatch(message);
    expect(console.err()).toMatch(/--help lists the options/);
  });

  it('generate --help', async () => {
    const console = captureConsole();
    expect(await generate(['--help'])).toBe(0);
    expect(console.out()).toMatch(/^usage: npm run generate[\s\S]*--only <id>[\s\S]*--load-timeout/);
  });

  it('new: a 300-character id, an id that is no TypeScript name (123), one the index would export under an existing game\'s name (gan-r-1 beside gan-r1), two ids, no derivations/ folder, --help', () => {
    const console = captureConsole();
    const root = temporaryFolder();
    mkdirSync(path.join(root, 'derivations'));
    writeFileSync(path.join(root, 'derivations', 'gan-r1.ts'), '');
    expect(newGame(['a'.repeat(300), '--root', root])).toBe(1);
    expect(newGame(['123', '--root', root])).toBe(1);
    expect(newGame(['gan-r-1', '--root', root])).toBe(1);
    expect(newGame(['one', 'two', '--root', root])).toBe(1);
    expect(newGame(['gan-x', '--root', path.join(root, 'nowhere')])).toBe(1);
    expect(console.err()).toMatch(/the id is 300 characters long; an id has at most 64/);
    expect(console.err()).toMatch(/'123' is not an id: an id is kebab-case, starting with a letter/);
    expect(console.err()).toMatch(/'gan-r-1' and 'gan-r1' \(derivations\/gan-r1.ts\) would both be exported as ganR1 from generated\/index.ts/);
    expect(console.err()).toMatch(/one id expected, 2 given/);
    expect(console.err()).toMatch(/nowhere: there is no derivations\/ folder/);
    expect(readdirSync(path.join(root, 'derivations'))).toEqual(['gan-r1.ts']);
    expect(newGame(['--help'])).toBe(0);
    expect(console.out()).toMatch(/^usage: npm run new -- <id>/);
  });

  it('serve: --port abc, a port in use, --help', async () => {
    const root = temporaryFolder();
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    const busy = await startServer({ root });
    cleanups.push(() => busy.close());
    const port = new URL(busy.url).port;
    const console = captureConsole();
    expect(await serve(['--port', 'abc', '--dir', root])).toBe(1);
    expect(await serve(['--port', port, '--dir', root])).toBe(1);
    expect(console.err()).toMatch(/--port abc: expected a port number from 1 to 65535/);
    expect(console.err()).toMatch(new RegExp(`port ${port} is in use; choose another with --port <n>`));
    expect(await serve(['--help'])).toBe(0);
    expect(console.out()).toMatch(/^usage: npm run serve/);
  });

  const spawn = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8' });
  it('site: --help, and an unknown argument', async () => {
    const console = captureConsole();
    expect(await buildSiteCommand(['--help'])).toBe(0);
    expect(console.out()).toMatch(/^usage: npm run site/);
    expect(await buildSiteCommand(['--fast'])).toBe(1);
    expect(console.err()).toMatch(/^error: unexpected argument '--fast'/);
    expect(console.err()).not.toMatch(STACK_TRACE);
  });

  // The command line bench:latency and audit:site share (bench/no-arguments.ts), in process:
  // each spawned would load the site before its check.
  it('bench/no-arguments.ts: --help prints the usage, an unknown argument is an error', () => {
    const exits: (number | undefined)[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exits.push(code);
      throw new Error('exit');
    }) as typeof process.exit);
    const argv = process.argv;
    const run = (...args: string[]): void => {
      process.argv = [argv[0]!, argv[1]!, ...args];
      try {
        noArguments('usage: npm run audit:site');
      } catch (error) {
        if ((error as Error).message !== 'exit') throw error;
      } finally {
        process.argv = argv;
      }
    };
    const console = captureConsole();
    run('--help');
    run('--fast');
    run();
    exit.mockRestore();
    expect(exits).toEqual([0, 1]);
    expect(console.out()).toBe('usage: npm run audit:site');
    expect(console.err()).toMatch(/^error: unexpected argument '--fast'\nusage: npm run audit:site/);
  });

  // Only --help: its argument check is the site's (the measuring modules load after it).
  it('bench: --help', () => {
    const help = spawn('bench/run.ts', '--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run bench/);
  });
});

describe('serve: redirects stay on this site', () => {
  /** The status and location of a GET of a raw path (no client-side normalisation). */
  const head = (url: string, rawPath: string): Promise<{ status: number; location: string | undefined }> =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(url);
      request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      }).on('error', reject).end();
    });

  it('a folder without its slash is redirected to the folder found, never to the request path', async () => {
    const root = temporaryFolder();
    mkdirSync(path.join(root, 'en'));
    writeFileSync(path.join(root, 'index.html'), 'root');
    writeFileSync(path.join(root, 'en/index.html'), 'en');
    const server = await startServer({ root });
    cleanups.push(() => server.close());
    expect(await head(server.url, '/.//evil.com/a%2f..%2f..%2fen')).toEqual({ status: 301, location: '/en/' });
    expect(await head(server.url, '//evil.com/..%2fen')).toEqual({ status: 301, location: '/en/' });
    expect(await head(server.url, '/en?lang=zh')).toEqual({ status: 301, location: '/en/?lang=zh' });
  });
});

describe('writing generated/: all or nothing', () => {
  const mark = (text: string): string => `// ${GENERATED_MARK}\n${text}\n`;
  const setUp = (): { directory: string; read: () => Record<string, string> } => {
    const directory = temporaryFolder();
    writeFileSync(path.join(directory, 'a.ts'), mark('old a'));
    writeFileSync(path.join(directory, 'b.ts'), mark('old b'));
    writeFileSync(path.join(directory, 'gone.ts'), mark('old'));
    const read = () => Object.fromEntries(readdirSync(directory).sort().map((n) => [n, n.startsWith('.') ? '(folder)' : readFileSync(path.join(directory, n), 'utf8')]));
    return { directory, read };
  };
  const outputs = new Map([['a.ts', mark('new a')], ['b.ts', mark('new b')], ['c.ts', mark('new c')]]);
  const after = { 'a.ts': mark('new a'), 'b.ts': mark('new b'), 'c.ts': mark('new c') };

  it('killed after the journal: --check reports it, the next run completes the set', async () => {
    const { directory, read } = setUp();
    const before = read();
    const { staging } = await stage(directory, outputs, true);
    // The staging folder is what .gitignore ignores.
    const ignored = readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n').filter((l) => l.includes('*'));
    expect(ignored.some((glob) => new RegExp(`^${glob.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(path.basename(staging)))).toBe(true);
    expect({ ...read(), [path.basename(staging)]: undefined }).toEqual({ ...before, [path.basename(staging)]: undefined });
    expect(await compare(directory, outputs, true)).toContainEqual({ file: path.basename(staging), problem: 'unfinished write: run `npm run generate` to complete it' });
    // Killed half-way through the renames: one file is new, the rest old.
    renameSync(path.join(staging, 'a.ts'), path.join(directory, 'a.ts'));
    await write(directory, new Map([['a.ts', mark('new a')]]), false);
    expect(read()).toEqual(after);
  });

  it('killed before the journal: the set stays old and the staging folder is removed', async () => {
    const { directory, read } = setUp();
    const before = read();
    const { staging } = await stage(directory, outputs, true);
    rmSync(path.join(staging, 'journal.json'));
    // Left by another process: this one's own staging folder would be replaced anyway.
    renameSync(staging, path.join(directory, '.generated-1.tmp'));
    await write(directory, new Map([['a.ts', mark('old a')], ['b.ts', mark('old b')], ['gone.ts', mark('old')]]), true);
    expect(read()).toEqual(before);
    await commit((await stage(directory, outputs, true)).staging);
    expect(read()).toEqual(after);
  });
});
