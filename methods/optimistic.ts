import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'optimistic',
  title: { en: 'Optimistic gradient', zh: '乐观梯度' },
  summary: {
    en: 'A gradient step corrected by the last one: x_{k+1} = x_k + 2h v(x_k) - h v(x_{k-1}).',
    zh: '用上一步修正的梯度步：x_{k+1} = x_k + 2h v(x_k) - h v(x_{k-1})。',
  },
  sources: ['Daskalakis, Ilyas, Syrgkanis, Zeng, Training GANs with optimism, ICLR 2018', 'Zhang and Yu, ICLR 2020, section 3'],
  memory: ['previous'],
  step: ({ x, previous }, m) => ({ x: m.add(x!, m.scale(2, m.step(m.v(x!))), m.scale(-1, m.step(m.v(previous!)))), previous: x! }),
});
