import { defineGame } from '../generator/game.js';
import { standardActivation, relativisticPairingObjective, r1Penalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'rpgan-r1',
  title: { en: 'RpGAN + R1', zh: 'RpGAN + R1' },
  summary: {
    en: 'The relativistic pairing loss with the zero-centred gradient penalty R1 on real data.',
    zh: '相对配对损失加上真实数据上的零中心梯度惩罚 R1。',
  },
  sources: [
    'Huang, Gokaslan, Kuleshov, Tompkin, The GAN is dead; long live the GAN! A Modern GAN Baseline, NeurIPS 2024, section 2',
    'Mescheder, Geiger, Nowozin, ICML 2018, section 4.1 (R₁)',
  ],
  activation: standardActivation,
  objective: relativisticPairingObjective,
  regularisers: [r1Penalty()],
  hyperparameters: { gamma: penaltyWeight() },
  claims: {
    verdict: 'locally-convergent',
    source: 'derived here: R1 adds -gamma to J(0, 0) as it does for the standard GAN (Mescheder et al. 2018, Theorem 4.1)',
  },
});
