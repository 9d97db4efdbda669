import { defineMethod } from '../generator/method.js';

export default defineMethod({
  id: 'cgd',
  title: { en: 'Competitive gradient descent', zh: '竞争梯度下降' },
  summary: {
    en: 'Each player steps to the Nash equilibrium of the bilinear approximation of the game at x: with B and C the Jacobian blocks of v between the players, dx_G = h_G (I - h_G h_D B C)^-1 (v_G + h_D B v_D) and likewise for the discriminator.',
    zh: '每个参与者走到博弈在 x 处双线性近似的 Nash 均衡：B、C 为 v 在两参与者之间的 Jacobian 分块，dx_G = h_G (I - h_G h_D B C)^-1 (v_G + h_D B v_D)，判别器同理。',
  },
  sources: ['Schafer and Anandkumar, Competitive gradient descent, NeurIPS 2019'],
  memory: [],
  step: ({ x }, m) => {
    const s = m.scalars;
    const u = m.v(x!);
    const j = m.jacobian(x!);
    const [hG, hD] = [m.rate('generator'), m.rate('discriminator')];
    const b = m.block(j, 'generator', 'discriminator');
    const c = m.block(j, 'discriminator', 'generator');
    const [vG, vD] = [m.part(u, 'generator'), m.part(u, 'discriminator')];
    const dG = m.scale(hG, m.solve(m.matrixSum(m.identity(vG.length), m.matrixProduct(b, c), s.mul(s.constant(-1), hG, hD)), m.add(vG, m.scale(hD, m.matrixTimes(b, vD)))));
    const dD = m.scale(hD, m.solve(m.matrixSum(m.identity(vD.length), m.matrixProduct(c, b), s.mul(s.constant(-1), hG, hD)), m.add(vD, m.scale(hG, m.matrixTimes(c, vG)))));
    return { x: m.add(x!, m.join({ generator: dG, discriminator: dD })) };
  },
});
