import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'momentum',
  title: { en: 'Heavy-ball momentum', zh: '重球动量' },
  summary: {
    en: 'A gradient step plus beta times the last step: x_{k+1} = x_k + h v(x_k) + beta (x_k - x_{k-1}).',
    zh: '梯度步加上 beta 倍的上一步：x_{k+1} = x_k + h v(x_k) + beta (x_k - x_{k-1})。',
  },
  sources: ['Polyak 1964', 'Gidel et al., Negative momentum for improved game dynamics, AISTATS 2019'],
  memory: ['previous'],
  hyperparameters: {
    beta: { default: -0.5, range: [-1, 1], description: { en: 'momentum', zh: '动量' } },
  },
  step: ({ x, previous }, m) => ({ x: m.add(x!, m.step(m.v(x!)), m.scale(m.p.beta!, m.sub(x!, previous!))), previous: x! }),
});
