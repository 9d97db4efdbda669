/**
 * What every part of the evaluator emitter shares: the context of one game (its stage, its
 * hyperparameters, the noise and the constraints, the names in scope), the shapes of the
 * ts-morph structures it builds, and the pieces of doc comments.
 */
import { StructureKind } from '../ts-morph.js';
import type {
  CodeBlockWriter, FunctionDeclarationStructure, InterfaceDeclarationStructure, JSDocStructure, OptionalKind, ParameterDeclarationStructure,
  PropertySignatureStructure, StatementStructures,
} from 'ts-morph';
import type { Expr } from '../../ir/expr.js';
import type { Stage } from '../../derive/derive.js';
import { toTs } from '../../print/ts.js';
import { noisy } from '../../specialise/dirac.js';
import { writeLines } from './game-context.js';
import { NOISE_SYMBOL, fixedSymbolTex } from '../../vocabulary/symbols.js';

export interface EvaluatorOptions {
  /** Common-subexpression elimination; on by default. */
  readonly cse?: boolean;
  /** Games with instance noise: the nodes of the Gauss-Hermite rule, at least 40 (the default);
   * the trapezoidal rule for sharp integrands is refined in proportion (runtime/quadrature.ts). */
  readonly noiseNodes?: number;
}

export type WriterFunction = (writer: CodeBlockWriter) => void;
export type Statement = string | StatementStructures | WriterFunction;
/** A statement in a function body: a line, or a block written by a writer. */
export type Line = string | WriterFunction;
export type Parameter = OptionalKind<ParameterDeclarationStructure>;
export type JSDocs = OptionalKind<JSDocStructure>[];
type Property = OptionalKind<PropertySignatureStructure>;


/** The arrow function `(theta, phi, p[, out]) => ...` over a body whose last line returns. */
export function arrow(parameters: string, body: readonly Line[]): WriterFunction {
  return (writer) => {
    const last = body[body.length - 1];
    if (body.length === 1 && typeof last === 'string' && last.startsWith('return ')) {
      const value = last.slice('return '.length, -1);
      // An object literal after => would read as a block.
      writer.write(`(${parameters}) => ${value.startsWith('{') ? `(${value})` : value}`);
      return;
    }
    writer.write(`(${parameters}) => `).inlineBlock(() => writeLines(writer, body));
  };
}

/** `name(arguments...)`: the leading text arguments on the first line, then a last written one
 * hugged (`f(a, b, (x) => {`), or several written ones on lines of their own. Marked pure, so
 * that a bundler drops what a page does not call (the checked entry points and their
 * unbounded-exponent fallbacks, where a page calls only the fast paths). */
export const call = (name: string, args: readonly (string | WriterFunction)[]): WriterFunction => (writer) => {
  writer.write('/* @__PURE__ */ ');
  const leading = args.findIndex((arg) => typeof arg !== 'string');
  const texts = (leading < 0 ? args : args.slice(0, leading)) as string[];
  const written = leading < 0 ? [] : args.slice(leading);
  writer.write(`${name}(${texts.join(', ')}`);
  if (written.length === 1 && typeof written[0] !== 'string') {
    writer.write(texts.length > 0 ? ', ' : '');
    written[0]!(writer);
  } else if (written.length > 0) {
    writer.write(texts.length > 0 ? ',' : '').newLine().indent(() => written.forEach((arg, i) => {
      if (typeof arg === 'string') writer.write(arg);
      else arg(writer);
      writer.write(i < written.length - 1 ? ',' : '').newLine();
    }));
  }
  writer.write(')');
};

/**
 * `[export ]const name[: type] = initializer;` under its doc comment, written whole: ts-morph
 * prints a structure's initializer with a hanging indent, which would indent every line of a
 * call's or a table's body.
 */
