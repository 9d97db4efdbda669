import { defineGame } from '../generator/game.js';
import { wassersteinActivation, ganObjective, wganLipschitzPenalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'wgan-lp',
  title: { en: 'WGAN-LP', zh: 'WGAN-LP' },
  summary: {
    en: 'WGAN with a one-sided penalty that only punishes input-gradient norms above 1. Near the equilibrium the gradient norm |phi| is below 1, the penalty vanishes, and the game is WGAN.',
    zh: '只惩罚大于 1 的输入梯度范数的单侧惩罚 WGAN。在均衡点附近梯度范数 |phi| 小于 1，惩罚为零，博弈就是 WGAN。',
  },
  sources: ['Petzka, Fischer, Lukovnikov, On the Regularization of Wasserstein GANs, ICLR 2018'],
  activation: wassersteinActivation,
  objective: ganObjective(),
  regularisers: [wganLipschitzPenalty()],
  hyperparameters: {
    gamma: penaltyWeight({ en: 'weight of the one-sided penalty', zh: '单侧惩罚的权重' }),
  },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    flow: 'exact-centre',
    source: 'derived here: the penalty is zero where |phi| < 1, so locally the game is WGAN (Mescheder et al. 2018, section 3.1)',
  },
});
