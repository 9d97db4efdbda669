import { defineGame } from '../generator/game.js';
import { standardActivation, ganObjective } from '../generator/pieces.js';

export default defineGame({
  id: 'gan-instance-noise',
  title: { en: 'Standard GAN + instance noise', zh: '标准 GAN + 实例噪声' },
  summary: {
    en: 'Gaussian noise of standard deviation σ added to real and generated samples before the discriminator sees them; the field is an expectation over the noise.',
    zh: '在判别器看到样本之前，给真实样本和生成样本都加上标准差为 σ 的高斯噪声；矢量场是对噪声的期望。',
  },
  sources: ['Sønderby et al., Amortised MAP Inference for Image Super-resolution, ICLR 2017 (instance noise)', 'Mescheder, Geiger, Nowozin, ICML 2018, section 3.3'],
  activation: standardActivation,
  objective: ganObjective({ noise: 'sigma' }),
  hyperparameters: {
    sigma: { default: 0.5, range: [0.05, 3], description: { en: 'standard deviation of the instance noise', zh: '实例噪声的标准差' } },
  },
  claims: {
    verdict: 'locally-convergent',
    eigenvalues: { re: 'sigma^2*d2f(0)', im: 'sqrt(df(0)^2 - sigma^4*d2f(0)^2)' },
    source: 'Mescheder et al. 2018, section 3.3 (instance noise: eigenvalues with negative real part when f\'\'(0) < 0)',
  },
});
