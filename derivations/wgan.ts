import { defineGame } from '../generator/game.js';
import { wassersteinActivation, ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'wgan',
  title: { en: 'WGAN', zh: 'WGAN' },
  summary: {
    en: 'Wasserstein GAN: the activation is the identity, f(t) = t. Near the equilibrium phi is small, so the Lipschitz constraint is inactive and is left out, as in the article.',
    zh: 'Wasserstein GAN：激活函数为恒等函数 f(t) = t。在均衡点附近 phi 很小，Lipschitz 约束不起作用，因此与原文一样略去。',
  },
  sources: ['Arjovsky, Chintala, Bottou, Wasserstein GAN, ICML 2017', 'Mescheder, Geiger, Nowozin, ICML 2018, section 2'],
  slots: ['f-wgan', 'wgan-loss', 'wgan-dirac', 'wgan-field', 'fig-wgan'],
  activation: wassersteinActivation,
  objective: ganObjective(),
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    invariant: 'theta^2 + phi^2',
    flow: 'exact-centre',
    source: 'Mescheder et al. 2018, Lemma 2.2; the article, section 2.2',
  },
});
