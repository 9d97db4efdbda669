/**
 * The words the page script says (the live pictures' descriptions, legends and captions, the
 * buttons' messages), apart from the rest of i18n.ts: assets/site.<lang>.js bundles these
 * alone, not every phrase of the site. i18n.ts spreads them into `en` and `zh`, so the build
 * reads them under the same keys. And how the script writes numbers in them.
 */

/** A number for a caption or a label: at most `digits` significant digits, a real minus sign. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : '—';
  if (x === 0) return '0';
  const text = Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
  return text.replace('e+', 'e').replaceAll('-', '−');
}

export const point = (theta: number, phi: number): string => `(${num(theta)}, ${num(phi)})`;

export const clientEn = {
  copied: 'Copied',
  copyFailed: 'Copy failed',
  exportAs: (title: string, format: string) => `Download “${title}” as ${format}`,
  exportFailed: 'Failed',
  flow: 'continuous flow',
  simultaneous: 'simultaneous steps',
  alternating: 'alternating steps',
  fieldCaption: (h: string, steps: number, start: string) =>
    `Grey: direction of the vector field v(θ, φ), darker where it is faster (three bands of log |v| over the picture). From the start ${start}: the continuous flow (Dormand–Prince 5(4), adaptive) and ${steps} gradient steps with h = ${h}, simultaneous and alternating.`,
  fieldDesc: (game: string, start: string, ends: string) => `Phase portrait of ${game} on θ, φ ∈ [−2.5, 2.5]. From ${start}: ${ends}.`,
  endsAt: (what: string, where: string) => `${what} ends at ${where}`,
  escapes: (what: string, k: number) => `${what} leaves the picture and diverges after ${k} ${k === 1 ? 'step' : 'steps'}`,
  reaches: (what: string, k: number) => `${what} reaches (0, 0) after ${k} ${k === 1 ? 'step' : 'steps'}`,
  stops: (what: string, k: number) => `${what} is drawn for its first ${k === 1 ? 'step' : `${k} steps`} only: integrating it further would take too long (a stiff field, or one that jumps)`,
  extraDesc: (starts: string, ends: readonly string[]) => ` Drawn lighter, the same runs from ${starts}: ${ends.join('; ')}.`,
  extraCaption: ' Lighter: the same runs from four more starts on the axes.',
  extraEnds: (what: string, ended: number, range: readonly [string, string], diverged: number) => {
    const where = range[0] === range[1] ? range[0] : `${range[0]} to ${range[1]}`;
    const ends = ended > 0 ? `${ended === 1 ? '1 run ends' : `${ended} runs end`} ${where} from (0, 0)` : '';
    const escapes = diverged > 0 ? `${diverged} ${diverged === 1 ? 'diverges' : 'diverge'}` : '';
    return `${what}: ${[ends, escapes].filter(Boolean).join(', ')}`;
  },
  re: 'Re',
  im: 'Im',
  unitCircle: 'unit circle',
  eigenTitle: (game: string) => `Eigenvalues of the update maps of ${game} at (0, 0)`,
  eigenCaption: (h: string) =>
    `Eigenvalues of the update maps linearised at (0, 0) with h = ${h}, against the unit circle (left), and magnified where the circle passes nearest the largest one (right). The iterates converge when every eigenvalue lies inside (ρ < 1). Simultaneous steps: 1 + hλ.`,
  eigenZoom: 'magnified',
  eigenDesc: (parts: string) => `Complex plane with the unit circle. ${parts}.`,
  rhoOf: (method: string, rho: string) => `${method}: ρ = ${rho}`,
  marksAt: (symbol: string, value: string, isDefault: boolean) => `${symbol} = ${value}${isDefault ? ' (default)' : ''}`,
};

export type ClientStrings = typeof clientEn;

export const clientZh: ClientStrings = {
  copied: '已复制',
  copyFailed: '复制失败',
  exportAs: (title: string, format: string) => `将“${title}”下载为 ${format}`,
  exportFailed: '失败',
  flow: '连续流',
  simultaneous: '同时更新',
  alternating: '交替更新',
  fieldCaption: (h: string, steps: number, start: string) =>
    `灰色：矢量场 v(θ, φ) 的方向，颜色越深处 |v| 越大（按 log |v| 在图中分为三档）。从起点 ${start} 出发：连续流（Dormand–Prince 5(4) 自适应积分），以及学习率 h = ${h} 的 ${steps} 步同时更新与交替更新。`,
  fieldDesc: (game: string, start: string, ends: string) => `${game} 在 θ, φ ∈ [−2.5, 2.5] 上的相图。从 ${start} 出发：${ends}。`,
  endsAt: (what: string, where: string) => `${what}终于 ${where}`,
  escapes: (what: string, k: number) => `${what}在 ${k} 步后离开图框并发散`,
  reaches: (what: string, k: number) => `${what}在 ${k} 步后到达 (0, 0)`,
  stops: (what: string, k: number) => `${what}只画出前 ${k} 步：继续积分耗时过长（刚性场，或有跳变的场）`,
  extraDesc: (starts: string, ends: readonly string[]) => `浅色线：从 ${starts} 出发的相同运行。${ends.join('；')}。`,
  extraCaption: '浅色线：从坐标轴上另外四个起点出发的相同运行。',
  extraEnds: (what: string, ended: number, range: readonly [string, string], diverged: number) => {
    const where = range[0] === range[1] ? range[0] : `${range[0]} 至 ${range[1]}`;
    return `${what}：${[ended > 0 ? `${ended} 条终点距 (0, 0) ${where}` : '', diverged > 0 ? `${diverged} 条发散` : ''].filter(Boolean).join('，')}`;
  },
  re: 'Re',
  im: 'Im',
  unitCircle: '单位圆',
  eigenTitle: (game: string) => `${game} 在 (0, 0) 处更新映射的特征值`,
  eigenCaption: (h: string) => `h = ${h} 时在 (0, 0) 处线性化的更新映射的特征值与单位圆（左），以及在单位圆离最大特征值最近处的放大图（右）。所有特征值都在圆内（ρ < 1）时迭代收敛。同时更新：1 + hλ。`,
  eigenZoom: '放大',
  eigenDesc: (parts: string) => `复平面与单位圆。${parts}。`,
  rhoOf: (method: string, rho: string) => `${method}：ρ = ${rho}`,
  marksAt: (symbol: string, value: string, isDefault: boolean) => `${symbol} = ${value}${isDefault ? '（默认）' : ''}`,
};
