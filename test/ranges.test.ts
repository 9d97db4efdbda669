/**
 * Hyperparameters of any range, end to end: a weight whose range starts at 0 (and defaults
 * to 0: the penalty off), one whose range reaches below 0, and a penalty that is constant on
 * the Dirac-GAN (a note, not an error). Generated in a copy of the project, then the
 * summary, the records, the evaluators (against finite differences of the objectives and
 * the unregularised game) and the game and training pages as the site renders them.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GameDefinition } from '../generator/game.js';
import { importDefinition } from './support/games.js';
import type { GameRecord } from '../generator/contract/records.js';
import { gamePage } from '../site/pages/game.js';
import { trainingPage, hasTrainingPage } from '../site/pages/training.js';
import type { Game } from '../site/data/game.js';
import { gameOf } from '../site/data/game.js';
import { setMethodsRecord } from '../site/data/methods.js';
import type { MethodsRecord } from '../generator/contract/records.js';
import type { Evaluator } from '../site/model/params.js';
import * as gan from '../generated/gan.js';
import { numericGame } from './oracles/numeric-game.js';
import { ROOT } from './support/records.js';
import { tempProject } from './support/temp-project.js';
import type { CommandResult, TempProject } from './support/temp-project.js';

const ganR1 = readFileSync(path.join(ROOT, 'derivations/gan-r1.ts'), 'utf8');
const RANGE = 'gamma: penaltyWeight()';
const variant = (id: string, edit: (s: string) => string): string => {
  const source = ganR1.replace("id: 'gan-r1'", `id: '${id}'`);
  const edited = edit(source);
  expect(edited).not.toBe(source);
  return edited;
};
// With gamma of either sign, or 0, the trace -gamma/2 has no provable sign: the linearisation alone is inconclusive.
const inconclusive = (s: string): string => s.replace("verdict: 'locally-convergent'", "verdict: 'inconclusive'");
const VARIANTS: Record<string, string> = {
  'r1-from-zero': variant('r1-from-zero', (s) => inconclusive(s.replace(RANGE, "gamma: { default: 0, range: [0, 10], description: { en: 'weight', zh: '权重' } }"))),
  'r1-signed': variant('r1-signed', (s) => inconclusive(s.replace(RANGE, "gamma: { default: 0.3, range: [-1, 1], description: { en: 'weight', zh: '权重' } }"))),
  'r1-data-penalty': variant('r1-data-penalty', (s) => s.replace('r1Penalty()', "r1Penalty(), { name: 'A', player: 'discriminator', weight: 'gamma', term: { over: 'data', of: 'D(x)^2' } }")),
};

type Module = Evaluator & { vectorField(theta: number, phi: number, p: { gamma: number }): Float64Array; jacobian(theta: number, phi: number, p: { gamma: number }): Float64Array };

describe('hyperparameter ranges through 0 and below, and a penalty constant on the Dirac-GAN', () => {
  let project: TempProject;
  let result: CommandResult;
  const records = new Map<string, GameRecord>();
  const modules = new Map<string, Module>();

  beforeAll(async () => {
    project = tempProject();
    for (const name of readdirSync(path.join(project.root, 'derivations'))) rmSync(path.join(project.root, 'derivations', name));
    for (const [id, source] of Object.entries(VARIANTS)) project.write(`derivations/${id}.ts`, source);
    result = await project.generate();
    if (result.status !== 0) return;
    for (const id of Object.keys(VARIANTS)) {
      records.set(id, JSON.parse(project.read(`generated/${id}.json`)) as GameRecord);
      modules.set(id, (await import(pathToFileURL(path.join(project.root, `generated/${id}.ts`)).href)) as Module);
    }
  });
  afterAll(() => project?.remove());

  it('generate: exit 0, a row for each game, and the constant penalty as a note naming its field', () => {
    expect(result.status, result.stderr).toBe(0);
    for (const id of Object.keys(VARIANTS)) expect(result.stdout).toMatch(new RegExp(`^${id} `, 'm'));
    expect(result.stderr).toMatch(/^note: derivations\/r1-data-penalty\.ts: regularisers\[1\]: the penalty "D\(x\)\^2" over the data samples is constant on the Dirac-GAN \(it is 0 there\)/m);
    expect(records.get('r1-data-penalty')!.notes.map((n) => n.field)).toEqual(['regularisers[1]']);
    for (const [id, record] of records) expect(JSON.stringify(record), id).not.toMatch(/NaN|Infinity/);
  });

  it('the evaluators take 0 and negative values in range, refuse values outside it, and match finite differences of the objectives', async () => {
    const definitionOf = (id: string): Promise<GameDefinition> => importDefinition(path.join(project.root, `derivations/${id}.ts`));
    for (const [id, gamma] of [['r1-from-zero', 0], ['r1-signed', -0.5], ['r1-signed', 1], ['r1-data-penalty', 0.3]] as const) {
      const m = modules.get(id)!;
      const oracle = numericGame(await definitionOf(id), { gamma });
      for (const [theta, phi] of [[0.7, -0.4], [-0.3, 0.9]] as const) {
        const expected = oracle.field(theta, phi);
        [...m.vectorField(theta, phi, { gamma })].forEach((v, i) => expect(Math.abs(v - expected[i]!), `${id}, gamma = ${gamma}, v[${i}]`).toBeLessThan(1e-6));
      }
    }
    // R1 with weight 0 is the game without it.
    for (const [theta, phi] of [[0.7, -0.4], [1.3, 0.2]] as const) {
      expect([...modules.get('r1-from-zero')!.vectorField(theta, phi, { gamma: 0 })]).toEqual([...gan.vectorField(theta, phi)].map((x) => x + 0));
    }
    expect(() => modules.get('r1-signed')!.vectorField(1, 1, { gamma: -2 })).toThrow(/gamma must be within its declared range \[-1, 1\].*got -2/);
    expect(() => modules.get('r1-from-zero')!.vectorField(1, 1, { gamma: -0.1 })).toThrow(/\[0, 10\]/);
  });

  it('a negative weight turns the penalty into an anti-penalty: every method diverges from near (0, 0), as the bound search says', () => {
    const m = modules.get('r1-signed')! as unknown as { learningRateBound(method: string, p: { gamma: number }): { verdict: string }; trajectory(method: string, start: readonly [number, number], options: { h: number; steps: number }, p: { gamma: number }): { status: string } };
    expect(m.learningRateBound('simultaneous', { gamma: -0.5 }).verdict).toBe('never-converges');
    expect(m.trajectory('simultaneous', [0.01, 0.01], { h: 0.1, steps: 100_000 }, { gamma: -0.5 }).status).toBe('diverged');
  });

  it('the site renders their pages: linear sliders from the range, the note, no NaN', () => {
    // What loadGames gives the pages from generated/: here the copy's.
    setMethodsRecord(JSON.parse(project.read('generated/methods.json')) as MethodsRecord);
    for (const [id, record] of records) {
      const game: Game = gameOf(record, modules.get(id)!);
      for (const lang of ['en', 'zh'] as const) {
        const pages = [gamePage(game, lang), ...(hasTrainingPage(game) ? [trainingPage(game, lang)] : [])];
        for (const html of pages) expect(html, `${id} ${lang}`).not.toMatch(/\bNaN\b/);
        const slider = /<input type="range" id="c-gamma"[^>]*>/.exec(pages[0]!)![0];
        const [lo, hi] = record.hyperparameters[0]!.range;
        expect(slider, `${id} ${lang}`).toContain(`data-min="${lo}" data-max="${hi}"`);
        if (lo <= 0) expect(slider).not.toContain('data-log');
        if (id === 'r1-data-penalty') expect(pages[0]).toContain(record.notes[0]!.text[lang].replaceAll('"', '&quot;'));
      }
    }
  });
});
