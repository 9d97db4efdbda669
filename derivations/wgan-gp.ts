import { defineGame } from '../generator/game.js';
import { wassersteinActivation, ganObjective, wganGradientPenalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'wgan-gp',
  title: { en: 'WGAN-GP', zh: 'WGAN-GP' },
  summary: {
    en: 'WGAN with a gradient penalty that pulls the norm of the discriminator\'s input gradient towards 1 on points between real and generated samples.',
    zh: '带梯度惩罚的 WGAN：在真实样本与生成样本之间的插值点上，把判别器对输入的梯度范数拉向 1。',
  },
  sources: ['Gulrajani et al., Improved Training of Wasserstein GANs, NIPS 2017', 'Mescheder, Geiger, Nowozin, ICML 2018, section 3.2'],
  slots: ['wgangp-loss', 'wgangp-dirac', 'wgangp-field', 'fig-wgangp'],
  activation: wassersteinActivation,
  objective: ganObjective(),
  regularisers: [wganGradientPenalty()],
  hyperparameters: { gamma: penaltyWeight() },
  claims: {
    verdict: 'not-differentiable',
    flow: 'filippov-equilibria',
    source: 'Mescheder et al. 2018, section 3.2 (WGAN-GP does not converge on Dirac-GAN); the article, section 3',
  },
});
