import { defineGame } from '../generator/game.js';
import { standardActivation, relativisticPairingObjective, r1Penalty, r2Penalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'rpgan-r1-r2',
  title: { en: 'RpGAN + R1 + R2 (R3GAN)', zh: 'RpGAN + R1 + R2 (R3GAN)' },
  summary: {
    en: 'The relativistic pairing loss with zero-centred gradient penalties on both real (R1) and generated (R2) samples: the regularised loss of R3GAN.',
    zh: '相对配对损失同时在真实样本 (R1) 与生成样本 (R2) 上施加零中心梯度惩罚：即 R3GAN 的正则化损失。',
  },
  sources: [
    'Huang, Gokaslan, Kuleshov, Tompkin, The GAN is dead; long live the GAN! A Modern GAN Baseline, NeurIPS 2024, section 2',
  ],
  activation: standardActivation,
  objective: relativisticPairingObjective,
  regularisers: [r1Penalty(), r2Penalty()],
  hyperparameters: {
    gamma: penaltyWeight({ en: 'weight of each gradient penalty', zh: '每个梯度惩罚的权重' }),
  },
  claims: {
    verdict: 'locally-convergent',
    flow: 'asymptotically-stable',
    source: 'derived here: on the Dirac-GAN R1 and R2 each add -gamma to J(0, 0)',
  },
});
