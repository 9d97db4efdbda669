import { defineGame } from '../generator/game.js';

export default defineGame({
  id: 'gan-r2',
  title: { en: 'Standard GAN + R2', zh: '标准 GAN + R2' },
  summary: {
    en: 'A zero-centred gradient penalty on generated data: the discriminator is penalised for the squared norm of its input gradient there.',
    zh: '在生成数据上施加零中心梯度惩罚：判别器对输入的梯度范数的平方受到惩罚。',
  },
  sources: ['Mescheder, Geiger, Nowozin, ICML 2018, section 4.1 (R_2)'],
  slots: ['r2-loss'],
  activation: { definition: '-log(1 + exp(-t))' },
  discriminator: 'phi*x',
  objectives: {
    generator: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(x))' }],
    discriminator: [{ over: 'generator', of: 'f(D(x))' }, { over: 'data', of: 'f(-D(x))' }],
  },
  regularisers: [
    { kind: 'expectation', name: 'R_2', player: 'discriminator', weight: 'gamma/2', term: { over: 'generator', of: 'gradD(x)^2' } },
  ],
  hyperparameters: {
    gamma: { default: 0.3, range: [0.05, 10], description: { en: 'weight of the gradient penalty', zh: '梯度惩罚的权重' } },
  },
  claims: {
    verdict: 'locally-convergent',
    source: 'Mescheder et al. 2018, Theorem 4.1 and section 4.1; the article, section 5',
  },
});
