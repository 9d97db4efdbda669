import { defineGame } from '../generator/game.js';

export default defineGame({
  id: 'hinge',
  title: { en: 'Hinge-loss GAN', zh: '合页损失 GAN' },
  summary: {
    en: 'The discriminator maximises min(0, D - 1) on generated and min(0, -D - 1) on real samples, the generator minimises D on its own. The loss has kinks where D = +-1, but not at the equilibrium, where the game is locally WGAN.',
    zh: '判别器在生成样本上最大化 min(0, D - 1)，在真实样本上最大化 min(0, -D - 1)，生成器最小化自己样本上的 D。损失在 D = ±1 处有折点，但不在均衡点处；在均衡点附近它就是 WGAN。',
  },
  sources: ['Lim and Ye, Geometric GAN, 2017', 'Miyato et al., Spectral Normalization for GANs, ICLR 2018'],
  activation: 'none',
  objectives: {
    generator: [{ over: 'generator', of: 'D(x)' }],
    discriminator: [{ over: 'generator', of: 'min(0, D(x) - 1)' }, { over: 'data', of: 'min(0, -D(x) - 1)' }],
  },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: '1' },
    flow: 'exact-centre',
    source: 'derived here: near the equilibrium both min() are on their linear branch and the game is WGAN (Mescheder et al. 2018, section 3.1)',
  },
});
