/**
 * The imports of a generated module: each runtime name the printed code refers to, from the
 * runtime module that defines it (as the runtime's code exports them, ../runtime.ts).
 */
import { StructureKind } from 'ts-morph';
import type { ImportDeclarationStructure } from 'ts-morph';
import { runtimeExports, runtimeSpecifier } from '../../runtime.js';
import type { Statement } from './context.js';

export function runtimeImports(identifiers: ReadonlySet<string>, from = './'): Statement[] {
  const byModule = new Map<string, { values: string[]; types: string[] }>();
  for (const [name, { module, typeOnly }] of [...runtimeExports()].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    if (!identifiers.has(name)) continue;
    const entry = byModule.get(module) ?? { values: [], types: [] };
    (typeOnly ? entry.types : entry.values).push(name);
    byModule.set(module, entry);
  }
  const imports: ImportDeclarationStructure[] = [...byModule].sort(([a], [b]) => a.localeCompare(b, 'en')).flatMap(([module, { values, types }]) => [
    ...(values.length > 0 ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtimeSpecifier(module, from), namedImports: values } as const] : []),
    ...(types.length > 0 ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtimeSpecifier(module, from), namedImports: types, isTypeOnly: true } as const] : []),
  ]);
  return imports;
}

