/** The table `npm run generate` ends with: one line per game, eigenvalues and verdict. */
import type { GameRecord } from './emit/record.js';

const formatNumber = (x: number): string => (Number.isInteger(x) ? `${x}` : x.toPrecision(4).replace(/\.?0+$/, ''));

function atDefaults(record: GameRecord): string {
  if (!record.equilibrium.differentiable) return '-';
  const values = record.equilibrium.eigenvalues.atDefaults;
  if (!values) return '-';
  const defaults = record.hyperparameters.map((h) => `${h.name}=${h.default}`).join(', ');
  const [re1, re2] = values.re;
  const [im1] = values.im;
  const pair = im1 === 0 ? `${formatNumber(re1)}, ${formatNumber(re2)}` : `${re1 === 0 ? '' : `${formatNumber(re1)} `}+-${formatNumber(Math.abs(im1))}i`;
  return defaults ? `${pair} (${defaults})` : pair;
}

export function summaryTable(records: readonly GameRecord[]): string {
  const header = ['game', 'eigenvalues at (0,0), generic f', 'concrete f', 'at defaults', 'verdict', 'claimed'];
  const rows = records.map((r) => [
    r.id,
    r.equilibrium.differentiable ? r.equilibrium.eigenvalues.generic.text : 'not differentiable at (0,0)',
    r.equilibrium.differentiable ? (r.equilibrium.eigenvalues.concrete?.text ?? '(f abstract)') : '-',
    atDefaults(r),
    r.verdict.verdict,
    r.claims.verdict === r.verdict.verdict ? 'agrees' : `DIFFERS: ${r.claims.verdict}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
