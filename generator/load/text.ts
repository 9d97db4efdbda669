/**
 * Loading a derivation from its text, where there is no file system and no esbuild: the
 * playground's worker. The text is the same TypeScript a file of derivations/ holds; sucrase
 * strips its types and turns its imports into calls of a `require` that knows the two modules a
 * derivation may import here (the format and its pieces); its default export then gets the same
 * checks as the command line's (check.ts, in the playground's generator worker). What differs
 * from load.ts: a syntax error is worded and placed by sucrase's parser, not esbuild's (the
 * playground's page then asks esbuild's WebAssembly build for the command line's message:
 * site/playground/syntax.ts); an import of anything else cannot be resolved; and the time limit
 * and the isolation are the caller's (the playground runs each text in a worker of its own, stopped after the
 * time limit, that hands back only a structured clone of the default export).
 */
import { transform } from 'sucrase';
import type { SourceMapInput } from '@jridgewell/trace-mapping';
import * as format from '../game.js';
import * as pieces from '../pieces.js';
import { DerivationError } from './errors.js';
import { thrownAt } from './thrown-at.js';

/** What a derivation may import, by the specifiers a file of derivations/ writes. */
const MODULES: Readonly<Record<string, unknown>> = { '../generator/game.js': format, '../generator/pieces.js': pieces };

/** line:column (both from 1, as editors and the command line count) of an offset in text. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** The name the derivation's code runs under (its //# sourceURL), and a stack frame in it: the
 * derivation's own frames, not those of other code run by new Function. */
const SOURCE_NAME = 'playground-derivation.js';
const FUNCTION_FRAME = /playground-derivation\.js:(\d+):(\d+)\)?$/;

/** How many lines this engine counts before a new Function's body (its "function anonymous(...) {" header), measured once. */
let functionHeaderLines: number | undefined;
function measureFunctionHeaderLines(): number {
  try {
    new Function(`throw new Error()\n//# sourceURL=${SOURCE_NAME}`)();
  } catch (error) {
    const at = String((error as Error).stack).split('\n').map((line) => FUNCTION_FRAME.exec(line)).find((match) => match);
    if (at) return Number(at[1]) - 1;
  }
  return 2;
}

/** The default export of a derivation's text, or the error the command line would give for it. */
function evaluate(file: string, text: string): unknown {
  let code: string;
  let map: SourceMapInput;
  try {
    ({ code, sourceMap: map } = transform(text, { transforms: ['typescript', 'imports'], filePath: file, production: true, sourceMapOptions: { compiledFilename: 'derivation.js' } }) as { code: string; sourceMap: SourceMapInput });
  } catch (error) {
    // sucrase: "Unexpected token, expected "," (5:3)", line and column counted from 1 as editors and esbuild count them.
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(?:Error transforming \S+: )?(.*?) \((\d+):(\d+)\)$/s.exec(message);
    throw new DerivationError(at ? `${file}:${at[2]}:${at[3]}` : file, '', `syntax error: ${at ? at[1] : message}`);
  }
  const require = (specifier: string): unknown => {
    if (specifier in MODULES) return MODULES[specifier];
    const offset = text.search(new RegExp(`['"]${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
    throw new DerivationError(offset >= 0 ? `${file}:${lineColumn(text, offset)}` : file, '', `cannot be loaded: Could not resolve "${specifier}"`);
  };
  const module = { exports: {} as { default?: unknown } };
  // Deep enough to reach the derivation's own frame below the pieces it called, as the command line's worker does.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    new Function('require', 'module', 'exports', `${code}\n//# sourceURL=${SOURCE_NAME}`)(require, module, module.exports);
  } catch (error) {
    if (error instanceof DerivationError) throw error;
    // Where the text threw, as the command line says it (load.ts).
    functionHeaderLines ??= measureFunctionHeaderLines();
    const at = thrownAt(error instanceof Error ? error.stack : undefined, { map, frame: FUNCTION_FRAME, isDerivation: () => true, linesBefore: functionHeaderLines });
    throw new DerivationError(at ? `${file}:${at.line}:${at.column}` : file, '', `cannot be loaded: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return module.exports.default;
}

/**
 * A derivation's text run, and the file it is loaded as: derivations/<id>.ts, where <id> is the
 * id it declares (a playground's text has no file name of its own; the name it should be saved
 * under is that one), or `fallback` where it declares none.
 */
export function evaluateText(text: string, fallback: string): { file: string; exported: unknown } {
  const exported = evaluate(fallback, text);
  const id = (exported as { id?: unknown } | null)?.id;
  return { file: typeof id === 'string' && format.ID_PATTERN.test(id) ? format.derivationFile(id) : fallback, exported };
}
