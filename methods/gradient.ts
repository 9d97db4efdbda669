import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'gradient',
  title: { en: 'Gradient descent', zh: '梯度下降' },
  summary: {
    en: 'Each player takes a gradient step on its own objective: x <- x + h v(x).',
    zh: '每个参与者在自己的目标上走一步梯度：x <- x + h v(x)。',
  },
  sources: ['Mescheder, Nowozin, Geiger, The numerics of GANs, NeurIPS 2017, section 3', 'Zhang and Yu, Convergence of gradient methods on bilinear zero-sum games, ICLR 2020, section 3'],
  memory: [],
  step: ({ x }, m) => ({ x: m.add(x!, m.step(m.v(x!))) }),
});
