/** The messages between the playground's page and its two workers: the loader, which runs a
 * text (a fresh one for each text), and the generator, which derives what the loader returned. */
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
