/** Each loaded method's bundled code (set by load/methods.ts): what its derivations depend on,
 * the key of their cache (cache.ts). Methods written elsewhere (the tests') have none. */
import type { MethodDefinition } from '../method.js';

export const methodSources = new WeakMap<MethodDefinition, string>();
