/**
 * Printed code made callable: a body printed by the emitter's printer (simulate.ts's printMap,
 * compile.ts's steps, the playground's fast paths) compiled with `new Function` in a scope
 * holding the runtime's elementary functions and the quadrature's rule. Apart from the printer so that a page can compile what a worker printed: it needs
 * the runtime and nothing of the generator (the playground's live pictures, site/playground/).
 */
import * as elementary from '../../runtime/elementary.js';
import { portablePower } from '../../runtime/portable.js';
import * as quadrature from '../../runtime/quadrature.js';

/** A map of (theta, phi) written into `out`, p holding the hyperparameters by name. */
export type CompiledMap = (theta: number, phi: number, p: unknown, out: Float64Array) => Float64Array;

/** The runtime's elementary functions and quadrature rules by name (noiseRule, normalHermiteRule):
 * the printed code calls them. */
const HELPERS = [...Object.entries(elementary), ...Object.entries(quadrature)].filter(([, f]) => typeof f === 'function');

/** Math as printed code sees it where it calls Math.pow (for exponents other than small integers
 * and 1/2): pow computed as runtime/portable.ts does, so that a simulation's numbers, and the
 * playground's pictures, are the same wherever V8 runs. */
const PORTABLE_MATH: Math = Object.create(Math, { pow: { value: portablePower } }) as Math;

/** The names a printed text sees, and their values. */
export const scopeOf = (text: string): [string[], unknown[]] => {
  const [names, values] = [HELPERS.map(([name]) => name), HELPERS.map(([, f]) => f) as unknown[]];
  return text.includes('Math.pow') ? [['Math', ...names], [PORTABLE_MATH, ...values]] : [names, values];
};

/** A printed body of (theta, phi, p, out) as a function. */
export const compileMap = (body: string): CompiledMap => {
  const [names, values] = scopeOf(body);
  return new Function(...names, `return (theta, phi, p, out) => {\n${body}\n};`)(...values) as CompiledMap;
};
