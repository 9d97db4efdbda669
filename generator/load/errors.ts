/**
 * Errors in a derivation, reported as `file: field: message`, so that the author knows
 * which file to open, which field to change and what text was wrong.
 */
export class DerivationError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'DerivationError';
  }
}

/** Formats a zod-style path (['objectives', 'generator', 0, 'of']) as objectives.generator[0].of. */
export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** Every error of a run at once, so that one run reports every broken file. */
export class DerivationErrors extends Error {
  constructor(readonly errors: readonly DerivationError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'DerivationErrors';
  }
}

/** Seconds one derivation file may take to load before the run stops with an error (`--load-timeout`). */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 10;

/** What is said of a file that did not finish loading within the limit. */
export const loadTimeoutProblem = (seconds: number): string => `did not finish loading within ${seconds} s (an endless loop at import?); the limit is --load-timeout`;

/** What is said of a default export that is not plain data (a function, a class instance, ...). */
export const notPlainDataProblem = (why: string): string => `its default export is not plain data (${why})`;

/** Where one of esbuild's errors is, as messages say it: file:line:column, the column counted in
 * characters from 1 as editors count it (esbuild's is in UTF-8 bytes: a Chinese title before it
 * counts three a character). */
export function esbuildWhere(file: string, location: { readonly line: number; readonly column: number; readonly lineText: string } | null): string {
  if (!location) return file;
  const column = new TextDecoder().decode(new TextEncoder().encode(location.lineText).slice(0, location.column)).length;
  return `${file}:${location.line}:${column + 1}`;
}

/** One of esbuild's errors for a file, at `where` (esbuildWhere): a syntax error but for those
 * about what the file asks for (an import that does not resolve). The command line's (load.ts)
 * and the playground's (esbuild's WebAssembly build, site/playground/syntax.ts). */
export function esbuildError(where: string, text: string): DerivationError {
  const unresolved = /^(Could not resolve|No matching export|No loader is configured)/.test(text);
  return new DerivationError(where, '', unresolved ? `cannot be loaded: ${text}` : `syntax error: ${text}`);
}
