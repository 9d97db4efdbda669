/**
 * The paper's own Dirac-GAN notebook (LMescheder/GAN_stability, notebooks/DiracGAN.ipynb),
 * reproduced: its set-up (h = 0.2, start (1, 1), 500 rounds of alternating steps, one and
 * five discriminator steps per round) run through the generated `alternatingStep` in the
 * default order, against a transcription of the notebook's code written here (the vector
 * fields of diracgan/gans.py, the loop of diracgan/simulate.py trajectory_altgd: generator
 * steps first, both parameters post-processed (clipped) after each), to 1e-9.
 *
 * Where the notebook's own field is not the exact one, the transcription uses the exact
 * field instead, and says so:
 * - GAN_InstNoise averages 1000 random samples per evaluation: the expectation is taken
 *   here by a quadrature accurate to about 1e-15 (oracles/gauss-hermite.ts);
 * - GAN_Consensus differentiates L = (psi^2 + theta^2) f'(psi theta)^2 / 2 with a factor
 *   1/2 too many on its second term: the transcription uses the exact gradient.
 */
import { describe, expect, it } from 'vitest';
import { expectationsOverNoise } from './oracles/gauss-hermite.js';
import { importEvaluator } from './support/evaluators.js';

type Field = (theta: number, psi: number) => [number, number];

// diracgan/util.py and the derivatives of f(t) = -log(1 + e^-t) in diracgan/gans.py.
const sigmoid = (x: number): number => {
  const m = Math.min(0, x);
  return Math.exp(m) / (Math.exp(m) + Math.exp(-x + m));
};
const fp = (x: number): number => sigmoid(-x);
const fp2 = (x: number): number => -sigmoid(-x) * sigmoid(x);

// The vector fields of diracgan/gans.py.
const GAN: Field = (theta, psi) => [-psi * fp(psi * theta), theta * fp(psi * theta)];
const NSGAN: Field = (theta, psi) => [-psi * fp(-psi * theta), theta * fp(psi * theta)];
const WGAN: Field = (theta, psi) => [-psi, theta];
const WGAN_GP = (reg: number, target: number): Field => (theta, psi) => [-psi, theta - reg * (Math.abs(psi) - target) * Math.sign(psi)];
const GAN_GradPenalty = (reg: number): Field => (theta, psi) => [-psi * fp(psi * theta), theta * fp(psi * theta) - reg * psi];
const NSGAN_GradPenalty = (reg: number): Field => (theta, psi) => [-psi * fp(-psi * theta), theta * fp(psi * theta) - reg * psi];
/** GAN_Consensus with the exact gradient of L: the notebook has 0.5 * psi * (...) where d/dtheta of L gives psi * (...). */
const GAN_Consensus_exact = (reg: number): Field => (theta, psi) => {
  const [v1, v2] = GAN(theta, psi);
  const v1reg = theta * fp(psi * theta) ** 2 + psi * (psi ** 2 + theta ** 2) * fp(psi * theta) * fp2(psi * theta);
  const v2reg = psi * fp(psi * theta) ** 2 + theta * (psi ** 2 + theta ** 2) * fp(psi * theta) * fp2(psi * theta);
  return [v1 - reg * v1reg, v2 - reg * v2reg];
};
/** GAN_InstNoise with its two expectations (theta + std e and std e, e ~ N(0, 1)) by quadrature instead of 1000 random samples. */
const GAN_InstNoise_exact = (std: number): Field => (theta, psi) => {
  const [v1, generator, data] = expectationsOverNoise((e) => [-psi * fp(psi * (theta + e)), (theta + e) * fp(psi * (theta + e)), e * fp(-e * psi)], std, std * Math.abs(psi));
  return [v1!, generator! - data!];
};

/** diracgan/simulate.py trajectory_altgd: the start post-processed, then gsteps generator steps and dsteps discriminator steps per round, each post-processed. */
function trajectoryAltgd(field: Field, postprocess: (theta: number, psi: number) => [number, number], nsteps: number, h: number, dsteps: number): [number, number][] {
  let [theta, psi] = postprocess(1, 1);
  const path: [number, number][] = [[theta, psi]];
  for (let k = 0; k < nsteps; k++) {
    [theta, psi] = postprocess(theta + h * field(theta, psi)[0], psi);
    for (let i = 0; i < dsteps; i++) [theta, psi] = postprocess(theta, psi + h * field(theta, psi)[1]);
    path.push([theta, psi]);
  }
  return path;
}

const none = (theta: number, psi: number): [number, number] => [theta, psi];
const clipPsi = (c: number) => (theta: number, psi: number): [number, number] => [theta, Math.min(Math.max(psi, -c), c)];

