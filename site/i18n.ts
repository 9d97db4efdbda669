/**
 * The site's own words in English and Chinese. Titles, summaries, formula labels and
 * hyperparameter descriptions come from the derivation records; everything else a page or a
 * picture says is here, under one key per phrase, so both languages always have the same keys.
 * Shared by the build and the page (the legends of the live pictures).
 */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };
export const LANG_NAME: Record<Lang, string> = { en: 'English', zh: '中文' };

const en = {
  siteTitle: 'Dirac-GAN dynamics',
  siteTagline: 'Which GAN training methods converge, derived symbolically on the Dirac-GAN',
  navGames: 'All games',
  navArticle: 'Article companion',
  switchTo: '中文',
  switchLabel: 'Read this page in Chinese',
  skip: 'Skip to content',

  indexIntro:
    'Each row is one game on the Dirac-GAN of Mescheder, Geiger and Nowozin (ICML 2018): a single data point at 0, a generator that puts its sample at θ, and a linear discriminator D(x) = φx. The formulas are derived from the game’s objective by the project’s generator; the pictures and numbers are computed from the generated evaluators.',
  indexTableCaption: 'Every game at its equilibrium (θ, φ) = (0, 0)',
  colGame: 'Game',
  colEigen: 'Eigenvalues of the Jacobian at (0, 0)',
  colContinuous: 'Continuous time',
  colMethod: { simultaneous: 'Simultaneous steps', alternating: 'Alternating steps' },
  anyF: 'any f',
  thisF: 'this f',
  atDefaults: 'at the defaults',
  numericNote:
    'Columns marked ≈ are computed numerically from the generated evaluators: the spectral radius ρ of the update map linearised at (0, 0), at the default hyperparameters, with one discriminator step per generator step for alternating steps.',
  convergesBelow: (h: string) => `ρ < 1 for h < ${h}`,
  neverStable: 'ρ ≥ 1 for every h > 0',
  discrete: {
    'converges-below-bound': (h: string) => `for h < ${h}`,
    'cycles-below-bound': (h: string) => `|μ| = 1 for h < ${h}: the iterates cycle`,
    'never-converges': () => 'ρ ≥ 1 for every h > 0',
    undecided: () => 'the linearisation does not decide',
    'converges-for-all-h': () => 'for every h',
  } as Record<string, (h: string) => string>,
  discreteShort: {
    'converges-below-bound': 'converges',
    'cycles-below-bound': 'cycles',
    'never-converges': 'no convergence',
    undecided: 'undecided',
    'converges-for-all-h': 'converges',
  } as Record<string, string>,
  formulaKey: { bound: 'Largest stable learning rate', map: 'Update map at the equilibrium', eigenvalues: 'Its eigenvalues', spectralRadius: 'Spectral radius' } as Record<string, string>,
  method: 'Method',
  onThisPage: 'On this page',
  trainingLink: 'Update maps, eigenvalues and learning-rate bounds of every method',
  trainingTitle: (game: string) => `${game}: training in discrete time`,
  longFormula: (n: number) => `This formula is ${n} characters of LaTeX, too long to typeset readably here: copy it, or read the source.`,
  texSource: 'LaTeX source',
  verdictCol: 'Verdict',
  how: 'How',
  hyperparameters: 'Hyperparameters',
  notDifferentiableShort: 'no Jacobian at (0, 0)',
  noDiscrete: 'no linearised update map, no learning-rate bound',
  largestStep: 'largest stable learning rate',
  spectralRadius: 'spectral radius',

  verdict: {
    'locally-convergent': 'converges locally',
    'purely-imaginary': 'does not converge: purely imaginary eigenvalues',
    unstable: 'unstable',
    'not-differentiable': 'not differentiable at the equilibrium',
    inconclusive: 'inconclusive',
  } as Record<string, string>,
  verdictShort: {
    'locally-convergent': 'converges',
    'purely-imaginary': 'circles',
    unstable: 'diverges',
    'not-differentiable': 'no Jacobian',
    inconclusive: 'inconclusive',
  } as Record<string, string>,
  reasonInEnglish: '',

  sources: 'Sources',
  fillsSlots: 'Fills the article’s slots',
  formulas: 'Derivation',
  formulasIntro:
    'From the general objective of each player to the eigenvalues at the equilibrium. “Any f” keeps the activation abstract (f′, f″ are its derivatives); “this f” substitutes the game’s activation.',
  generic: 'any f',
  concrete: (f: string) => `with ${f}`,
  copyTex: 'Copy LaTeX',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  equilibrium: 'At the equilibrium',
  eigenAtDefaults: 'Eigenvalues at the default hyperparameters',
  verdictHeading: 'Verdict in continuous time',
  pictures: 'Pictures',
  explore: 'Explore',
  exploreIntro:
    'Move a slider and the trajectories and eigenvalues are recomputed in the page by the generated evaluators. Without JavaScript the pictures show the defaults.',
  learningRate: 'learning rate h',
  nD: 'discriminator steps per generator step n_D',
  steps: 'steps',
  startTheta: 'start θ₀',
  startPhi: 'start φ₀',
  methodLegend: 'Training method',
  methodBoth: 'both',
  methodName: { simultaneous: 'simultaneous', alternating: 'alternating' } as Record<string, string>,
  play: 'Animate the iterates',
  pause: 'Pause',
  reset: 'Reset',
  sampleActivation: (f: string) => `This game keeps f abstract; its pictures are drawn with ${f}.`,
  abstractNumbers: (f: string) => `† f is abstract: these numbers are for ${f}.`,
  discreteHeading: 'Discrete time: training methods',
  discreteIntro:
    'Gradient descent with learning rate h iterates an update map; near (0, 0) it is linear, and the iterates converge when all its eigenvalues lie inside the unit circle (spectral radius ρ < 1).',
  fromRecord: 'derived',
  numeric: '≈ numeric',

  // pictures
  theta: 'θ (generator)',
  phi: 'φ (discriminator)',
  flow: 'continuous flow',
  simultaneous: 'simultaneous steps',
  alternating: 'alternating steps',
  start: 'start',
  equilibriumPoint: 'equilibrium (0, 0)',
  fieldTitle: (game: string) => `Vector field and trajectories of ${game}`,
  fieldCaption: (h: string, steps: number, start: string) =>
    `Grey: direction of the vector field v(θ, φ). From the start ${start}: the continuous flow (RK4) and ${steps} gradient steps with h = ${h}, simultaneous and alternating.`,
  fieldDesc: (game: string, start: string, ends: string) => `Phase portrait of ${game} on θ, φ ∈ [−2.5, 2.5]. From ${start}: ${ends}.`,
  endsAt: (what: string, where: string) => `${what} ends at ${where}`,
  escapes: (what: string, k: number) => `${what} leaves the picture and diverges after ${k} steps`,
  re: 'Re',
  im: 'Im',
  unitCircle: 'unit circle',
  eigenTitle: (game: string) => `Eigenvalues of the update maps of ${game} at (0, 0)`,
  eigenCaption: (h: string) =>
    `Eigenvalues of the update maps linearised at (0, 0) with h = ${h}, against the unit circle (left), and magnified where the circle passes nearest the largest one (right). The iterates converge when every eigenvalue lies inside (ρ < 1). Simultaneous steps: 1 + hλ.`,
  eigenZoom: 'magnified',
  eigenDesc: (parts: string) => `Complex plane with the unit circle. ${parts}.`,
  rhoOf: (method: string, rho: string) => `${method}: ρ = ${rho}`,
  stabilityTitle: (game: string, method: string) => `Stability of ${method} steps of ${game} over the hyperparameter and the learning rate`,
  stabilityCaption: (method: string, nD: number | null) =>
    `Spectral radius ρ of the ${method} update map at (0, 0)${nD !== null ? ` (n_D = ${nD})` : ''} over the hyperparameter and the learning rate h (log scales). Thick line: ρ = 1; shaded: ρ ≥ 1, no convergence. Dot: the defaults.`,
  stabilityDesc: (method: string, summary: string) => `Map of where ${method} gradient steps converge. ${summary}`,
  stable: 'ρ < 1 (converges)',
  unstableRegion: 'ρ ≥ 1',
  rhoLevels: 'ρ = 0.9, 0.99',
  defaults: 'defaults',
  noLinearisation: (reason: string) => `No eigenvalue picture and no stability map: ${reason}`,
  diracTitle: 'The Dirac-GAN',
  diracCaption: 'Data at x = 0, the generator’s sample at x = θ, and the discriminator D(x) = φx; f applied to D gives the loss.',
  diracDesc: (theta: string, phi: string) => `A line x from −2.5 to 2.5 with the data point at 0, the generated point at θ = ${theta}, and the discriminator line D(x) = φx with φ = ${phi}.`,
  data: 'data x = 0',
  generated: 'generated x = θ',
  discriminatorLine: 'D(x) = φx',

  // article companion
  articleTitle: 'Article companion',
  articleIntro: (title: string, author: string) =>
    `The article ${title} by ${author} walks through the Dirac-GAN game by game, but its equations and figures were images that are lost. Below, every missing piece is filled in, in the article’s order, with what this project derives; each box links to the game it comes from.`,
  articleCite: 'Read the article',
  slotFrom: 'from',
  slot: 'Slot',
  footer: 'Formulas derived symbolically from each game’s objective; pictures computed from the generated evaluators at build time. Works offline.',
  papers: 'Mescheder, Nowozin, Geiger, The Numerics of GANs (NIPS 2017); Mescheder, Geiger, Nowozin, Which Training Methods for GANs do actually Converge? (ICML 2018).',
  notFound: 'Page not found',
};

