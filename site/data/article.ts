/**
 * The article companion: which derived formula or picture fills each of the article's slots
 * (generator/contract/article.ts, from shared/seed/equation-slots.md, says what fills each),
 * and our own short prose for each section. A game's record lists the slots it fills. A slot
 * without a game, or whose game has none of its formulas, stops the build: the test that
 * every slot is filled then says which.
 */
import type { ArticleSlot } from '../../generator/contract/article.js';
import { ARTICLE_SLOTS } from '../../generator/contract/article.js';
import type { Text } from '../../generator/contract/records.js';
import type { Game } from './game.js';

export type SlotContent =
  | { readonly kind: 'formulas'; readonly game: Game; readonly formulaIds: readonly string[] }
  | { readonly kind: 'trajectories'; readonly game: Game }
  | { readonly kind: 'dirac'; readonly game: Game };

export function slotContent(slot: ArticleSlot, games: readonly Game[]): SlotContent {
  const game = games.find((g) => g.record.slots.includes(slot.id));
  if (!game) throw new Error(`article slot '${slot.id}': no derivation lists it in its slots`);
  const content: SlotContent = { ...slot.fill, game };
  if (content.kind === 'formulas') {
    const missing = content.formulaIds.filter((id) => !game.record.formulas.some((f) => f.id === id));
    if (missing.length === content.formulaIds.length) throw new Error(`article slot '${slot.id}': ${game.id} has none of the formulas ${content.formulaIds.join(', ')}`);
  }
  return content;
}

/**
 * The set-ups of the paper's own figures (its public Dirac-GAN code: WGAN's clip, the weights
 * of the penalties), which a figure slot draws instead of the project's defaults: the game to
 * draw where it is another than the slot's (the clipped WGAN), its hyperparameters, and a note
 * saying so. The slot's game page, one click away, draws the project's defaults.
 */
export interface PaperSetup {
  readonly game?: string;
  readonly values: Readonly<Record<string, number>>;
  readonly note: Text;
}

export const PAPER_SETUPS: Readonly<Record<string, PaperSetup>> = {
  'fig-wgan': {
    game: 'wgan-clip',
    values: { c: 0.3 },
    note: {
      en: 'As in the paper’s experiment, the discriminator is clipped to |φ| ≤ 0.3 after every step (the game “WGAN with weight clipping” at c = 0.3); without the clip the discrete steps spiral outwards.',
      zh: '与论文的实验一致，每一步之后把判别器裁剪到 |φ| ≤ 0.3（即 c = 0.3 的“带权重裁剪的 WGAN”）；不裁剪时，离散的训练步会螺旋向外发散。',
    },
  },
  'fig-wgangp': {
    values: { gamma: 1 },
    note: {
      en: 'As in the paper’s experiment, the penalty’s weight is γ = 1. The experiment also moves the penalty’s target from |∇D| = 1 to 0.3, which this game keeps at 1.',
      zh: '与论文的实验一致，惩罚的权重为 γ = 1。该实验还把惩罚的目标从 |∇D| = 1 改为 0.3，本博弈仍保持为 1。',
    },
  },
  'fig-co': { values: { gamma: 0.3 }, note: { en: 'As in the paper’s experiment, γ = 0.3.', zh: '与论文的实验一致，γ = 0.3。' } },
  'fig-zc': { values: { gamma: 0.3 }, note: { en: 'As in the paper’s experiment, γ = 0.3.', zh: '与论文的实验一致，γ = 0.3。' } },
};

