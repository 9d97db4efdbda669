import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'adam',
  title: { en: 'Adam', zh: 'Adam' },
  summary: {
    en: 'Per parameter, moving averages of v and v^2 with bias correction: m <- beta1 m + (1 - beta1) v, s <- beta2 s + (1 - beta2) v^2, x <- x + h (m / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + eps).',
    zh: '逐参数地对 v 与 v^2 做带偏差校正的滑动平均：m <- beta1 m + (1 - beta1) v，s <- beta2 s + (1 - beta2) v^2，x <- x + h (m / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + eps)。',
  },
  sources: ['Kingma and Ba, Adam: a method for stochastic optimization, ICLR 2015'],
  // beta1^t and beta2^t are carried as memory (every coordinate the same), for the bias correction.
  memory: ['mean', 'meanSquare', 'beta1Power', 'beta2Power'],
  start: { mean: 0, meanSquare: 0, beta1Power: 1, beta2Power: 1 },
  hyperparameters: {
    beta1: { default: 0.5, range: [0, 0.99], description: { en: 'decay of the mean (0.5 as in DCGAN)', zh: '均值的衰减（与 DCGAN 相同取 0.5）' } },
    beta2: { default: 0.999, range: [0.9, 0.9999], description: { en: 'decay of the mean square', zh: '均方的衰减' } },
    eps: { default: 1e-8, range: [1e-12, 1e-3], description: { en: 'added to the root of the mean square', zh: '加在均方根上的小量' } },
  },
  notDifferentiable: {
    en: 'Adam divides by the root of its running mean square, which vanishes at the equilibrium: its update is not differentiable there, so it has no linearisation, and it is simulated instead.',
    zh: 'Adam 除以其滑动均方的平方根，而它在均衡点处为零：更新在那里不可微，没有线性化，因此改为模拟。',
  },
  step: ({ x, mean, meanSquare, beta1Power, beta2Power }, m) => {
    const s = m.scalars;
    const { beta1, beta2, eps } = m.p;
    const v = m.v(x!);
    const one = s.constant(1);
    const nextMean = m.add(m.scale(beta1!, mean!), m.scale(s.sub(one, beta1!), v));
    const nextSquare = m.add(m.scale(beta2!, meanSquare!), m.scale(s.sub(one, beta2!), v.map((vi) => s.mul(vi, vi))));
    const powers1 = m.scale(beta1!, beta1Power!);
    const powers2 = m.scale(beta2!, beta2Power!);
    const direction = nextMean.map((mi, i) => s.div(s.div(mi, s.sub(one, powers1[i]!)), s.add(s.sqrt(s.div(nextSquare[i]!, s.sub(one, powers2[i]!))), eps!)));
    return { x: m.add(x!, m.step(direction)), mean: nextMean, meanSquare: nextSquare, beta1Power: powers1, beta2Power: powers2 };
  },
});
