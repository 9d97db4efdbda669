import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, nonSaturatingGeneratorObjective, r1Penalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'ns-gan-r1',
  title: { en: 'Non-saturating GAN + R1', zh: '非饱和 GAN + R1' },
  summary: {
    en: 'The non-saturating GAN with the zero-centred gradient penalty on real data: the combination Mescheder et al. train their image models with.',
    zh: '非饱和 GAN 加上真实数据上的零中心梯度惩罚：Mescheder 等人训练图像模型时用的组合。',
  },
  sources: ['Mescheder, Geiger, Nowozin, ICML 2018, section 4.1 and section 5'],
  activation: standardActivation,
  objectives: { generator: nonSaturatingGeneratorObjective, discriminator: ganObjective() },
  regularisers: [r1Penalty()],
  hyperparameters: { gamma: penaltyWeight() },
  claims: {
    verdict: 'locally-convergent',
    source: 'Mescheder et al. 2018, Theorem 4.1 (R_1 makes the equilibrium locally asymptotically stable)',
  },
});
