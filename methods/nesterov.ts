import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'nesterov',
  title: { en: 'Nesterov momentum', zh: 'Nesterov 动量' },
  summary: {
    en: 'The momentum step taken first, the gradient step from there: y = x_k + beta (x_k - x_{k-1}), x_{k+1} = y + h v(y).',
    zh: '先走动量步，再从那里走梯度步：y = x_k + beta (x_k - x_{k-1})，x_{k+1} = y + h v(y)。',
  },
  sources: ['Nesterov, A method of solving a convex programming problem with convergence rate O(1/k^2), 1983', 'Gidel et al., AISTATS 2019'],
  memory: ['previous'],
  hyperparameters: {
    beta: { default: 0.5, range: [-1, 1], description: { en: 'momentum', zh: '动量' } },
  },
  step: ({ x, previous }, m) => {
    const y = m.add(x!, m.scale(m.p.beta!, m.sub(x!, previous!)));
    return { x: m.add(y, m.step(m.v(y))), previous: x! };
  },
});
