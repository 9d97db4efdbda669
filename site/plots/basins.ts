/**
 * A basin of attraction: the start points of the phase portrait's box, each a square coloured
 * by where the method's iterates went from it (converged to (0, 0), diverged, or still
 * running at the end), one path per outcome; the equilibrium and the start (1, 1) marked.
 */
import type { Basin, Outcome } from '../data/basins.js';
import { FIELD_FRAME, fieldScales } from './field.js';
import { axes, escapeXml, legend, svgOpen } from './svg.js';

const { width: WIDTH, margin: MARGIN, side: SIDE } = FIELD_FRAME;

export interface BasinPicture {
  readonly id: string;
  /** The start points and where each run went (a method's basin, or a simulated method's from its record). */
  readonly basin: Pick<Basin, 'thetas' | 'phis' | 'outcomes'>;
  readonly title: string;
  readonly desc: string;
  readonly labels: { readonly theta: string; readonly phi: string; readonly outcomes: Readonly<Record<Outcome, string>>; readonly equilibrium: string };
}

export function basinSvg(pic: BasinPicture): string {
  const s = fieldScales();
  const { thetas, phis, outcomes } = pic.basin;
  const [dx, dy] = [Math.abs(s.x(thetas[1]!) - s.x(thetas[0]!)), Math.abs(s.y(phis[1]!) - s.y(phis[0]!))];
  // One square per start, centred on it; squares of one outcome in one path.
  const paths: Record<Outcome, string[]> = { converged: [], diverged: [], running: [] };
  thetas.forEach((theta, i) => phis.forEach((phi, k) => {
    const [x, y] = [s.x(theta) - dx / 2, s.y(phi) - dy / 2];
    paths[outcomes[i * phis.length + k]!].push(`M${x.toFixed(1)},${y.toFixed(1)}h${dx.toFixed(1)}v${dy.toFixed(1)}h${(-dx).toFixed(1)}Z`);
  }));
  const present = (['converged', 'diverged', 'running'] as const).filter((o) => paths[o].length > 0);
  const key = legend(present.map((o) => ({ label: pic.labels.outcomes[o], className: `basin-${o}`, swatch: 'area' as const })), MARGIN.left - 44, MARGIN.top + SIDE + MARGIN.bottom, WIDTH - MARGIN.left + 40);
  const height = Math.ceil(MARGIN.top + SIDE + MARGIN.bottom + key.height + 4);
  return [
    svgOpen(pic.id, WIDTH, height, pic.title, pic.desc, 'basin-plot'),
    ...present.map((o) => `<path class="basin-${o}" d="${paths[o].join('')}"/>`),
    axes(s.x, s.y, { xLabel: pic.labels.theta, yLabel: pic.labels.phi, zeroLines: true }),
    `<circle class="basin-equilibrium" cx="${s.x(0).toFixed(1)}" cy="${s.y(0).toFixed(1)}" r="4"><title>${escapeXml(pic.labels.equilibrium)}</title></circle>`,
    key.svg,
    '</svg>',
  ].join('');
}
