import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective, consensusPenalty, penaltyWeight } from '../generator/pieces.js';

export default defineGame({
  id: 'gan-consensus',
  title: { en: 'Standard GAN + consensus optimisation', zh: '标准 GAN + 一致优化' },
  summary: {
    en: 'Both players also descend gamma times half the squared norm of the vector field, which pulls the dynamics towards points where the field vanishes.',
    zh: '两个参与者都额外下降 gamma 乘以矢量场范数平方的一半，把动力学拉向矢量场为零的点。',
  },
  sources: ['Mescheder, Nowozin, Geiger, The Numerics of GANs, NIPS 2017', 'Mescheder, Geiger, Nowozin, ICML 2018, section 3.3'],
  slots: ['co-loss', 'co-dirac', 'co-field', 'fig-co'],
  activation: standardActivation,
  objective: ganObjective(),
  regularisers: [consensusPenalty()],
  hyperparameters: {
    gamma: penaltyWeight({ en: 'weight of the consensus regulariser', zh: '一致优化正则项的权重' }),
  },
  claims: {
    verdict: 'locally-convergent',
    eigenvalues: { re: '-gamma*df(0)^2', im: 'df(0)' },
    source: 'Mescheder et al. 2017, section 4; the article, section 4',
  },
});