export const constStatement = (name: string, initializer: string | WriterFunction, options: { readonly type?: string; readonly docs?: JSDocs; readonly exported?: boolean } = {}): WriterFunction => (writer) => {
  for (const { description } of options.docs ?? []) {
    const text = typeof description === 'string' ? description : '';
    if (!text.startsWith('\n')) writer.writeLine(`/** ${text} */`);
    else writer.writeLine('/**').write(text.slice(1).split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')).newLine().writeLine(' */');
  }
  writer.write(`${options.exported === false ? '' : 'export '}const ${name}${options.type ? `: ${options.type}` : ''} = `);
  if (typeof initializer === 'string') writer.write(initializer);
  else initializer(writer);
  writer.write(';').newLine();
};

export interface Constraint {
  readonly parameter: 'theta' | 'phi';
  readonly bound: Expr;
}

export interface Context {
  readonly stage: Stage;
  readonly hyperparameters: readonly string[];
  readonly abstract: boolean;
  readonly regularised: boolean;
  readonly cse: boolean;
  /** Names in scope in the generated functions, which temporaries must not shadow. */
  readonly reserved: readonly string[];
  /** The highest derivative of an abstract f the module calls (0 when f is concrete). */
  readonly activationOrder: number;
  /** The derivation file and the field its objectives are in, for errors. */
  readonly file: string;
  readonly objectivesField: string;
  /** The standard deviation of the instance noise (an expression in the hyperparameters), when the formulas contain the noise epsilon. */
  readonly noise?: Expr;
  /** The Gauss-Hermite nodes the quadrature over the noise uses. */
  readonly noiseNodes: number;
  readonly constraints: readonly Constraint[];
  /** The kinks u = 0 of the objectives (the record's `kinks`), where the Jacobian does not exist. */
  readonly kinks: readonly Expr[];
  /** Print the formulas in unbounded-exponent arithmetic (runtime/wide.ts): the checked entry points' fallback. */
  readonly wide?: boolean;
  /** Filled while the functions are built: the sharpness of the integrands over the noise, as printed. */
  readonly sharpness: Set<string>;
}

/** A doc comment of paragraphs: one line when there is one (the module's header says which derivation every formula comes from). */
export const docs = (_context: Context, ...paragraphs: string[]): JSDocs => [{ description: paragraphs.length === 1 ? paragraphs[0]! : `\n${paragraphs.join('\n\n')}` }];
export const display = (tex: string): string => `$$${tex}$$`;
/** A string literal, in single quotes unless the text has one and no double quote (as Prettier does). */
export const quote = (text: string): string =>
  text.includes("'") && !text.includes('"') ? JSON.stringify(text) : `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export const THETA_PHI: Parameter[] = [{ name: 'theta', type: 'number' }, { name: 'phi', type: 'number' }];
export const H: Parameter = { name: 'h', type: 'number' };
export const FIELD_TEX = '$v = (v_{\\theta}, v_{\\phi})$';
/** p, with the defaults when left out (a game whose f is abstract has none). */
export const paramsParameter = (context: Context): Parameter => ({ name: 'p', type: 'Params', ...(context.abstract ? {} : { initializer: 'defaults' }) });
/** p and out of an unchecked fast path: required, no default to allocate. */
export const FAST_PARAMETERS: Parameter[] = [{ name: 'p', type: 'Params' }, { name: 'out', type: 'Float64Array' }];

export function exportedFunction(structure: Omit<FunctionDeclarationStructure, 'kind' | 'isExported'>): FunctionDeclarationStructure {
  return { kind: StructureKind.Function, isExported: true, ...structure };
}

export const expectedTex = (exprs: readonly Expr[], tex: string): string =>
  exprs.some(noisy) ? `\\mathbb{E}_{${fixedSymbolTex(NOISE_SYMBOL)!}}\\left[${tex}\\right]` : tex;

/** The paragraph on the instance noise, for a function whose formulas contain it. */
export function noiseDoc(context: Context, exprs: readonly Expr[]): string[] {
  if (!context.noise || !exprs.some(noisy)) return [];
  return [`Every term that contains the instance noise epsilon stands for its expectation over epsilon ~ N(0, ${toTs(context.noise)}^2), computed by quadrature over the noise (see the module comment and noiseRule in runtime/quadrature.ts: measured to 1e-14 of max(1, |value|) up to a sharpness of 172).`];
}

/** The clipping the constraints do, in words: `phi to [-c, c]`. */
export const clipsText = (context: Context): string => context.constraints.map((c) => `${c.parameter} to [-${toTs(c.bound)}, ${toTs(c.bound)}]`).join(' and ');

/** The paragraph on the constraints, for a training map: `what` is projected. */
export function constraintDoc(context: Context, what: string): string[] {
  if (context.constraints.length === 0) return [];
  return [`${what} projected onto the game's constraint${context.constraints.length > 1 ? 's' : ''}: it clips ${clipsText(context)}. The field itself is that of the unconstrained game.`];
}

export const exportedInterface = (name: string, docs: JSDocs, properties: Property[]): InterfaceDeclarationStructure =>
  ({ kind: StructureKind.Interface, name, isExported: true, docs, properties });
export const numberProperty = (name: string, doc: string): Property => ({ name, type: 'number', isReadonly: true, docs: [doc] });