export type Strings = typeof en;

const zh: Strings = {
  siteTitle: 'Dirac-GAN 动力学',
  siteTagline: '在 Dirac-GAN 上符号推导：哪些 GAN 训练方法能够收敛',
  navGames: '全部博弈',
  navArticle: '文章配套',
  switchTo: 'English',
  switchLabel: '阅读本页英文版',
  skip: '跳到正文',

  indexIntro:
    '每一行是 Dirac-GAN（Mescheder、Geiger、Nowozin，ICML 2018）上的一个博弈：数据只有 0 处的一个点，生成器把样本放在 θ，判别器是线性的 D(x) = φx。公式由本项目的生成器从博弈的目标函数推导而来；图与数值由生成的求值函数计算。',
  indexTableCaption: '各博弈在均衡点 (θ, φ) = (0, 0) 处',
  colGame: '博弈',
  colEigen: '均衡点 (0, 0) 处雅可比矩阵的特征值',
  colContinuous: '连续时间',
  colMethod: { simultaneous: '同时更新', alternating: '交替更新' },
  anyF: '任意 f',
  thisF: '具体 f',
  atDefaults: '默认超参数',
  numericNote:
    '标 ≈ 的列由生成的求值函数数值计算：在 (0, 0) 处线性化的更新映射的谱半径 ρ，取默认超参数；交替更新为每步生成器对应一步判别器。',
  convergesBelow: (h: string) => `h < ${h} 时 ρ < 1`,
  neverStable: '任意 h > 0 都有 ρ ≥ 1',
  discrete: {
    'converges-below-bound': (h: string) => `h < ${h} 时`,
    'cycles-below-bound': (h: string) => `h < ${h} 时 |μ| = 1：迭代绕圈`,
    'never-converges': () => '任意 h > 0 都有 ρ ≥ 1',
    undecided: () => '线性化无法判定',
    'converges-for-all-h': () => '任意 h',
  },
  discreteShort: {
    'converges-below-bound': '收敛',
    'cycles-below-bound': '绕圈',
    'never-converges': '不收敛',
    undecided: '无法判定',
    'converges-for-all-h': '收敛',
  },
  formulaKey: { bound: '最大稳定学习率', map: '均衡点处的更新映射', eigenvalues: '其特征值', spectralRadius: '谱半径' },
  method: '方法',
  onThisPage: '本页目录',
  trainingLink: '各方法的更新映射、特征值与学习率上界',
  trainingTitle: (game: string) => `${game}：离散时间训练`,
  longFormula: (n: number) => `该公式的 LaTeX 长达 ${n} 个字符，在此排版难以阅读：可复制，或查看源码。`,
  texSource: 'LaTeX 源码',
  verdictCol: '结论',
  how: '来源',
  hyperparameters: '超参数',
  notDifferentiableShort: '(0, 0) 处没有雅可比矩阵',
  noDiscrete: '没有线性化的更新映射，也没有学习率上界',
  largestStep: '最大稳定学习率',
  spectralRadius: '谱半径',

  verdict: {
    'locally-convergent': '局部收敛',
    'purely-imaginary': '不收敛：特征值为纯虚数',
    unstable: '不稳定',
    'not-differentiable': '均衡点处不可微',
    inconclusive: '无法判定',
  },
  verdictShort: {
    'locally-convergent': '收敛',
    'purely-imaginary': '绕圈',
    unstable: '发散',
    'not-differentiable': '无雅可比矩阵',
    inconclusive: '无法判定',
  },
  reasonInEnglish: '（推导给出的理由，英文）',

  sources: '出处',
  fillsSlots: '填入文章的空缺',
  formulas: '推导',
  formulasIntro: '从每个参与者的一般目标函数到均衡点处的特征值。“任意 f”保持激活函数抽象（f′、f″ 为其导数）；“具体 f”代入该博弈的激活函数。',
  generic: '任意 f',
  concrete: (f: string) => `代入 ${f}`,
  copyTex: '复制 LaTeX',
  copied: '已复制',
  copyFailed: '复制失败',
  equilibrium: '均衡点处',
  eigenAtDefaults: '默认超参数下的特征值',
  verdictHeading: '连续时间下的结论',
  pictures: '图',
  explore: '交互探索',
  exploreIntro: '拖动滑块，页面会用生成的求值函数重新计算轨迹与特征值。没有 JavaScript 时，图显示默认参数。',
  learningRate: '学习率 h',
  nD: '每步生成器对应的判别器步数 n_D',
  steps: '步数',
  startTheta: '起点 θ₀',
  startPhi: '起点 φ₀',
  methodLegend: '训练方法',
  methodBoth: '两者',
  methodName: { simultaneous: '同时更新', alternating: '交替更新' },
  play: '播放迭代动画',
  pause: '暂停',
  reset: '重置',
  sampleActivation: (f: string) => `该博弈保持 f 抽象；图中使用 ${f}。`,
  abstractNumbers: (f: string) => `† f 是抽象的：这些数值对应 ${f}。`,
  discreteHeading: '离散时间：训练方法',
  discreteIntro: '学习率为 h 的梯度下降是在迭代一个更新映射；在 (0, 0) 附近它是线性的，当其所有特征值都在单位圆内（谱半径 ρ < 1）时迭代收敛。',
  fromRecord: '推导',
  numeric: '≈ 数值',

  theta: 'θ（生成器）',
  phi: 'φ（判别器）',
  flow: '连续流',
  simultaneous: '同时更新',
  alternating: '交替更新',
  start: '起点',
  equilibriumPoint: '均衡点 (0, 0)',
  fieldTitle: (game: string) => `${game} 的矢量场与轨迹`,
  fieldCaption: (h: string, steps: number, start: string) =>
    `灰色：矢量场 v(θ, φ) 的方向。从起点 ${start} 出发：连续流（RK4），以及学习率 h = ${h} 的 ${steps} 步同时更新与交替更新。`,
  fieldDesc: (game: string, start: string, ends: string) => `${game} 在 θ, φ ∈ [−2.5, 2.5] 上的相图。从 ${start} 出发：${ends}。`,
  endsAt: (what: string, where: string) => `${what}终于 ${where}`,
  escapes: (what: string, k: number) => `${what}在 ${k} 步后离开图框并发散`,
  re: 'Re',
  im: 'Im',
  unitCircle: '单位圆',
  eigenTitle: (game: string) => `${game} 在 (0, 0) 处更新映射的特征值`,
  eigenCaption: (h: string) => `h = ${h} 时在 (0, 0) 处线性化的更新映射的特征值与单位圆（左），以及在单位圆离最大特征值最近处的放大图（右）。所有特征值都在圆内（ρ < 1）时迭代收敛。同时更新：1 + hλ。`,
  eigenZoom: '放大',
  eigenDesc: (parts: string) => `复平面与单位圆。${parts}。`,
  rhoOf: (method: string, rho: string) => `${method}：ρ = ${rho}`,
  stabilityTitle: (game: string, method: string) => `${game} 的${method}在超参数与学习率上的稳定性`,
  stabilityCaption: (method: string, nD: number | null) =>
    `${method}的更新映射在 (0, 0) 处的谱半径 ρ${nD !== null ? `（n_D = ${nD}）` : ''}，横轴为超参数，纵轴为学习率 h（对数坐标）。粗线：ρ = 1；阴影：ρ ≥ 1，不收敛。圆点：默认值。`,
  stabilityDesc: (method: string, summary: string) => `${method}收敛区域图。${summary}`,
  stable: 'ρ < 1（收敛）',
  unstableRegion: 'ρ ≥ 1',
  rhoLevels: 'ρ = 0.9, 0.99',
  defaults: '默认值',
  noLinearisation: (reason: string) => `没有特征值图和稳定性图：${reason}`,
  diracTitle: 'Dirac-GAN',
  diracCaption: '数据在 x = 0，生成样本在 x = θ，判别器 D(x) = φx；对 D 施加 f 得到损失。',
  diracDesc: (theta: string, phi: string) => `x 轴从 −2.5 到 2.5：数据点在 0，生成点在 θ = ${theta}，判别器直线 D(x) = φx，φ = ${phi}。`,
  data: '数据 x = 0',
  generated: '生成 x = θ',
  discriminatorLine: 'D(x) = φx',

  articleTitle: '文章配套',
  articleIntro: (title: string, author: string) =>
    `${author} 的文章${title}逐个博弈地考察 Dirac-GAN，但文中的公式和图原是图片，已经缺失。下面按文章顺序补上每一处空缺，内容来自本项目的推导；每一项都链接到它所属的博弈。`,
  articleCite: '阅读原文',
  slotFrom: '来自',
  slot: '空缺',
  footer: '公式由各博弈的目标函数符号推导；图在构建时由生成的求值函数计算。可离线使用。',
  papers: 'Mescheder, Nowozin, Geiger, The Numerics of GANs (NIPS 2017)；Mescheder, Geiger, Nowozin, Which Training Methods for GANs do actually Converge? (ICML 2018)。',
  notFound: '页面不存在',
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

/** A number for a caption or a label: at most `digits` significant digits, a real minus sign. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : '—';
  if (x === 0) return '0';
  const text = Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
  return text.replace('-', '−');
}

export const point = (theta: number, phi: number): string => `(${num(theta)}, ${num(phi)})`;
