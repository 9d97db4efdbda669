/**
 * A regulariser that moves the equilibrium away from (0, 0) is analysed where the equilibrium
 * now is, not refused. The game: the standard GAN with the generator pulled towards x = 1
 * (gamma/2 (x - 1)^2 on its objective), whose field is (gamma, 0) at (0, 0) and vanishes at
 * (0, gamma / f'(0)) = (0, 0.6). Checked against oracles that know nothing of the analysis: an
 * odex integration of the generated field ends there, and gradient steps of the generated
 * module, iterated near it, converge just below the record's largest stable learning rate and
 * move away just above it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from './support/temp-project.js';
import type { CommandResult, TempProject } from './support/temp-project.js';
import type { ElsewhereRecord, GameRecord } from '../generator/contract/records.js';
import { integrate } from './oracles/ode.js';

type Step = (theta: number, phi: number, h: number, p?: unknown, out?: Float64Array) => Float64Array;
type AlternatingStep = (theta: number, phi: number, schedule: { hG: number; hD: number; nG: number; nD: number }, p?: unknown, out?: Float64Array) => Float64Array;
interface PullModule {
  vectorField(theta: number, phi: number, p?: unknown, out?: Float64Array): Float64Array;
  simultaneousStep: Step;
  alternatingStep: AlternatingStep;
  originNotAnEquilibrium: string;
}

const PULL = "{ name: 'P', player: 'generator', weight: 'gamma/2', term: { over: 'generator', of: '(x - 1)^2' } }";
const EQUILIBRIUM = [0, 0.6] as const;
const NONE = "{ name: 'P', player: 'generator', weight: '-1/2', term: { over: 'generator', of: 'x^2' } }, { name: 'Q', player: 'discriminator', weight: '1/2', term: { over: 'data', of: 'gradD(x)^2' } }, { name: 'S', player: 'discriminator', weight: 'gamma', term: { over: 'data', of: '-gradD(x)' } }";
let noneResult: CommandResult;

let project: TempProject;
let result: CommandResult;
let record: GameRecord;
let module: PullModule;

beforeAll(async () => {
  project = tempProject();
  const source = project.read('derivations/gan-r1.ts');
  const edited = source
    .replace("id: 'gan-r1'", "id: 'gan-pull'")
    .replace('regularisers: [r1Penalty()]', `regularisers: [${PULL}]`)
    .replace("verdict: 'locally-convergent'", "verdict: 'not-an-equilibrium'");
  expect(edited).toContain(PULL);
  project.write('derivations/gan-pull.ts', edited);
  // And a game whose field vanishes nowhere: WGAN with the generator pushed off (-x^2/2), the
  // discriminator damped (phi^2/2) and tilted (-gamma phi): v = (theta - phi, theta - phi + gamma).
  const wgan = project.read('derivations/wgan.ts');
  const none = wgan.replace("id: 'wgan'", "id: 'wgan-none'").replace(/\n  claims: \{[\s\S]*?\n  \},\n/, `\n  regularisers: [${NONE}],\n  hyperparameters: { gamma: penaltyWeight() },\n  claims: { verdict: 'not-an-equilibrium', source: '(test)' },\n`).replace("import { wassersteinActivation, ganObjective } from '../generator/pieces.js';", "import { wassersteinActivation, ganObjective, penaltyWeight } from '../generator/pieces.js';");
  expect(none).toContain(NONE);
  project.write('derivations/wgan-none.ts', none);
  noneResult = await project.generate('--only', 'wgan-none');
  result = await project.generate('--only', 'gan-pull');
  record = JSON.parse(project.read('generated/gan-pull.json')) as GameRecord;
  module = (await import(pathToFileURL(path.join(project.root, 'generated/gan-pull.ts')).href)) as PullModule;
}, 120_000);
afterAll(() => project?.remove());

const distance = (theta: number, phi: number): number => Math.hypot(theta - EQUILIBRIUM[0], phi - EQUILIBRIUM[1]);

describe('an equilibrium moved away from (0, 0)', () => {
  it('a game with no equilibrium at all: generated, "none found", and nothing said of equilibria it has not', () => {
    expect(noneResult.status, noneResult.stderr).toBe(0);
    const rows = noneResult.stdout.split('\n').filter((line) => line.startsWith('wgan-none '));
    expect(rows[0]).toMatch(/\(0,0\) is not an equilibrium .* not-an-equilibrium +agrees \(verdict\)/);
    expect(rows[1]).toMatch(/^wgan-none +none found +- +closed form$/);
    const none = JSON.parse(project.read('generated/wgan-none.json')) as GameRecord;
    expect(none.nonlinear.stages.flatMap((s) => s.equilibria)).toEqual([]);
    expect(none.rulesElsewhere).toEqual([]);
    const text = project.read('generated/wgan-none.ts');
    expect(text).toMatch(/export const originNotAnEquilibrium = '\(theta, phi\) = \(0, 0\) is not an equilibrium: the vector field there is \(/);
    expect(text).not.toMatch(/export const flowEquilibria|found and analysed|decides each/);
  });

  it('is generated, not refused: the verdict at (0, 0) says it is not an equilibrium, and why', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(record.verdict.verdict).toBe('not-an-equilibrium');
    expect(record.equilibrium.differentiable).toBe(false);
    expect(module.originNotAnEquilibrium).toMatch(/^\(theta, phi\) = \(0, 0\) is not an equilibrium: the vector field there is \(gamma, 0\)/);
    const rows = result.stdout.split('\n').filter((line) => line.startsWith('gan-pull '));
    expect(rows[0]).toMatch(/\(0,0\) is not an equilibrium +- +- +not-an-equilibrium +agrees \(verdict\)/);
  });

  it('finds the equilibrium (0, gamma / f\'(0)) in closed form, f abstract and f given, and decides it, as a long odex integration of the generated field confirms', () => {
    // With f abstract the trace -gamma - gamma^2 f''(0)/f'(0)^2 decides (the determinant is f'(0)^2).
    const generic = record.nonlinear.stages.find((s) => s.stage === 'generic')!;
    expect(generic.equilibria[0]!.where).toMatchObject({ kind: 'point', theta: { text: '0' }, phi: { text: 'gamma/df(0)' } });
    expect(generic.equilibria[0]!.verdict).toBe('sign-condition');
    expect(generic.equilibria[0]!.reason).toMatch(/the trace -gamma-gamma\^2\*d2f\(0\)\/df\(0\)\^2 decides/);
    const concrete = record.nonlinear.stages.find((s) => s.stage === 'concrete')!;
    expect(concrete.equilibria).toHaveLength(1);
    const [found] = concrete.equilibria;
    expect(found!.where).toMatchObject({ kind: 'point', theta: { text: '0' }, phi: { text: '2*gamma' } });
    expect(found!.verdict).toBe('asymptotically-stable');
    const out = new Float64Array(2);
    const v = (theta: number, phi: number): [number, number] => {
      module.vectorField(theta, phi, undefined, out);
      return [out[0]!, out[1]!];
    };
    for (const start of [[0.5, 1.2], [-0.5, 0.2], [1, 1]] as const) {
      const path = integrate(v, start, 400, 400);
      const last = path.t.length - 1;
      expect(distance(path.theta[last]!, path.phi[last]!), `from (${start})`).toBeLessThan(1e-6);
    }
    // The generic condition at other weights: f'(0)^2 + gamma f''(0) = (1 - gamma)/4 for the standard f.
    for (const [gamma, stable] of [[0.9, true], [1.2, false]] as const) {
      const at = (theta: number, phi: number): [number, number] => {
        module.vectorField(theta, phi, { gamma }, out);
        return [out[0]!, out[1]!];
      };
      const path = integrate(at, [0.01, 2 * gamma], 400, 400);
      const last = path.t.length - 1;
      const away = Math.hypot(path.theta[last]!, path.phi[last]! - 2 * gamma);
      if (stable) expect(away, `gamma = ${gamma}`).toBeLessThan(1e-6);
      else expect(away, `gamma = ${gamma}`).toBeGreaterThan(0.1);
    }
  });

  it('linearises the training methods there: gradient steps converge just below the bound and leave just above it', () => {
    const at = record.rulesElsewhere.find((e): e is Extract<ElsewhereRecord, { at: unknown }> => 'at' in e)!;
    expect(at.at).toEqual({ theta: EQUILIBRIUM[0], phi: EQUILIBRIUM[1] });
    const bound = (variant: string): number => at.rules.find((r) => r.method === 'gradient' && r.variant === variant)!.bound!;
    const run = (step: (theta: number, phi: number, h: number, out: Float64Array) => Float64Array, h: number): number => {
      const out = new Float64Array(2);
      let [theta, phi] = [EQUILIBRIUM[0] + 0.01, EQUILIBRIUM[1] - 0.01];
      for (let k = 0; k < 6000 && distance(theta, phi) < 1; k++) [theta, phi] = step(theta, phi, h, out) as unknown as [number, number];
      return distance(theta, phi) / distance(EQUILIBRIUM[0] + 0.01, EQUILIBRIUM[1] - 0.01);
    };
    const simultaneous = (theta: number, phi: number, h: number, out: Float64Array): Float64Array => module.simultaneousStep(theta, phi, h, undefined, out);
    const alternating = (theta: number, phi: number, h: number, out: Float64Array): Float64Array => module.alternatingStep(theta, phi, { hG: h, hD: h, nG: 1, nD: 1 }, undefined, out);
    for (const [variant, step] of [['simultaneous', simultaneous], ['alternating', alternating]] as const) {
      const b = bound(variant);
      expect(run(step, 0.97 * b), `${variant} below h* = ${b}`).toBeLessThan(1e-2);
      expect(run(step, 1.03 * b), `${variant} above h* = ${b}`).toBeGreaterThan(10);
    }
    // Gradient descent's map I + hJ at J(0, 3/5), trace -0.21, determinant 0.25: |1 + h lambda|^2 = 1 - 0.21 h + 0.25 h^2 < 1 for h < 0.84.
    expect(bound('simultaneous')).toBeCloseTo(0.84, 9);
  });
});
