/**
 * The training API of a game module, built by the runtime (runtime/training.ts) from a small
 * table: the trajectory runner over the module's steps and, where the equilibrium is
 * differentiable, the update maps' eigenvalues, spectral radius and largest stable learning
 * rate, checked and unchecked. What the table holds depends on the derivation: the Jacobian
 * at the equilibrium (continuous.ts), whether a method's map has determinant 1 for every h,
 * and the closed-form candidates of each bound; the doc comments carry the derived formulas.
 */
import type { CodeBlockWriter } from 'ts-morph';
import * as E from '../../ir/expr.js';
import type { MethodAnalysis } from '../../derive/discrete.js';
import { matrixToTex, toTex } from '../../print/tex.js';
import type { Method } from '../../../runtime/methods.js';
import { computation, hyperparameterLocals } from './blocks.js';
import { EQUILIBRIUM_JACOBIAN, PARAMETER_TABLE } from './continuous.js';
import { clipsText, constStatement, display, docs, exportedFunction } from './context.js';
import { STEP_NAMES } from './steps.js';
import type { Context, Statement } from './context.js';
import { mapCycles } from '../../derive/discrete.js';

const MAP_TEX: Readonly<Record<Method, string>> = {
  simultaneous: 'M = I + hJ',
  alternating: 'M = G^{n_G} D^{n_D}',
  extragradient: 'M = I + hJ + h^{2} J^{2}',
  optimistic: 'M = \\begin{pmatrix} I + 2hJ & -hJ \\\\ I & 0 \\end{pmatrix}',
};

function eigenvaluesTex(analysis: MethodAnalysis): string {
  const { center, radicand, imaginary } = analysis.eigenvalues;
  const spread = imaginary ? `${toTex(imaginary)} \\, i` : `\\sqrt{${toTex(radicand)}}`;
  return analysis.method === 'optimistic'
    ? `\\mu = ${toTex(center)} \\pm ${spread}, \\quad \\lambda \\in \\operatorname{spec} J(0, 0)`
    : `\\mu_{1,2} = ${toTex(center)} \\pm ${spread}`;
}

const formatBound = (bound: number): string => `${Number(bound.toPrecision(6))}`;
const closedFormRoots = (analysis: MethodAnalysis): readonly E.Expr[] => (analysis.bound?.kind === 'closed-form' ? analysis.bound.roots ?? [] : []);
/** The map's determinant is 1 for every h (derived): below the bound it may cycle. */

/** One line per method for the doc comment of learningRateBound. */
function boundDoc(context: Context, analysis: MethodAnalysis): string {
  const at = context.abstract ? "For f'(0) = 1" : 'At the default hyperparameters';
  const b = analysis.bound;
  const verdict = {
    'converges-below-bound': `converges for h < ${b ? formatBound(b.atDefaults) : '?'}`,
    'cycles-below-bound': `cycles (eigenvalues on the unit circle) for h < ${b ? formatBound(b.atDefaults) : '?'}`,
    'converges-in-intervals': `converges only for h in ${(analysis.intervals ?? []).map((i) => `(${formatBound(i.from)}, ${Number.isFinite(i.to) ? formatBound(i.to) : '1e3'})`).join(', ')}, not for small h`,
    'never-converges': 'never converges',
    'undecided': analysis.unresolved
      ? 'is undecided: J is stable, so small enough h converge, but the spectral radius there is within rounding of 1, and double precision does not resolve the bound'
      : 'is undecided: the spectral radius is 1 for small h (an eigenvalue 1 that h does not move), and the linearisation does not decide',
    'converges-for-all-h': 'converges for every h up to 1e3',
  }[analysis.verdict];
  const roots = closedFormRoots(analysis);
  const how = roots.length === 1
    ? display(`h^{*} = ${toTex(roots[0]!)}`)
    : roots.length > 1
      ? display(`h^{*} = \\min \\left\\{ r > 0 : r \\in \\left\\{ ${roots.map(toTex).join(', ')} \\right\\} \\right\\}`)
      : 'by bisection on spectralRadius.';
  // Undecided at the defaults: no bound found there (a closed form, where there is one, is not checked).
  if (analysis.verdict === 'undecided') return `- ${analysis.method}: ${at.toLowerCase()} it ${verdict}.`;
  return `- ${analysis.method}: ${how} ${at} it ${verdict}.`;
}

/** A method's entry of the bound table: `{ cycles, roots: (p) => [...] }`. */
const boundEntry = (context: Context, analysis: MethodAnalysis) => (writer: CodeBlockWriter): void => {
  const roots = closedFormRoots(analysis);
  writer.write(`${analysis.method}: { cycles: ${mapCycles(analysis)}`);
  if (roots.length > 0) {
    const { lines, outputs } = computation(context, roots);
    const body = [...hyperparameterLocals(context, roots), ...lines];
    writer.write(', roots: (p) => ');
    if (body.length === 0) writer.write(`[${outputs.join(', ')}]`);
    else writer.inlineBlock(() => [...body, `return [${outputs.join(', ')}];`].forEach((line) => writer.writeLine(line)));
  }
  writer.write(' },').newLine();
};