/** The notebook's plot_configs, with the game and hyperparameters that are each. */
const CONFIGS: readonly { notebook: string; game: string; params: Record<string, number>; field: Field; postprocess?: typeof none; exact?: string }[] = [
  { notebook: 'GAN()', game: 'gan', params: {}, field: GAN },
  { notebook: 'NSGAN()', game: 'ns-gan', params: {}, field: NSGAN },
  { notebook: 'WGAN(1.)', game: 'wgan-clip', params: { c: 1 }, field: WGAN, postprocess: clipPsi(1) },
  { notebook: 'WGAN_GP(0.7, 1.)', game: 'wgan-gp', params: { gamma: 0.7 }, field: WGAN_GP(0.7, 1) },
  { notebook: 'GAN_InstNoise(0.7)', game: 'gan-instance-noise', params: { sigma: 0.7 }, field: GAN_InstNoise_exact(0.7), exact: 'its 1000 random samples replaced by quadrature' },
  { notebook: 'GAN_GradPenalty(0.3)', game: 'gan-r1', params: { gamma: 0.3 }, field: GAN_GradPenalty(0.3) },
  { notebook: 'GAN_GradPenalty(1.)', game: 'gan-r1', params: { gamma: 1 }, field: GAN_GradPenalty(1) },
  { notebook: 'GAN_Consensus(1.)', game: 'gan-consensus', params: { gamma: 1 }, field: GAN_Consensus_exact(1), exact: 'the factor 1/2 of its regulariser gradient corrected' },
  { notebook: 'NSGAN_GradPenalty(0.3)', game: 'ns-gan-r1', params: { gamma: 0.3 }, field: NSGAN_GradPenalty(0.3) },
];

describe("the paper's Dirac-GAN notebook: 500 rounds of alternating steps from (1, 1) at h = 0.2", () => {
  it.each(CONFIGS.flatMap((c) => [1, 5].map((dsteps) => [`${c.notebook}${c.exact ? ` (${c.exact})` : ''} as ${c.game}, ${dsteps} discriminator step(s)`, c, dsteps] as const)))('%s', async (_, config, dsteps) => {
    const m = (await importEvaluator(config.game)) as unknown as { alternatingStep(theta: number, phi: number, schedule: object, p: object, out?: Float64Array): Float64Array };
    const expected = trajectoryAltgd(config.field, config.postprocess ?? none, 500, 0.2, dsteps);
    const schedule = { hG: 0.2, hD: 0.2, nG: 1, nD: dsteps };
    const point = new Float64Array([1, 1]);
    let worst = 0;
    expected.forEach(([theta, psi], k) => {
      if (k > 0) m.alternatingStep(point[0]!, point[1]!, schedule, config.params, point);
      worst = Math.max(worst, Math.abs(point[0]! - theta) / Math.max(1, Math.abs(theta)), Math.abs(point[1]! - psi) / Math.max(1, Math.abs(psi)));
    });
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it("the notebook's own consensus field is not the gradient of its L; the exact one is the generated field", async () => {
    const m = (await importEvaluator('gan-consensus')) as unknown as { vectorField(theta: number, phi: number, p: object): Float64Array };
    // GAN_Consensus as written in diracgan/gans.py: 0.5 * psi * (...) in both regulariser terms.
    const notebook: Field = (theta, psi) => {
      const [v1, v2] = GAN(theta, psi);
      const v1reg = theta * fp(psi * theta) ** 2 + 0.5 * psi * (psi ** 2 + theta ** 2) * fp(psi * theta) * fp2(psi * theta);
      const v2reg = psi * fp(psi * theta) ** 2 + 0.5 * theta * (psi ** 2 + theta ** 2) * fp(psi * theta) * fp2(psi * theta);
      return [v1 - v1reg, v2 - v2reg];
    };
    const generated = [...m.vectorField(1, 1, { gamma: 1 })];
    GAN_Consensus_exact(1)(1, 1).forEach((v, i) => expect(Math.abs(v - generated[i]!)).toBeLessThan(1e-15));
    expect(Math.abs(notebook(1, 1)[0] - generated[0]!)).toBeGreaterThan(1e-3);
  });

  it('the order matters: the discriminator first gives other iterates (with the same eigenvalues of the update map)', async () => {
    const m = (await importEvaluator('gan')) as unknown as { alternatingStep(theta: number, phi: number, schedule: object): Float64Array };
    const first = [...m.alternatingStep(1, 1, { hG: 0.2, hD: 0.2, nG: 1, nD: 1 })];
    const other = [...m.alternatingStep(1, 1, { hG: 0.2, hD: 0.2, nG: 1, nD: 1, order: 'discriminator-first' })];
    expect(first).toEqual(trajectoryAltgd(GAN, none, 1, 0.2, 1)[1]);
    expect(other).not.toEqual(first);
  });
});
