/**
 * The words of the section "Beyond the linearisation" in English and Chinese: the verdicts of
 * the flow, the analyses they rest on, and one sentence per verdict composed from the record's
 * structured data (pages/nonlinear.ts passes the formulas typeset and the numbers formatted).
 * The record's own `reason` is English and is never shown on a Chinese page.
 * The sentences' own words contain no markup characters; their arguments are markup already.
 */
import type { NonlinearVerdict } from '../generator/contract/records.js';
import type { Analysis } from './data/nonlinear.js';
import type { Lang } from './i18n.js';

/** A verdict's arguments, typeset: each is present when the record has the formula. */
export type Args = Readonly<Record<string, string | undefined>>;

const en = {
  heading: 'Beyond the linearisation: what the flow does',
  intro:
    'Where the eigenvalues of J at an equilibrium have a zero real part, or J does not exist, the linearisation decides nothing: the nonlinear terms do. Each equilibrium the generator found, with the verdict of the flow and the analyses it rests on; “any f” keeps the activation abstract, “this f” substitutes it.',
  flowFact: 'The flow (nonlinear analysis)',
  linearFact: 'The linearisation at (0, 0)',
  colFlow: 'The flow at (0, 0)',
  colLinear: 'Linearisation at (0, 0)',
  restsOn: 'Rests on:',
  verdict: {
    'asymptotically-stable': 'converges, exponentially',
    unstable: 'unstable',
    'exact-centre': 'exact centre: closed orbits',
    'weakly-attracting': 'weakly attracting: converges, slowly',
    'weakly-repelling': 'weakly repelling: drifts away, slowly',
    'sign-condition': 'decided by the sign of a formula in f',
    'centre-undecided': 'centre, undecided',
    'line-of-equilibria': 'a line of equilibria that attracts',
    'lyapunov-stable': 'stable, not attracting',
    'filippov-equilibria': 'a segment of equilibria on a kink',
    conditional: 'only where a derivative of f (under noise, its mean) vanishes',
    undecided: 'undecided',
  } as Record<NonlinearVerdict, string>,
  periodicOrbit: 'attracting periodic orbit',
  analysis: {
    'factored solve': 'the equilibria solved in closed form',
    'interval count': 'a certified interval count of the equilibria',
    linearisation: 'the linearisation',
    'conserved quadratic form': 'a conserved quadratic form',
    'Lyapunov function': 'a Lyapunov function',
    LaSalle: 'LaSalle’s invariance principle',
    'Lyapunov coefficients': 'the Lyapunov coefficients',
    'flow box': 'the flow-box theorem',
    Filippov: 'Filippov’s convex combination on the kink',
    'Poincare map': 'a Poincaré return map, computed',
    'affine return map': 'the return map of the two affine half-planes, in closed form',
  } as Record<Analysis, string>,
  whereHeading: {
    point: (p: string) => `At ${p}`,
    line: (l: string) => `On the line ${l}`,
    'switching-line': (l: string) => `On the switching line ${l}`,
    conditional: (c: string) => `Where ${c}`,
  } as Record<string, (x: string) => string>,
  clipNote: 'The clip acts on training steps, not on this flow.',
  listJoin: ', ',
  stop: '.',
  sentence: {
    'asymptotically-stable': (a: Args) =>
      `The linearisation decides: ${a.signs}, so both eigenvalues have a negative real part and trajectories near it converge exponentially${a.rate ? `, at the rate ${a.rate}` : ''}.`,
    unstable: (a: Args) => `The linearisation decides: ${a.saddle ? `${a.determinant}, a saddle` : `${a.trace}, a source`}; trajectories near it leave.`,
    'exact-centre': (a: Args) =>
      `Purely imaginary eigenvalues: the linearisation does not decide. The flow conserves ${a.conservedQuantity}, identically, so every orbit near ${a.at} is closed: trajectories circle it for ever, neither converging nor drifting away.`,
    'weakly-attracting': (a: Args) =>
      `Purely imaginary eigenvalues: the linearisation does not decide. The first non-zero Lyapunov coefficient is ${a.coefficient}, negative, so trajectories converge, algebraically: ${a.rateLaw} with ${a.quadraticForm} and ${a.rateConstant}.${a.lyapunov ? ` ${a.H} is a Lyapunov function, ${a.lyapunov}, zero only on lines the flow crosses, so by LaSalle every trajectory converges to the equilibrium.` : ''}`,
    'weakly-repelling': (a: Args) =>
      `Purely imaginary eigenvalues: the linearisation does not decide. The first non-zero Lyapunov coefficient is ${a.coefficient}, positive, so trajectories near it drift away, algebraically, with ${a.quadraticForm}.`,
    'sign-condition': (a: Args) =>
      a.coefficient
        ? `Purely imaginary eigenvalues: the linearisation does not decide. The Lyapunov coefficient ${a.coefficient} does: weakly attracting when it is negative, weakly repelling when it is positive${a.next ? `; where it vanishes, ${a.next} decides` : ''}.`
        : `The determinant is positive and the sign of the trace decides, ${a.trace}: asymptotically stable when it is negative, unstable when it is positive, and a centre for the nonlinear terms to decide when it is zero.`,
    'centre-undecided': () => 'Purely imaginary eigenvalues, every Lyapunov coefficient computed vanishes, and no conserved quadratic form was found: undecided.',
    'line-of-equilibria': (a: Args) =>
      `Every point of ${a.line} is an equilibrium. Across the line the eigenvalue is ${a.transversal}, and ${a.distance}: trajectories near the line end at a point of it; none of them is asymptotically stable.`,
    'lyapunov-stable': (a: Args) =>
      `Both eigenvalues are 0 here, but the field is ${a.factor} times a field ${a.reduced} that does not vanish here, so each orbit near it is an arc ending on the line of equilibria, at a point that moves continuously with the start: stable, not attracting. To leading order the end point is ${a.endPoint}.`,
    'filippov-equilibria': (a: Args) =>
      `${a.line} is a kink of the field. ${a.kind === 'escaping' ? 'Between' : 'On the segment between'} ${a.end1} and ${a.end2} ${a.kind === 'escaping' ? 'both one-sided fields point away from the line, an escaping segment' : a.kind === 'sliding' ? 'both one-sided fields point towards the line, a sliding segment' : 'the one-sided fields meet'}${a.normals ? ` (their components across it: ${a.normals})` : ''}; Filippov’s sliding field vanishes on it, so every point of it${a.origin ? ', (0, 0) included,' : ''} is an equilibrium${a.kind === 'escaping' ? ', and an unstable one' : ''}. Outside it trajectories cross the line.${a.orbit ? ` At the defaults a periodic orbit surrounds the segment: ${a.orbit}, with period ${a.period} and multiplier ${a.multiplier}, below 1, so it attracts the trajectories near it, which end on it rather than at an equilibrium.` : ''}${a.closedForm ? ` Each one-sided field is affine, with its equilibrium on the line a focus, so each half-turn takes exactly π/ω, ω the imaginary part of that field’s eigenvalues, and the orbit is known in closed form: ${a.closedForm}, where ${a.condition}.` : ''}${a.end ? ` Followed across the hyperparameter, the orbit closes onto the ends of the segment and the family ends at ${a.end}; beyond it no orbit surrounds the segment.` : ''}`,
    conditional: (a: Args) => `Other equilibria can only be where ${a.factor} (a component of the field vanishes there; the other must too): none for an activation whose derivative has no zero.`,
    undecided: () => 'Undecided.',
  } as Record<NonlinearVerdict, (a: Args) => string>,
  orbitsCaption: (p: string) => `The periodic orbit around the segment as ${p} varies, the other hyperparameters at their defaults: where it crosses the line on each side, its period and its multiplier (below 1: it attracts).`,
  orbitCols: { value: 'value', from: 'θ from', to: 'θ to', period: 'period', multiplier: 'multiplier' },
  noOrbit: 'no periodic orbit: trajectories do not return to the line',
  orbitsTitle: (game: string, p: string) => `Period and amplitude of the periodic orbit of ${game} against ${p}`,
  orbitsFigureCaption: (p: string) => `Left: the period T of the periodic orbit; right: its amplitude, the largest θ on it; against ${p}, from the return map. Diamonds on the axis: values with no orbit; a dashed line: where the family of orbits ends.`,
  orbitsEnd: (p: string, value: string) => `the family of orbits ends at ${p} = ${value}`,
  periodLabel: 'period T',
  amplitudeLabel: 'largest θ',
  endPointsCaption: 'Where trajectories end, from a few starts (computed):',
  endPointsCols: { start: 'start (θ, φ)', end: 'end (θ, φ)' },
};

