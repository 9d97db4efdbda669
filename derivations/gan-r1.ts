import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, r1Penalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'gan-r1',
  title: { en: 'Standard GAN + R1', zh: '标准 GAN + R1' },
  summary: {
    en: 'A zero-centred gradient penalty on real data: the discriminator is penalised for the squared norm of its input gradient there.',
    zh: '在真实数据上施加零中心梯度惩罚：判别器对输入的梯度范数的平方受到惩罚。',
  },
  sources: ['Mescheder, Geiger, Nowozin, ICML 2018, section 4.1 (R₁)'],
  slots: ['r1-loss', 'zc-dirac', 'zc-field', 'fig-zc'],
  activation: standardActivation,
  objective: ganObjective(),
  regularisers: [r1Penalty()],
  hyperparameters: { gamma: penaltyWeight() },
  claims: {
    verdict: 'locally-convergent',
    source: 'Mescheder et al. 2018, Theorem 4.1 and section 4.1; the article, section 5',
  },
});
