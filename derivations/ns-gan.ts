import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, nonSaturatingGeneratorObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'ns-gan',
  title: { en: 'Non-saturating GAN', zh: '非饱和 GAN' },
  summary: {
    en: "The generator's objective of the standard GAN replaced by the non-saturating one, -E[f(-D(G(z)))]: a different game, no longer zero-sum, with the same linearisation at the equilibrium.",
    zh: '把标准 GAN 中生成器的目标换成非饱和形式 -E[f(-D(G(z)))]：不再是零和博弈，但在均衡点处的线性化与标准 GAN 相同。',
  },
  sources: ['Goodfellow et al., Generative Adversarial Nets, NIPS 2014 (the non-saturating objective)', 'Mescheder, Geiger, Nowozin, ICML 2018, section 2'],
  activation: standardActivation,
  objectives: { generator: nonSaturatingGeneratorObjective, discriminator: ganObjective() },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    flow: 'weakly-attracting',
    source: 'Mescheder et al. 2018, section 2: the Jacobian at the equilibrium is that of the standard GAN',
  },
});
