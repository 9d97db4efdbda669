import { defineGame } from '../generator/game.js';
import { ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'abstract-f',
  title: { en: 'Unregularised GAN, any activation f', zh: '无正则项的 GAN，任意激活函数 f' },
  summary: {
    en: 'The unregularised Dirac-GAN with the activation f left abstract: the derivation holds for every f with f\'(0) != 0, standard GAN and WGAN included.',
    zh: '激活函数 f 保持抽象的无正则 Dirac-GAN：推导对所有满足 f\'(0) ≠ 0 的 f 成立，包括标准 GAN 与 WGAN。',
  },
  sources: ['Mescheder, Geiger, Nowozin, ICML 2018, section 2 and Lemma 2.2'],
  slots: ['J-general', 'fig-dirac', 'D-def', 'eig-unreg'],
  activation: 'abstract',
  objective: ganObjective(),
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    invariant: 'theta^2 + phi^2',
    flow: 'exact-centre',
    source: 'Mescheder et al. 2018, Lemma 2.2; the article, section 2.2',
  },
});
