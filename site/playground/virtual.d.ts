/** What the playground's bundle (bundle.ts) gives its worker from the site's build. */
declare module 'playground:data' {
  import type { MethodsRecord } from '../../generator/contract/records.js';
  import type { MethodDefinition } from '../../generator/method.js';
  /** Every method of methods/ in the command line's order, with its file's text. */
  export const methods: readonly (readonly [MethodDefinition, string])[];
  export const methodsRecord: MethodsRecord;
  export const sampleActivationTex: string;
  /** SAMPLE_GAME's activation as its file defines it: the games that leave f abstract are drawn with it. */
  export const sampleActivationDefinition: string;
  /** What the worker's memory (memory-store.ts) starts with: the methods' linearisations, [key, value]. */
  export const methodLinearisations: readonly (readonly [readonly string[], unknown])[];
}
