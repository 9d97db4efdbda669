import { defineGame } from '../generator/game.js';

export default defineGame({
  id: 'wgan-gp',
  title: { en: 'WGAN-GP', zh: 'WGAN-GP' },
  summary: {
    en: 'WGAN with a gradient penalty that pulls the norm of the discriminator\'s input gradient towards 1 on points between real and generated samples.',
    zh: '带梯度惩罚的 WGAN：在真实样本与生成样本之间的插值点上，把判别器对输入的梯度范数拉向 1。',
  },
  sources: ['Gulrajani et al., Improved Training of Wasserstein GANs, NIPS 2017', 'Mescheder, Geiger, Nowozin, ICML 2018, section 3.2'],
  slots: ['wgangp-loss', 'wgangp-dirac', 'wgangp-field', 'fig-wgangp'],
  activation: { definition: 't' },
  discriminator: 'phi*x',
  objectives: {
    generator: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(x))' }],
    discriminator: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(x))' }],
  },
  regularisers: [
    { kind: 'expectation', name: 'R_{GP}', player: 'discriminator', weight: 'gamma/2', term: { over: 'interpolated', of: '(abs(gradD(x)) - 1)^2' } },
  ],
  hyperparameters: {
    gamma: { default: 0.3, range: [0.05, 10], description: { en: 'weight of the gradient penalty', zh: '梯度惩罚的权重' } },
  },
  claims: {
    verdict: 'not-differentiable',
    flow: 'filippov-equilibria',
    source: 'Mescheder et al. 2018, section 3.2 (WGAN-GP does not converge on Dirac-GAN); the article, section 3',
  },
});
