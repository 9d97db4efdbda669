import { defineGame } from '../generator/game.js';
import { standardActivation } from '../generator/pieces.js';

// The paper writes a critic C that is large on real data; in the convention of Mescheder et
// al. (2018) that the other games follow, D = -C is large on generated samples, and
// log(sigmoid(t)) = f(t). Its discriminator's loss -E[log sigmoid(C(x_r) - E C(x_f))] -
// E[log(1 - sigmoid(C(x_f) - E C(x_r)))] is then minus the objective below, and its
// generator's loss the same with real and generated samples swapped.
export default defineGame({
  id: 'ragan',
  title: { en: 'Relativistic average GAN (RaSGAN)', zh: '相对平均 GAN (RaSGAN)' },
  summary: {
    en: "The relativistic average loss: each sample is scored against the mean score of the other distribution, and the generator's objective swaps the roles of real and generated samples. Not zero-sum.",
    zh: '相对平均损失：每个样本的得分与另一分布的平均得分相比较，生成器的目标函数交换真实样本与生成样本的角色。非零和博弈。',
  },
  sources: ['Jolicoeur-Martineau, The relativistic discriminator: a key element missing from standard GAN, ICLR 2019, section 4.3 (RaSGAN)'],
  activation: standardActivation,
  objectives: {
    generator: [{ over: 'generator', of: '-f(Edata(D(x)) - D(x))' }, { over: 'data', of: '-f(D(x) - Egenerator(D(x)))' }],
    discriminator: [{ over: 'data', of: 'f(Egenerator(D(x)) - D(x))' }, { over: 'generator', of: 'f(D(x) - Edata(D(x)))' }],
  },
  claims: {
    verdict: 'purely-imaginary',
    eigenvalues: { re: '0', im: '2*df(0)' },
    flow: 'weakly-attracting',
    source: 'derived here: at the equilibrium both terms of each objective contribute alike, so its Jacobian is the standard GAN\'s with f\'(0) doubled; its generator is non-saturating, and, like NS-GAN\'s, the nonlinear terms draw the flow in',
  },
});
