/** The messages between the playground's page and its worker. */
import type { Lang } from '../i18n.js';
import type { Derived } from './derive.js';

/** The page asks for a derivation; `serial` tells the replies to an older text from the newest's. */
export interface DeriveRequest {
  readonly serial: number;
  readonly text: string;
  /** The file named in a message before the text declares its id. */
  readonly fallbackFile: string;
  readonly lang: Lang;
}

export type WorkerReply =
  | { readonly ready: true }
  /** The text loaded: what remains is derivation, which the load's time limit does not cover. */
  | { readonly serial: number; readonly loaded: true }
  | { readonly serial: number; readonly derived: Derived }
  | { readonly serial: number; readonly failure: string };
