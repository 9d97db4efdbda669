/** The messages between the playground's page and its workers: the loader, which runs a text (a
 * fresh one for each text), the generator, which derives what the loader returned, and the syntax
 * worker, which words a text that did not run as the command line's esbuild does. */
import type { DerivationError } from '../../generator/load/errors.js';
import type { Lang } from '../i18n.js';
import type { Derived } from './derive.js';

/** One problem as the command line prints it, with the parts the editor places it by. */
export interface Problem {
  readonly message: string;
  readonly file: string;
  readonly field: string;
}

export const problemOf = (e: DerivationError): Problem => ({ message: e.message, file: e.file, field: e.field });

/** To the loader: a text to run. */
export interface LoadRequest {
  readonly text: string;
  /** The file named in a message before the text declares its id. */
  readonly fallbackFile: string;
}

/** From the loader: the default export as a structured clone (plain data only), or why not. */
export type LoadReply =
  | { readonly file: string; readonly exported: unknown }
  | { readonly problems: readonly Problem[] }
  | { readonly failure: string };

/** To the generator: a loaded text's default export; `serial` tells the replies to an older text from the newest's. */
export interface DeriveRequest {
  readonly serial: number;
  readonly file: string;
  readonly exported: unknown;
  readonly lang: Lang;
}

export type DeriveReply =
  | { readonly ready: true }
  | { readonly serial: number; readonly derived: Derived }
  | { readonly serial: number; readonly failure: string };

/** To the syntax worker: esbuild's WebAssembly module (base64, a part a message, once), then texts to parse. */
export type SyntaxRequest = { readonly wasmPart: string; readonly last: boolean } | { readonly serial: number; readonly text: string; readonly file: string };

/** From the syntax worker: esbuild's first error as the command line says it, none where esbuild parses the text, or its own failure. */
export type SyntaxReply = { readonly serial: number; readonly problem?: Problem } | { readonly serial: number; readonly failure: string };

/** esbuild's WebAssembly module as the build writes it (bundle.ts): base64, in ESBUILD_PARTS
 * scripts (which a page opened from file:// may load where it may not fetch; in parts, so that no
 * script takes the page's thread long to parse), each leaving its part on a global. The
 * page loads them beside the workers' script on the first text that does not run. */
export const ESBUILD_PARTS = 8;
export const esbuildScriptName = (part: number): string => `playground-esbuild-${part}.js`;
export const ESBUILD_GLOBAL = '__playgroundEsbuild';
