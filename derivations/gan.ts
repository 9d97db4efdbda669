import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'gan',
  title: { en: 'Standard GAN', zh: '标准 GAN' },
  summary: {
    en: 'The original GAN objective of Goodfellow et al., written with f(t) = -log(1 + e^{-t}) as in Mescheder et al. (2018).',
    zh: 'Goodfellow 等人的原始 GAN 目标函数，按 Mescheder 等人 (2018) 的写法取 f(t) = -log(1 + e^{-t})。',
  },
  sources: ['Goodfellow et al., Generative Adversarial Nets, NIPS 2014', 'Mescheder, Geiger, Nowozin, Which Training Methods for GANs do actually Converge?, ICML 2018, section 2'],
  slots: ['f-sigmoid', 'gan-loss', 'gan-dirac', 'gan-field', 'fig-gan'],
  activation: standardActivation,
  objective: ganObjective(),
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: 'df(0)' },
    invariant: 'theta^2 + phi^2',
    flow: 'exact-centre',
    source: 'Mescheder et al. 2018, Lemma 2.2; the article, section 2.2',
  },
});
