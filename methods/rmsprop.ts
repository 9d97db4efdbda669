import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'rmsprop',
  title: { en: 'RMSProp', zh: 'RMSProp' },
  summary: {
    en: 'Per parameter, the step divided by the root of a moving average of v^2: s <- rho s + (1 - rho) v^2, x <- x + h v / (sqrt(s) + eps).',
    zh: '逐参数地把步长除以 v^2 滑动平均的平方根：s <- rho s + (1 - rho) v^2，x <- x + h v / (sqrt(s) + eps)。',
  },
  sources: ['Tieleman and Hinton, Lecture 6.5, RMSProp, COURSERA: Neural networks for machine learning, 2012'],
  memory: ['meanSquare'],
  start: { meanSquare: 0 },
  hyperparameters: {
    rho: { default: 0.99, range: [0.5, 0.9999], description: { en: 'decay of the mean square', zh: '均方的衰减' } },
    eps: { default: 1e-8, range: [1e-12, 1e-3], description: { en: 'added to the root of the mean square', zh: '加在均方根上的小量' } },
  },
  notDifferentiable: {
    en: 'RMSProp divides by the root of its running mean square, which vanishes at the equilibrium: its update is not differentiable there, so it has no linearisation, and it is simulated instead.',
    zh: 'RMSProp 除以其滑动均方的平方根，而它在均衡点处为零：更新在那里不可微，没有线性化，因此改为模拟。',
  },
  step: ({ x, meanSquare }, m) => {
    const s = m.scalars;
    const { rho, eps } = m.p;
    const v = m.v(x!);
    const nextSquare = m.add(m.scale(rho!, meanSquare!), m.scale(s.sub(s.constant(1), rho!), v.map((vi) => s.mul(vi, vi))));
    return { x: m.add(x!, m.step(v.map((vi, i) => s.div(vi, s.add(s.sqrt(nextSquare[i]!), eps!))))), meanSquare: nextSquare };
  },
});
