/**
 * The Dirac-GAN itself (Mescheder et al. 2018, section 2): on the line x, the data point at 0,
 * the generated point at theta, and the discriminator D(x) = phi * x drawn over it. The page
 * moves the generated point and the line while it animates the iterates.
 */
import { scaleLinear } from './scale.js';
import type { Scale } from './scale.js';
import { axes, legend, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

const WIDTH = 420;
const MARGIN = { top: 10, right: 12, bottom: 46, left: 54 };
const PLOT_HEIGHT = 170;

export interface DiracScales {
  readonly x: Scale;
  readonly y: Scale;
}

export const diracScales = (): DiracScales => ({
  x: scaleLinear([-2.5, 2.5], [MARGIN.left, WIDTH - MARGIN.right]),
  y: scaleLinear([-2, 2], [MARGIN.top + PLOT_HEIGHT, MARGIN.top]),
});

/** The discriminator's line across the picture, as x1 y1 x2 y2 attributes. */
export function discriminatorLine(phi: number, s: DiracScales): string {
  const [a, b] = s.x.domain() as [number, number];
  return `x1="${s.x(a).toFixed(1)}" y1="${s.y(phi * a).toFixed(1)}" x2="${s.x(b).toFixed(1)}" y2="${s.y(phi * b).toFixed(1)}"`;
}

export interface DiracPicture {
  readonly id: string;
  readonly theta: number;
  readonly phi: number;
  readonly text: { readonly title: string; readonly desc: string; readonly x: string; readonly y: string; readonly data: string; readonly generated: string; readonly line: string };
}

export function diracSvg(pic: DiracPicture): string {
  const s = diracScales();
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const items: LegendItem[] = [
    { label: pic.text.data, className: 'dirac-data', swatch: 'dot' },
    { label: pic.text.generated, className: 'dirac-generated', swatch: 'dot' },
    { label: pic.text.line, className: 'dirac-line', swatch: 'line' },
  ];
  const top = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom;
  const lg = legend(items, MARGIN.left - 40, top, WIDTH - MARGIN.left + 36);
  const height = Math.ceil(top + lg.height + 4);
  const { id } = pic;
  return [
    svgOpen(id, WIDTH, height, pic.text.title, pic.text.desc, 'dirac-plot'),
    `<defs><clipPath id="${id}-clip"><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/></clipPath></defs>`,
    axes(s.x, s.y, { xLabel: pic.text.x, yLabel: pic.text.y, zeroLines: true, ticks: 5 }),
    `<line id="${id}-line" class="dirac-line" clip-path="url(#${id}-clip)" ${discriminatorLine(pic.phi, s)}/>`,
    `<circle class="dirac-data" cx="${s.x(0).toFixed(1)}" cy="${s.y(0).toFixed(1)}" r="6"/>`,
    `<circle id="${id}-gen" class="dirac-generated" cx="${s.x(pic.theta).toFixed(1)}" cy="${s.y(0).toFixed(1)}" r="6"/>`,
    lg.svg,
    '</svg>',
  ].join('');
}
