import { defineGame } from '../generator/game.js';
import { standardActivation, relativisticPairingObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'rpgan',
  title: { en: 'Relativistic pairing GAN (RpGAN)', zh: '相对配对 GAN (RpGAN)' },
  summary: {
    en: 'The relativistic pairing loss: the discriminator scores a generated sample against a real one, f(D(x_f) - D(x_r)), over independent pairs. On the Dirac-GAN the pair is (0, theta), and the game is the standard GAN without its constant data term.',
    zh: '相对配对损失：判别器在独立的样本对上比较生成样本与真实样本的得分，f(D(x_f) - D(x_r))。在 Dirac-GAN 上样本对为 (0, theta)，博弈即去掉常数数据项的标准 GAN。',
  },
  sources: [
    'Jolicoeur-Martineau, The relativistic discriminator: a key element missing from standard GAN, ICLR 2019',
    'Huang, Gokaslan, Kuleshov, Tompkin, The GAN is dead; long live the GAN! A Modern GAN Baseline, NeurIPS 2024, equation 2 (written, as there, in the convention of Mescheder et al. 2018)',
  ],
  activation: standardActivation,
  objective: relativisticPairingObjective,
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    invariant: 'theta^2 + phi^2',
    flow: 'exact-centre',
    source: 'derived here: on the Dirac-GAN the pair term is f(phi*theta), the standard GAN without its constant term',
  },
});