/** The name of the unchecked spectral radius, which the module writes out and the runtime's learning-rate bound searches on. */
const SPECTRAL_RADIUS_UNCHECKED = 'spectralRadiusUnchecked';

/** The spectral radius with the entries of J(0, 0) written out as scalars: small enough for V8
 * to inline the runtime's updateMapRadius, and so within a small factor of a closed form
 * written for the game by hand (the typed array of equilibriumJacobian doubled the cost). */
function spectralRadiusUnchecked(context: Context): Statement {
  const eq = context.stage.equilibrium;
  if (!eq.differentiable) throw new Error('spectralRadiusUnchecked needs the Jacobian at the equilibrium');
  const entries = eq.jacobian.flat();
  const { lines, outputs } = computation(context, entries, ['method', 'h']);
  return exportedFunction({
    name: SPECTRAL_RADIUS_UNCHECKED,
    docs: docs(context, 'spectralRadius for one learning rate h (alternating: hG = hD = h, nG = nD = 1), unchecked and allocating nothing: the fast path for stability maps over many points, with J(0, 0) written out (runtime/linear.ts, updateMapRadius).'),
    parameters: [{ name: 'method', type: 'Method' }, { name: 'h', type: 'number' }, { name: 'p', type: 'Params' }],
    returnType: 'number',
    statements: [...hyperparameterLocals(context, entries), ...lines, `return updateMapRadius(method, ${outputs.join(', ')}, h);`],
  });
}

/** updateEigenvalues and learningRateBound with the derived closed forms in their doc comments, the unchecked spectral radius; the other functions of the runtime's Stability (their docs are its). */
export function stability(context: Context): Statement[] {
  const analyses = context.stage.discrete;
  const table = (writer: CodeBlockWriter): void => {
    writer.write(`defineStability(${PARAMETER_TABLE}, `).inlineBlock(() => {
      writer.writeLine(`${EQUILIBRIUM_JACOBIAN},`);
      writer.writeLine(`${SPECTRAL_RADIUS_UNCHECKED},`);
      writer.write('bounds: ').inlineBlock(() => analyses.forEach((a) => boundEntry(context, a)(writer)));
      writer.write(',');
    }).write(')');
  };
  return [
    spectralRadiusUnchecked(context),
    constStatement('stability', table, { exported: false }),
    constStatement('updateEigenvalues', 'stability.updateEigenvalues', { docs: docs(
      context,
      "The eigenvalues of a training method's update map at the equilibrium (theta, phi) = (0, 0), from the Jacobian J = J(0, 0) of the field (Mescheder et al. 2017, section 3): two, or four for the optimistic method, whose map is 4x4 with two eigenvalues mu for each eigenvalue lambda of J. The runtime computes them from the numbers of J(0, 0), each map as I + N with eigenvalues 1 + eig(N): the closed forms below, with no digits lost near h = 0 (runtime/linear.ts).",
      analyses.map((a) => `- ${a.method}: ${display(`${MAP_TEX[a.method]}${a.matrix ? ` = ${matrixToTex(a.matrix)}` : ''}`)} ${display(eigenvaluesTex(a))}`).join('\n'),
      ...(context.constraints.length === 0 ? [] : [`The maps leave out the projection of the steps (which clips ${clipsText(context)}): near the equilibrium, inside the bounds, it does nothing.`]),
      '`rates` is `{ h }`, or for alternating steps also a schedule `{ hG, hD, nG, nD }`; rates and p are checked.',
    ) }),
    constStatement('learningRateBound', 'stability.learningRateBound', { docs: docs(
      context,
      'The largest stable learning rate of a training method and its verdict (see StabilityVerdict; checked), stated for one learning rate h (for alternating steps hG = hD = h, nG = nD = 1): the spectral radius is below 1 for 0 < h < bound. The bound is the smallest positive real one of the closed-form candidates (the roots in h of the Jury boundaries det M = +-1, tr M = +-(1 + det M)), used where it agrees with a bisection on spectralRadius over h in (0, 1e3], which stands in where there is no closed form; the verdict and bound are computed for the parameters given. No bound for a method that never converges or converges for every h.',
      analyses.map((a) => boundDoc(context, a)).join('\n'),
    ) }),
    'export const { spectralRadius, updateEigenvaluesUnchecked } = stability;',
  ];
}

export function trajectory(): Statement[] {
  return [`export const { trajectory } = defineTrajectory(${PARAMETER_TABLE}, { vectorField: vectorFieldUnchecked, ${STEP_NAMES.join(', ')} });`];
}
