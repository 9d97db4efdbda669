import { defineGame } from '../generator/game.js';

export default defineGame({
  id: 'lsgan',
  title: { en: 'Least-squares GAN', zh: '最小二乘 GAN' },
  summary: {
    en: 'The discriminator regresses D to 1 on real and 0 on generated data, the generator pushes D towards 1 on its samples. The Jacobian at the equilibrium is nilpotent: both eigenvalues are 0, and the linearisation decides nothing.',
    zh: '判别器把 D 回归到真实数据上的 1 和生成数据上的 0，生成器把自己样本上的 D 推向 1。均衡点处的雅可比矩阵是幂零的：两个特征值都是 0，线性化无法判定收敛性。',
  },
  sources: ['Mao et al., Least Squares Generative Adversarial Networks, ICCV 2017'],
  activation: 'none',
  objectives: {
    generator: [{ over: 'generator', of: '(D(x) - 1)^2/2' }],
    discriminator: [{ over: 'data', of: '-(D(x) - 1)^2/2' }, { over: 'generator', of: '-D(x)^2/2' }],
  },
  claims: {
    verdict: 'inconclusive',
    eigenvalues: { re: '0', im: '0' },
    flow: 'lyapunov-stable',
    source: 'derived here: J(0, 0) = [[0, 1], [0, 0]]; no published Dirac-GAN eigenvalue result',
  },
});
