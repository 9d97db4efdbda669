import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, draganPenalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'dragan',
  title: { en: 'DRAGAN', zh: 'DRAGAN' },
  summary: {
    en: "The standard GAN with a penalty pulling the norm of D's input gradient towards 1 around the real data. On Dirac-GAN the gradient is phi everywhere, so the penalty is WGAN-GP's (|phi| - 1)^2, with its kink at the equilibrium.",
    zh: '标准 GAN 加上在真实数据附近把 D 的输入梯度范数拉向 1 的惩罚。在 Dirac-GAN 中梯度处处为 phi，惩罚就是 WGAN-GP 的 (|phi| - 1)^2，在均衡点处同样有折点。',
  },
  sources: ['Kodali et al., On Convergence and Stability of GANs, 2017'],
  activation: standardActivation,
  objective: ganObjective(),
  regularisers: [draganPenalty()],
  hyperparameters: { gamma: penaltyWeight() },
  claims: {
    verdict: 'not-differentiable',
    flow: 'filippov-equilibria',
    source: 'derived here: the penalty contains |phi|, as WGAN-GP does (Mescheder et al. 2018, section 3.2)',
  },
});
