/**
 * The evaluators' code of a derived game, as its generated module holds it: the fast paths of
 * the field and the Jacobian, their bodies made by the emitter's own function
 * (generator/emit/evaluator/noise.ts's intoOut: the hyperparameters read, the cheapest forms,
 * CSE into named constants, the quadrature over instance noise) in the module's context
 * (game-context.ts), written by the writer ts-morph writes with (code-block-writer). The module
 * itself is assembled by ts-morph (the TypeScript compiler, 10 MB), which the playground does not
 * carry: the rest of it (the checked entry points, their unbounded-exponent copies, the training
 * API's table, the doc comments) is `npm run generate`'s.
 */
import CodeBlockWriter from 'code-block-writer';
import type { Derivation } from '../../generator/derive/derive.js';
import type { Expr } from '../../generator/ir/expr.js';
import { gameContext } from '../../generator/emit/evaluator/game-context.js';
import type { Context, Line } from '../../generator/emit/evaluator/context.js';
import { intoOut } from '../../generator/emit/evaluator/noise.js';

/** The names the module gives the outputs (the sums over the noise are named after them). */
const FIELD_NAMES = ['vTheta', 'vPhi'];
const JACOBIAN_NAMES = ['j00', 'j01', 'j10', 'j11'];

const writer = (): CodeBlockWriter => new CodeBlockWriter({ indentNumberOfSpaces: 2, useTabs: false, newLine: '\n' });

/** A function body's statements as ts-morph prints them (its StatementStructurePrinter): each on
 * a line of its own, after a blank line where the one before ended in a closing brace. */
function writeStatements(w: CodeBlockWriter, statements: readonly Line[]): void {
  for (const statement of statements) {
    if (/\}\s*$/.test(w.toString())) w.blankLineIfLastNot();
    else if (!w.isAtStartOfFirstLineOfBlock()) w.newLineIfLastNot();
    if (typeof statement === 'string') w.write(statement);
    else statement(w);
  }
}

function body(context: Context, outputs: readonly Expr[], names: readonly string[]): string {
  const w = writer();
  writeStatements(w, intoOut(context, outputs, names));
  return w.toString().trimEnd();
}

/** The bodies of the module's fast paths (TypeScript), and each clipping bound's as a body writing it to out[0]. */
export interface FastPaths {
  readonly field: string;
  readonly jacobian: string;
  readonly clips: Readonly<Partial<Record<'theta' | 'phi', string>>>;
}

/** A derivation's fast paths, as the module prints them (f abstract: calling its derivatives in p). */
export function fastPaths(derivation: Derivation): FastPaths {
  const context = gameContext(derivation);
  const { field, jacobian } = context.stage;
  return {
    field: body(context, field, FIELD_NAMES),
    jacobian: body(context, jacobian.flat(), JACOBIAN_NAMES),
    clips: Object.fromEntries(derivation.game.constraints.map((c) => [c.parameter, body(context, [c.bound], ['bound'])])),
  };
}

/** The two fast paths' source as the module holds them: each body in its function, indented as ts-morph indents a block. */
export function evaluatorSource(paths: FastPaths): string {
  const inFunction = (name: string, text: string): string =>
    `export function ${name}(theta: number, phi: number, p: Params, out: Float64Array): Float64Array {\n${text.split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n')}\n}`;
  return [inFunction('vectorFieldUnchecked', paths.field), inFunction('jacobianUnchecked', paths.jacobian)].join('\n\n');
}

/** The fast paths as JavaScript, functions of (theta, phi, p, out) for compiled.ts: the module's
 * text without its non-null assertions (`nodes[node]!`, the one TypeScript-only syntax the bodies hold). */
export function evaluatorBodies(paths: FastPaths): FastPaths {
  const javascript = (text: string): string => text.replace(/\]!(?!=)/g, ']');
  return {
    field: javascript(paths.field),
    jacobian: javascript(paths.jacobian),
    clips: Object.fromEntries(Object.entries(paths.clips).map(([parameter, text]) => [parameter, javascript(text)])),
  };
}
