/**
 * `npm run audit:pieces`: every combination of the format's named pieces (generator/pieces.ts)
 * and a few activations of other shapes (a polynomial, a kinked one), with and without
 * instance noise, one or two penalties or a clip, written as derivation files and put through
 * the command line (`generator/launch.mjs --root <temp copy>`) as a researcher's new files would
 * be. A game's verdict is not known in advance: each file first claims 'inconclusive', and a
 * claim the run refutes is set to what it derived, so that every game is derived and emitted.
 * Combinations the generator refuses with its own message (consensus with noise, a noisy field
 * it cannot integrate) are listed and set apart. Exit 1 on any stack trace: a valid file must
 * derive or be refused with a message (and exit 1 if the games left do not all derive). It found four such crashes (test/analyse-equilibria.test.ts
 * keeps them); minutes long (a few seconds of CPU a game), so it runs here, not in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { noArguments } from './no-arguments.js';
import { ROOT } from './root.js';

const USAGE = `usage: npm run audit:pieces

Writes every combination of the named pieces of generator/pieces.ts (activations, objectives,
instance noise, penalties, a clip) as derivation files in the temp folder and runs the command
line on them (about ten minutes on a 2-core machine); lists the combinations the generator
refuses, with its message; exit 1 on any stack trace.
  -h, --help       this text`;
noArguments(USAGE);

/** The fields of a game, as a derivation file writes them (pieces by name, imported below). */
const ACTIVATIONS: Record<string, string> = {
  standard: 'standardActivation',
  wasserstein: 'wassersteinActivation',
  abstract: "'abstract'",
  'log-sigmoid': "{ definition: 'log(sigmoid(t))' }",
  quadratic: "{ definition: 't - t^2/2' }",
  kinked: "{ definition: 'min(t, 0) + t' }",
};
const OBJECTIVES: Record<string, string> = {
  gan: 'objective: ganObjective()',
  noise: "objective: ganObjective({ noise: 'sigma' })",
  'non-saturating': 'objectives: { generator: nonSaturatingGeneratorObjective, discriminator: ganObjective() }',
  pairing: 'objective: relativisticPairingObjective',
};
const REGULARISERS: Record<string, string> = {
  none: '',
  r1: 'regularisers: [r1Penalty()]',
  r2: 'regularisers: [r2Penalty()]',
  gp: 'regularisers: [wganGradientPenalty()]',
  lp: 'regularisers: [wganLipschitzPenalty()]',
  dragan: 'regularisers: [draganPenalty()]',
  consensus: 'regularisers: [consensusPenalty()]',
  'r1-consensus': 'regularisers: [r1Penalty(), consensusPenalty()]',
  'gp-r1': 'regularisers: [wganGradientPenalty(), r1Penalty()]',
  'lp-dragan': 'regularisers: [wganLipschitzPenalty(), draganPenalty()]',
  clip: "constraints: [{ kind: 'clip', parameter: 'phi', bound: 'gamma' }]",
};
const IMPORTS = 'standardActivation, wassersteinActivation, ganObjective, nonSaturatingGeneratorObjective, relativisticPairingObjective, r1Penalty, r2Penalty, wganGradientPenalty, wganLipschitzPenalty, draganPenalty, consensusPenalty, penaltyWeight';
const STACK_TRACE = /^\s+at .+[:(]/m;
const PASSES = 6;

function source(id: string, activation: string, objective: string, regularisers: string, noisy: boolean): string {
  const hyperparameters = [regularisers ? 'gamma: penaltyWeight()' : '', noisy ? "sigma: { default: 0.5, range: [0.1, 2], description: { en: 'the noise', zh: '噪声' } }" : ''].filter(Boolean);
  return `import { defineGame } from '../generator/game.js';
import { ${IMPORTS} } from '../generator/pieces.js';

export default defineGame({
  id: '${id}',
  title: { en: '${id}', zh: '${id}' },
  summary: { en: 'A combination of the named pieces.', zh: '命名部件的组合。' },
  sources: ['bench/pieces-audit.ts'],
  activation: ${activation},
  ${objective},
  ${regularisers ? `${regularisers},` : ''}
  ${hyperparameters.length ? `hyperparameters: { ${hyperparameters.join(', ')} },` : ''}
  claims: { verdict: 'inconclusive', source: 'bench/pieces-audit.ts' },
});
`;
}

const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-pieces-'));
let crashed = false;
let derivedAll = false;
try {
  for (const shared of ['generator', 'runtime', 'methods', 'node_modules']) symlinkSync(path.join(ROOT, shared), path.join(root, shared));
  mkdirSync(path.join(root, 'derivations'));
  mkdirSync(path.join(root, 'generated'));
  const ids: string[] = [];
  for (const [a, activation] of Object.entries(ACTIVATIONS)) {
    for (const [o, objective] of Object.entries(OBJECTIVES)) {
      for (const [r, regularisers] of Object.entries(REGULARISERS)) {
        const id = `${a}-${o}-${r}`;
        ids.push(id);
        writeFileSync(path.join(root, 'derivations', `${id}.ts`), source(id, activation, objective, regularisers, o === 'noise'));
      }
    }
  }
  console.log(`${ids.length} games (${Object.keys(ACTIVATIONS).length} activations x ${Object.keys(OBJECTIVES).length} objectives x ${Object.keys(REGULARISERS).length} regularisers)`);
  const refused = new Map<string, string>();
  // A run stops at the first stage where a file fails (its checks, its claims), so each pass sets
  // the refuted claims to what was derived and sets apart the files refused with another message.
  for (let pass = 1; pass <= PASSES; pass++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'generator/launch.mjs'), '--root', root], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const output = `${run.stdout}\n${run.stderr}`;
    console.log(`pass ${pass}: exit ${run.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (STACK_TRACE.test(run.stderr) || (run.status !== 0 && run.status !== 1)) {
      console.log(run.stderr.split('\n').slice(0, 30).join('\n'));
      crashed = true;
      break;
    }
    if (run.status === 0) {
      derivedAll = true;
      break;
    }
    const errors = [...output.matchAll(/^error: derivations\/([\w-]+)\.ts: ([^:]+): (.*)$/gm)];
    if (errors.length === 0) {
      console.log(run.stderr);
      break;
    }
    for (const [, id, field, message] of errors) {
      const file = path.join(root, 'derivations', `${id}.ts`);
      const refuted = field === 'claims.verdict' ? /but it derives (\S+)$/.exec(message!) : null;
      if (refuted) writeFileSync(file, readFileSync(file, 'utf8').replace("verdict: 'inconclusive'", `verdict: '${refuted[1]}'`));
      else {
        refused.set(id!, `${field}: ${message}`);
        rmSync(file, { force: true });
      }
    }
  }
  const byMessage = new Map<string, string[]>();
  for (const [id, message] of refused) byMessage.set(message, [...(byMessage.get(message) ?? []), id]);
  console.log(`\nrefused with the generator's message: ${refused.size} of ${ids.length}`);
  for (const [message, games] of byMessage) console.log(`- ${message}\n  ${games.join(', ')}`);
  if (crashed) console.log('\na stack trace: a valid game that the generator neither derives nor refuses with a message');
  else if (!derivedAll) console.log(`\nthe games left were not all derived after ${PASSES} passes`);
  else console.log(`\nno stack trace; derived and emitted: ${ids.length - refused.size}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exitCode = crashed || !derivedAll ? 1 : 0;
