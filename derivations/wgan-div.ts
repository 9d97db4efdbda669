import { defineGame } from '../generator/game.js';
import { wassersteinActivation, ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'wgan-div',
  title: { en: 'WGAN-div', zh: 'WGAN-div' },
  summary: {
    en: 'WGAN with the Wasserstein-divergence penalty k E[|grad D|^p] (p = 6, k = 2 as in the paper): zero-centred like R1, but of sixth order, so it adds nothing to the Jacobian at the equilibrium. With p = 2 it would be a zero-centred penalty that converges.',
    zh: '带 Wasserstein 散度惩罚 k E[|grad D|^p]（与论文一样取 p = 6, k = 2）的 WGAN：与 R1 一样是零中心的，但为六阶，在均衡点处对雅可比矩阵没有贡献。若取 p = 2，它就是一个会收敛的零中心惩罚。',
  },
  sources: ['Wu et al., Wasserstein Divergence for GANs, ECCV 2018', 'the article, end of section 5'],
  activation: wassersteinActivation,
  objective: ganObjective(),
  regularisers: [
    { name: 'R_{div}', player: 'discriminator', weight: 'k', term: { over: 'interpolated', of: '(gradD(x)^2)^3' } },
  ],
  hyperparameters: {
    k: { default: 2, range: [0.1, 10], description: { en: 'weight of the divergence penalty', zh: '散度惩罚的权重' } },
  },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    flow: 'weakly-attracting',
    source: 'derived here: the penalty is O(phi^6) and leaves J(0, 0) that of WGAN',
  },
});
