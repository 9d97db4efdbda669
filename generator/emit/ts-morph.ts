/**
 * ts-morph, the values the emitter uses, loaded with require: it is a CommonJS package, and
 * importing it as an ES module makes Node scan its code and TypeScript's (10 MB) for export
 * names first, 0.3 s of CPU on every run of the generator. Types come from 'ts-morph' itself.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { PrintStructureOptions } from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { CodeBlockWriter, StructureKind, VariableDeclarationKind, printStructure, ts } = tsMorph;

/** The generated code's style: two spaces, single quotes. */
export const GENERATED_STYLE: PrintStructureOptions = { indentNumberOfSpaces: 2, useSingleQuote: true };