/** What each slot shows, in Chinese (the English is ARTICLE_SLOTS' `shows`). */
export const SLOT_SHOWS_ZH: Readonly<Record<string, string>> = {
  'J-general': '两人博弈梯度矢量场的雅可比矩阵',
  'fig-dirac': 'Dirac-GAN 的设定：数据在 x = 0，生成样本在 x = θ',
  'D-def': '线性判别器与激活函数的复合',
  'f-sigmoid': '原始 GAN 的激活函数',
  'f-wgan': 'WGAN 的激活函数',
  'gan-loss': '标准 GAN 的目标函数',
  'gan-dirac': '标准 GAN 在 Dirac-GAN 上的目标函数',
  'gan-field': '标准 GAN 的矢量场',
  'fig-gan': '标准 GAN 的轨迹',
  'wgan-loss': 'WGAN 的目标函数',
  'wgan-dirac': 'WGAN 在 Dirac-GAN 上的目标函数',
  'wgan-field': 'WGAN 的矢量场',
  'fig-wgan': 'WGAN 的轨迹',
  'eig-unreg': '任意激活函数下均衡点处的特征值',
  'wgangp-loss': 'WGAN-GP 的目标函数',
  'wgangp-dirac': 'WGAN-GP 在 Dirac-GAN 上的目标函数',
  'wgangp-field': 'WGAN-GP 的矢量场',
  'fig-wgangp': 'WGAN-GP 的轨迹',
  'co-loss': '一致优化的目标函数',
  'co-dirac': '一致优化在 Dirac-GAN 上的目标函数',
  'co-field': '一致优化的矢量场',
  'fig-co': '一致优化的轨迹',
  'r1-loss': '在真实数据上的零中心梯度惩罚',
  'r2-loss': '在生成数据上的零中心梯度惩罚',
  'zc-dirac': '两种零中心惩罚在 Dirac-GAN 上的目标函数',
  'zc-field': '带零中心惩罚的矢量场',
  'fig-zc': '带零中心惩罚的轨迹',
};

/** The companion page's own words, used only when the page is built (so not in the page
 * script, which carries STRINGS): its introduction, the summary, the link to a game at the
 * project's defaults. */
export const ARTICLE_TEXT = {
  intro: {
    en: (title: string, author: string): string =>
      `The article ${title} by ${author} walks through the Dirac-GAN game by game, but its equations and figures were images that are lost. Below, every missing piece is filled in, in the article’s order, with what this project derives; each box links to the game it comes from.`,
    zh: (title: string, author: string): string =>
      `${author} 的文章${title}逐个博弈地考察 Dirac-GAN，但文中的公式和图原是图片，已经缺失。下面按文章顺序补上每一处空缺，内容来自本项目的推导；每一项都链接到它所属的博弈。`,
  },
  atDefaults: {
    en: (game: string): string => `${game} at this project’s defaults →`,
    zh: (game: string): string => `按本项目默认参数查看${game} →`,
  },
  summaryTitle: { en: 'Summary', zh: '小结' },
  summary: {
    en: 'Every objective of the article, with what the linearisation at the equilibrium says and what the flow does beyond it. Without a penalty the eigenvalues are purely imaginary for any activation with f′(0) ≠ 0, and the linearisation decides nothing: the standard GAN and the WGAN orbit the equilibrium forever. WGAN-GP has no Jacobian at the equilibrium; at the default γ its trajectories near it end on a periodic orbit. Consensus optimisation and the zero-centred penalties R1 and R2 give the eigenvalues a negative real part: they converge, in continuous time and with a small enough learning rate.',
    zh: '文章中的每个目标函数，以及均衡点处线性化的结论和线性化之外流的行为。没有惩罚项时，只要激活函数满足 f′(0) ≠ 0，特征值就是纯虚数，线性化什么也判定不了：标准 GAN 和 WGAN 永远绕着均衡点旋转。WGAN-GP 在均衡点处没有雅可比矩阵；在默认的 γ 下，其附近的轨迹最终落在一条周期轨道上。一致优化以及零中心惩罚 R1 和 R2 使特征值获得负实部：在连续时间中、以及学习率足够小时，它们都收敛。',
  },
} as const;

