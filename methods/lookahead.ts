import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'lookahead',
  title: { en: 'Lookahead', zh: 'Lookahead' },
  summary: {
    en: 'k gradient steps of fast weights from x, then x moves a fraction alpha of the way to where they ended: x <- x + alpha (y_k - x).',
    zh: '快权重从 x 出发走 k 步梯度，然后 x 向其终点移动 alpha 的比例：x <- x + alpha (y_k - x)。',
  },
  sources: ['Zhang, Lucas, Hinton, Ba, Lookahead optimizer, NeurIPS 2019', 'Chavdarova et al., Taming GANs with lookahead-minmax, ICLR 2021'],
  memory: [],
  hyperparameters: {
    alpha: { default: 0.5, range: [0.05, 1], description: { en: 'fraction of the way the slow weights move', zh: '慢权重移动的比例' } },
  },
  counts: {
    k: { default: 5, range: [1, 10], description: { en: 'fast steps per slow step', zh: '每个慢步的快步数' } },
  },
  step: ({ x }, m) => {
    let y = x!;
    for (let i = 0; i < m.counts.k!; i++) y = m.add(y, m.step(m.v(y)));
    return { x: m.add(x!, m.scale(m.p.alpha!, m.sub(y, x!))) };
  },
});
