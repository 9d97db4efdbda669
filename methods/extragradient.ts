import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'extragradient',
  title: { en: 'Extragradient', zh: '外梯度' },
  summary: {
    en: 'A gradient step to a look-ahead point, then the step from x with the field there: x <- x + h v(x + h v(x)).',
    zh: '先走一步到前瞻点，再用该点的向量场从 x 出发走一步：x <- x + h v(x + h v(x))。',
  },
  sources: ['Korpelevich, The extragradient method for finding saddle points, 1976', 'Zhang and Yu, ICLR 2020, section 3'],
  memory: [],
  step: ({ x }, m) => ({ x: m.add(x!, m.step(m.v(m.add(x!, m.step(m.v(x!)))))) }),
});
