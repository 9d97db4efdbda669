import type { Plugin } from 'esbuild';

/** Each bundled TypeScript file keeps its own import.meta.url, dirname and filename. */
export declare const sourceUrls: Plugin;
