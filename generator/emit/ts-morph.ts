/**
 * ts-morph, the values the emitter uses, loaded with require (a CommonJS package: importing it
 * as an ES module makes Node scan its code and TypeScript's, 10 MB, for export names first) and
 * only when something is emitted: loading it takes about 0.4 s of CPU, which a run that finds
 * every game kept (cache.ts) never needs to spend. Types come from 'ts-morph' itself.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { PrintStructureOptions } from 'ts-morph';

let loaded: typeof TsMorph | undefined;
const tsMorph = (): typeof TsMorph => (loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph);

/** One of ts-morph's namespaces or enums, loaded on its first use. */
const onFirstUse = <T extends object>(pick: (module: typeof TsMorph) => T): T =>
  new Proxy({} as T, { get: (_, key) => Reflect.get(pick(tsMorph()), key) });

export const StructureKind = onFirstUse((m) => m.StructureKind);
export const VariableDeclarationKind = onFirstUse((m) => m.VariableDeclarationKind);
export const ts = onFirstUse((m) => m.ts);
export const printStructure: typeof TsMorph.printStructure = (structure, options) => tsMorph().printStructure(structure, options);

/** The generated code's style: two spaces, single quotes. */
export const GENERATED_STYLE: PrintStructureOptions = { indentNumberOfSpaces: 2, useSingleQuote: true };
