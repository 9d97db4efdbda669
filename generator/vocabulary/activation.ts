/**
 * The activation f and its derivatives f^(k), kept abstract until the concrete stage: the
 * one table of their names, in derivations and records (f, df, d2f, ...), in TeX (f, f',
 * f'', f^{(3)}, ...) and in the generated code (`p.activation.d0`, `d1`, ...).
 */

/** Highest derivative order of f the pipeline knows; Jacobians of regularised games need 3. */
export const MAX_ACTIVATION_ORDER = 6;

/** f, df, d2f, d3f, ...: the spelling of f^(order) in derivations, records and nerdamer text. */
export const activationName = (order: number): string => (order === 0 ? 'f' : order === 1 ? 'df' : `d${order}f`);

/** The names of f^(0) .. f^(MAX_ACTIVATION_ORDER), in order. */
export const ACTIVATION_NAMES: readonly string[] = Array.from({ length: MAX_ACTIVATION_ORDER + 1 }, (_, k) => activationName(k));

/** The order k of a name activationName(k) with k <= MAX_ACTIVATION_ORDER, else undefined. */
export function activationOrderOf(name: string): number | undefined {
  const order = ACTIVATION_NAMES.indexOf(name);
  return order < 0 ? undefined : order;
}

/** Any name of the form of a derivative of f, of whatever order: reserved. */
export const looksLikeActivationName = (name: string): boolean => name === 'f' || name === 'df' || /^d\d+f$/.test(name);

/** f, f', f'', then f^{(k)} for k >= 3. */
export const activationTex = (order: number): string => (order === 0 ? 'f' : order === 1 ? "f'" : order === 2 ? "f''" : `f^{(${order})}`);

/** The property of the generated evaluators' `Params.activation` holding f^(order). */
export const activationProperty = (order: number): string => `d${order}`;
