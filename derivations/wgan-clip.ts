import { defineGame } from '../generator/game.js';
import { wassersteinActivation, ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'wgan-clip',
  title: { en: 'WGAN with weight clipping', zh: '权重裁剪的 WGAN' },
  summary: {
    en: "WGAN whose discriminator parameter is clipped to [-c, c] after every step, the original way of keeping D Lipschitz. The clip is inactive while |φ| < c, so near the equilibrium the game is WGAN's.",
    zh: '每一步之后把判别器参数裁剪到 [-c, c] 的 WGAN，这是保持 D 满足 Lipschitz 条件的原始做法。|φ| < c 时裁剪不起作用，因此在均衡点附近与 WGAN 相同。',
  },
  sources: ['Arjovsky, Chintala, Bottou, Wasserstein GAN, ICML 2017 (weight clipping)', 'Mescheder, Geiger, Nowozin, ICML 2018, section 3.1'],
  activation: wassersteinActivation,
  objective: ganObjective(),
  constraints: [{ kind: 'clip', parameter: 'phi', bound: 'c' }],
  hyperparameters: {
    c: { default: 0.1, range: [0.01, 1], description: { en: 'clipping bound of the discriminator parameter', zh: '判别器参数的裁剪界' } },
  },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    flow: 'exact-centre',
    source: 'Mescheder et al. 2018, section 3.1 (WGAN does not converge on Dirac-GAN)',
  },
});
