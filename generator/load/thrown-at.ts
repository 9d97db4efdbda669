/**
 * Where in a derivation's own text an error thrown while loading it arose, found from the
 * error's stack and the source map of the code that ran: esbuild's bundle on the command line
 * (load.ts), sucrase's output in the playground (text.ts). The message then names
 * file:line:column, as it does for a syntax error. The frame taken is the first one in the
 * derivation itself, not one in a piece it called: that is the line its author can change.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { SourceMapInput } from '@jridgewell/trace-mapping';

export interface RanCode {
  /** The source map of the code that ran. */
  readonly map: SourceMapInput;
  /** Whether a source named in that map is the derivation. */
  readonly isDerivation: (source: string) => boolean;
  /** A stack line of a frame in the code that ran; its last two groups are the line and column there, from 1. */
  readonly frame: RegExp;
  /** Lines the engine counts before the code's first (new Function's header in the playground). */
  readonly linesBefore?: number;
}

/** Line and column (from 1, as editors count them) in the derivation, or undefined where no frame of the stack is in it. */
export function thrownAt(stack: string | undefined, ran: RanCode): { readonly line: number; readonly column: number } | undefined {
  if (!stack) return undefined;
  let map: TraceMap | undefined;
  for (const text of stack.split('\n')) {
    const at = ran.frame.exec(text);
    if (!at || at.length < 3) continue;
    map ??= new TraceMap(ran.map);
    const line = Number(at[at.length - 2]) - (ran.linesBefore ?? 0);
    const original = originalPositionFor(map, { line, column: Number(at[at.length - 1]) - 1 });
    if (original.source !== null && ran.isDerivation(original.source)) return { line: original.line, column: original.column + 1 };
  }
  return undefined;
}