export type NonlinearStrings = typeof en;

const zh: NonlinearStrings = {
  heading: '线性化之外：流的真实行为',
  intro:
    '当均衡点处 J 的特征值实部为零，或 J 不存在时，线性化无法判定，要由非线性项决定。下面是生成器找到的每个均衡点、流在那里的结论以及结论所依据的分析；“任意 f”保持激活函数抽象，“具体 f”代入该博弈的激活函数。',
  flowFact: '流的结论（非线性分析）',
  linearFact: '(0, 0) 处的线性化',
  colFlow: '(0, 0) 处的流',
  colLinear: '(0, 0) 处的线性化',
  restsOn: '依据：',
  verdict: {
    'asymptotically-stable': '指数收敛',
    unstable: '不稳定',
    'exact-centre': '精确中心：闭轨道',
    'weakly-attracting': '弱吸引：缓慢收敛',
    'weakly-repelling': '弱排斥：缓慢远离',
    'sign-condition': '由 f 的某个公式的符号决定',
    'centre-undecided': '中心，无法判定',
    'line-of-equilibria': '吸引的均衡点直线',
    'lyapunov-stable': '稳定但不吸引',
    'filippov-equilibria': '折线上的均衡点线段',
    conditional: '仅在 f 的某阶导数（有噪声时为其均值）为零处',
    undecided: '无法判定',
  },
  periodicOrbit: '吸引的周期轨道',
  analysis: {
    'factored solve': '均衡点的闭式解',
    'interval count': '均衡点的区间计数（有证明）',
    linearisation: '线性化',
    'conserved quadratic form': '守恒的二次型',
    'Lyapunov function': 'Lyapunov 函数',
    LaSalle: 'LaSalle 不变性原理',
    'Lyapunov coefficients': 'Lyapunov 系数',
    'flow box': '流盒定理',
    Filippov: '折线上的 Filippov 凸组合',
    'Poincare map': '数值计算的 Poincaré 回归映射',
    'affine return map': '两个仿射半平面的回归映射（闭式）',
  },
  whereHeading: {
    point: (p: string) => `在 ${p} 处`,
    line: (l: string) => `在直线 ${l} 上`,
    'switching-line': (l: string) => `在切换线 ${l} 上`,
    conditional: (c: string) => `在 ${c} 处`,
  },
  clipNote: '截断只作用于训练步，不作用于这里的流。',
  listJoin: '、',
  stop: '。',
  sentence: {
    'asymptotically-stable': (a: Args) =>
      `线性化可以判定：${a.signs}，两个特征值实部都为负，附近的轨迹指数收敛${a.rate ? `，速率为 ${a.rate}` : ''}。`,
    unstable: (a: Args) => `线性化可以判定：${a.saddle ? `${a.determinant}，是鞍点` : `${a.trace}，是源点`}；附近的轨迹会离开。`,
    'exact-centre': (a: Args) =>
      `特征值为纯虚数：线性化无法判定。流恒等地守恒 ${a.conservedQuantity}，因此 ${a.at} 附近的每条轨道都是闭的：轨迹永远绕着它转，既不收敛也不远离。`,
    'weakly-attracting': (a: Args) =>
      `特征值为纯虚数：线性化无法判定。第一个非零的 Lyapunov 系数是 ${a.coefficient}，为负，因此轨迹收敛，但只是代数速度：${a.rateLaw}，其中 ${a.quadraticForm}，${a.rateConstant}。${a.lyapunov ? `${a.H} 是 Lyapunov 函数：${a.lyapunov}，只在流会穿过的直线上为零，由 LaSalle 原理，每条轨迹都收敛到均衡点。` : ''}`,
    'weakly-repelling': (a: Args) =>
      `特征值为纯虚数：线性化无法判定。第一个非零的 Lyapunov 系数是 ${a.coefficient}，为正，因此附近的轨迹以代数速度缓慢远离，其中 ${a.quadraticForm}。`,
    'sign-condition': (a: Args) =>
      a.coefficient
        ? `特征值为纯虚数：线性化无法判定，由 Lyapunov 系数 ${a.coefficient} 决定：为负时弱吸引，为正时弱排斥${a.next ? `；它为零时由 ${a.next} 决定` : ''}。`
        : `行列式为正，由迹 ${a.trace} 的符号决定：为负时渐近稳定，为正时不稳定，为零时是中心，要由非线性项决定。`,
    'centre-undecided': () => '特征值为纯虚数，算出的 Lyapunov 系数全为零，也没有找到守恒的二次型：无法判定。',
    'line-of-equilibria': (a: Args) =>
      `${a.line} 上的每一点都是均衡点。垂直于该直线的特征值是 ${a.transversal}，且 ${a.distance}：直线附近的轨迹终于直线上的某一点；其中没有一点是渐近稳定的。`,
    'lyapunov-stable': (a: Args) =>
      `这里两个特征值都是 0，但矢量场等于 ${a.factor} 乘以在此处不为零的场 ${a.reduced}，因此附近的每条轨道都是一段终于均衡点直线的弧，终点随起点连续变化：稳定但不吸引。终点的首阶近似为 ${a.endPoint}。`,
    'filippov-equilibria': (a: Args) =>
      `${a.line} 是矢量场的折线。在 ${a.end1} 与 ${a.end2} 之间${a.kind === 'escaping' ? '两侧的场都指离该线，是逃逸段' : a.kind === 'sliding' ? '两侧的场都指向该线，是滑动段' : '两侧的场在此相接'}${a.normals ? `（两侧的场垂直于该线的分量：${a.normals}）` : ''}；Filippov 滑动场在其上为零，因此其上每一点${a.origin ? '（包括 (0, 0)）' : ''}都是均衡点${a.kind === 'escaping' ? '，且不稳定' : ''}。在此线段之外，轨迹穿过该线。${a.orbit ? `默认参数下，一条周期轨道环绕该线段：${a.orbit}，周期 ${a.period}，乘子 ${a.multiplier} 小于 1，因此它吸引附近的轨迹，轨迹终于这条轨道，而不是均衡点。` : ''}${a.closedForm ? `两侧的场都是仿射的，其在该线上的均衡点是焦点，因此每半圈恰好用时 π/ω（ω 为该侧场的特征值的虚部），周期轨道有闭式解：${a.closedForm}，条件为 ${a.condition}。` : ''}${a.end ? `随超参数变化，这条轨道收缩到线段的两端，整族轨道终止于 ${a.end}；此后再没有环绕该线段的轨道。` : ''}`,
    conditional: (a: Args) => `其他均衡点只可能在 ${a.factor} 处（那里向量场的一个分量为零，另一个分量也须为零）：若激活函数的该阶导数没有零点，则没有。`,
    undecided: () => '无法判定。',
  },
  orbitsCaption: (p: string) => `环绕线段的周期轨道随 ${p} 的变化（其余超参数取默认值）：它在两侧穿过该线的位置、周期与乘子（小于 1：吸引）。`,
  orbitCols: { value: '取值', from: 'θ 自', to: 'θ 至', period: '周期', multiplier: '乘子' },
  noOrbit: '没有周期轨道：轨迹不再回到该线',
  orbitsTitle: (game: string, p: string) => `${game} 的周期轨道的周期与振幅随 ${p} 的变化`,
  orbitsFigureCaption: (p: string) => `左：周期轨道的周期 T；右：其振幅，即轨道上最大的 θ；横轴为 ${p}，由回归映射计算。轴上的菱形：没有周期轨道的取值；虚线：这族轨道终止之处。`,
  orbitsEnd: (p: string, value: string) => `这族轨道终止于 ${p} = ${value}`,
  periodLabel: '周期 T',
  amplitudeLabel: '最大 θ',
  endPointsCaption: '从几个起点出发的轨迹终点（数值计算）：',
  endPointsCols: { start: '起点 (θ, φ)', end: '终点 (θ, φ)' },
};

export const NONLINEAR: Record<Lang, NonlinearStrings> = { en, zh };
