import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'sga',
  title: { en: 'Symplectic gradient adjustment', zh: '辛梯度调整' },
  summary: {
    en: 'The gradient step adjusted by the antisymmetric part A = (J - J^T)/2 of the Jacobian: x <- x + h (v + lambda_a A v), with a fixed lambda_a (no sign alignment).',
    zh: '用 Jacobian 的反对称部分 A = (J - J^T)/2 调整的梯度步：x <- x + h (v + lambda_a A v)，lambda_a 固定（不做符号对齐）。',
  },
  sources: ['Balduzzi et al., The mechanics of n-player differentiable games, ICML 2018'],
  memory: [],
  hyperparameters: {
    lambda_a: { default: 1, range: [0.05, 10], description: { en: 'weight of the adjustment', zh: '调整项的权重' } },
  },
  step: ({ x }, m) => {
    const j = m.jacobian(x!);
    const antisymmetric = m.matrixSum(j, m.transpose(j), -1);
    const u = m.v(x!);
    return { x: m.add(x!, m.step(m.add(u, m.scale(m.scalars.div(m.p.lambda_a!, m.scalars.constant(2)), m.matrixTimes(antisymmetric, u))))) };
  },
});