/** Our heading and a few sentences of our own for each section of the article. */
export const SECTIONS: Readonly<Record<string, { readonly title: Text; readonly prose: Text }>> = {
  intro: {
    title: { en: 'The Jacobian decides', zh: '雅可比矩阵决定收敛' },
    prose: {
      en: 'Gradient training of a GAN follows a vector field v in the parameters of both players. The convention here: the generator (parameters θ) minimises its objective L_G and the discriminator (parameters φ) maximises its own L_D, so v = (−∂L_G/∂θ, ∂L_D/∂φ), and a training step moves the parameters along +v. Near an equilibrium the field behaves like its linearisation: with a small enough learning rate training converges when every eigenvalue of the Jacobian of v has a negative real part. Which objectives achieve that is a question about this matrix.',
      zh: 'GAN 的梯度训练沿着两个参与者参数空间中的矢量场 v 前进。本文的约定：生成器（参数 θ）最小化它的目标 L_G，判别器（参数 φ）最大化它的目标 L_D，因此 v = (−∂L_G/∂θ, ∂L_D/∂φ)，每一步训练让参数沿 +v 移动。在均衡点附近，矢量场的行为由线性化决定：学习率足够小时，只要 v 的雅可比矩阵的所有特征值实部为负，训练就收敛。哪些目标函数能做到这一点，归结为这个矩阵的问题。',
    },
  },
  '1': {
    title: { en: 'The Dirac-GAN', zh: 'Dirac-GAN' },
    prose: {
      en: 'The smallest game that still shows the problem: one real sample at 0, a generator with one parameter θ that places its sample at θ, and a discriminator with one parameter φ, D(x) = φx. Each sample enters the objective through the activation f applied to the discriminator’s output, f(D(x)) = f(φx): the objective is L(θ, φ) = f(φθ) + f(0), and the choice of f selects the GAN variant. Where f′ never vanishes, as for every f of the article, the only equilibrium is (θ, φ) = (0, 0): the field v = (−φ f′(φθ), θ f′(φθ)) is zero there and nowhere else.',
      zh: '仍能暴露问题的最小博弈：真实样本只有 0 处一个点，生成器只有一个参数 θ，把样本放在 θ；判别器只有一个参数 φ，D(x) = φx。每个样本通过作用在判别器输出上的激活函数 f 进入目标函数，即 f(D(x)) = f(φx)：目标函数为 L(θ, φ) = f(φθ) + f(0)，选择不同的 f 就得到不同的 GAN。只要 f′ 处处不为零（本文的每个 f 都如此），唯一的均衡点就是 (θ, φ) = (0, 0)：矢量场 v = (−φ f′(φθ), θ f′(φθ)) 只在那里为零。',
    },
  },
  '2.1': {
    title: { en: 'Standard GAN', zh: '标准 GAN' },
    prose: {
      en: 'With the activation of the original GAN, the field rotates around the equilibrium. The eigenvalues at (0, 0) are purely imaginary, so the linearisation does not decide; the nonlinear analysis does: the flow conserves θ² + φ², so every orbit is a closed circle around (0, 0) and the continuous dynamics never settle.',
      zh: '使用原始 GAN 的激活函数，矢量场绕着均衡点旋转。(0, 0) 处的特征值是纯虚数，线性化无法判定；非线性分析给出答案：流守恒 θ² + φ²，每条轨道都是绕 (0, 0) 的闭合圆，连续动力学永远不会停下。',
    },
  },
  '2.2': {
    title: { en: 'WGAN', zh: 'WGAN' },
    prose: {
      en: 'The Wasserstein GAN takes the linear activation f(t) = t and asks the discriminator to be 1-Lipschitz, which the original WGAN enforces by clipping its weights after every step; on the Dirac-GAN that is |φ| ≤ c (the paper’s experiment clips at c = 0.3; the game “WGAN with weight clipping” has the clipped steps, and the slots below show the unclipped objective and field, which the clip does not change near (0, 0)). Without the clip the linear activation gives the same picture as the standard GAN, and the derivation with f kept abstract shows why: for every activation with f′(0) ≠ 0 the eigenvalues at the equilibrium are ±f′(0)i, with no real part, so the linearisation alone cannot pull the iterates in. For this objective the flow conserves θ² + φ² for any f: closed orbits. The non-saturating GAN has the same eigenvalues, yet its flow converges, slowly, because f″(0) < 0 (its game page shows the Lyapunov coefficient).',
      zh: 'Wasserstein GAN 取线性激活 f(t) = t，并要求判别器是 1-Lipschitz 的；原始 WGAN 在每一步之后裁剪判别器的权重来保证这一点，在 Dirac-GAN 上就是 |φ| ≤ c（论文的实验取 c = 0.3；“带权重裁剪的 WGAN”这一博弈给出裁剪后的训练步，下面各项展示未裁剪的目标函数和矢量场，在 (0, 0) 附近裁剪并不改变它们）。不裁剪时，线性激活得到与标准 GAN 同样的图景。保持 f 抽象的推导说明了原因：只要 f′(0) ≠ 0，均衡点处的特征值就是 ±f′(0)i，没有实部，仅靠线性化无法把迭代拉向均衡点。对这个目标函数，流对任意 f 都守恒 θ² + φ²：轨道是闭的。非饱和 GAN 的特征值相同，但因为 f″(0) < 0，它的流会缓慢收敛（其博弈页给出 Lyapunov 系数）。',
    },
  },
  '3': {
    title: { en: 'WGAN-GP', zh: 'WGAN-GP' },
    prose: {
      en: 'The gradient penalty pulls |∇D| towards 1 at points x̂ = t·x + (1 − t)·x̃ between a real sample x and a generated one x̃, with t uniform in [0, 1]; p_x̂ is the distribution of these points. On the Dirac-GAN ∇D = φ everywhere, so the penalty is (γ/2)(|φ| − 1)² whatever p_x̂ is. On the Dirac-GAN that term contains |φ|, which has no derivative at the equilibrium, so there is no Jacobian there to speak of. The piecewise-smooth (Filippov) analysis of the kink φ = 0 finds a whole segment of equilibria around (0, 0), which repel; at the default γ an attracting periodic orbit surrounds that segment (found with a Poincaré return map), and trajectories near it circle on it instead of converging to an equilibrium.',
      zh: '梯度惩罚在真实样本 x 与生成样本 x̃ 之间的点 x̂ = t·x + (1 − t)·x̃（t 在 [0, 1] 上均匀分布）处把 |∇D| 拉向 1；p_x̂ 是这些点的分布。在 Dirac-GAN 上处处有 ∇D = φ，因此无论 p_x̂ 如何，惩罚都是 (γ/2)(|φ| − 1)²。在 Dirac-GAN 上这一项含有 |φ|，它在均衡点处不可导，因此那里没有雅可比矩阵可言。对折线 φ = 0 的分段光滑（Filippov）分析给出 (0, 0) 周围一整段均衡点，它们是排斥的；在默认的 γ 下，有一条吸引周期轨道环绕该线段（由 Poincaré 回归映射求得），其附近的轨迹沿它绕行，而不收敛到均衡点。',
    },
  },
  '4': {
    title: { en: 'Consensus optimisation', zh: '一致优化' },
    prose: {
      en: 'Adding γ times half the squared norm of the field to both objectives gives the eigenvalues a negative real part for every γ > 0. The field becomes longer to write, but the iterates spiral into (0, 0) when the learning rate is small enough.',
      zh: '在两个目标函数中加入 γ 乘以矢量场范数平方的一半，对任意 γ > 0 特征值都获得负实部。矢量场写起来更长，但学习率足够小时迭代会螺旋收敛到 (0, 0)。',
    },
  },
  '5': {
    title: { en: 'Zero-centred gradient penalties', zh: '零中心梯度惩罚' },
    prose: {
      en: 'Penalising the discriminator’s input gradient towards 0 instead of 1, on real data (R1) or on generated data (R2), adds −γφ to the discriminator’s field. On the Dirac-GAN both penalties give the same objective and the same convergent dynamics.',
      zh: '把判别器对输入的梯度惩罚向 0 而不是 1，无论施加在真实数据上（R1）还是生成数据上（R2），都在判别器的矢量场中加入 −γφ。在 Dirac-GAN 上两种惩罚给出相同的目标函数和相同的收敛动力学。',
    },
  },
};

/** The article's sections in order, each with its slots. */
export function sections(): { readonly id: string; readonly slots: ArticleSlot[] }[] {
  const out: { id: string; slots: ArticleSlot[] }[] = [];
  for (const slot of ARTICLE_SLOTS) {
    const last = out[out.length - 1];
    if (last && last.id === slot.section) last.slots.push(slot);
    else out.push({ id: slot.section, slots: [slot] });
  }
  return out;
}
