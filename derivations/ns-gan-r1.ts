import { defineGame } from '../generator/game.js';

export default defineGame({
  id: 'ns-gan-r1',
  title: { en: 'Non-saturating GAN + R1', zh: '非饱和 GAN + R1' },
  summary: {
    en: 'The non-saturating GAN with the zero-centred gradient penalty on real data: the combination Mescheder et al. train their image models with.',
    zh: '非饱和 GAN 加上真实数据上的零中心梯度惩罚：Mescheder 等人训练图像模型时用的组合。',
  },
  sources: ['Mescheder, Geiger, Nowozin, ICML 2018, section 4.1 and section 5'],
  slots: [],
  activation: { definition: '-log(1 + exp(-t))' },
  discriminator: 'phi*x',
  objectives: {
    generator: [{ over: 'generator', of: '-f(-D(x))' }],
    discriminator: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(x))' }],
  },
  regularisers: [
    { kind: 'expectation', name: 'R_1', player: 'discriminator', weight: 'gamma/2', term: { over: 'data', of: 'gradD(x)^2' } },
  ],
  hyperparameters: {
    gamma: { default: 0.3, range: [0.05, 10], description: { en: 'weight of the gradient penalty', zh: '梯度惩罚的权重' } },
  },
  claims: {
    verdict: 'locally-convergent',
    source: 'Mescheder et al. 2018, Theorem 4.1 (R_1 makes the equilibrium locally asymptotically stable)',
  },
});
