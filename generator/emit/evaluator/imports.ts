/**
 * The imports of a generated module: each runtime name the printed code refers to, from the
 * runtime module that defines it (as the runtime's code exports them, ../runtime.ts); and the
 * printing of a module whose head (header, imports) depends on the names its body uses.
 */
import { IndentationText, Project, QuoteKind, StructureKind, ts } from '../ts-morph.js';
import type { ImportDeclarationStructure, ts as Ts } from 'ts-morph';
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


/**
 * A module's text: its body printed from Structures once, then its head (a header comment,
 * the imports) printed from the identifiers the body contains, and put before it. The
 * identifiers are read off the compiler's syntax tree, and the head is printed on its own:
 * wrapping every identifier in a ts-morph node and inserting the head into the printed file
 * (which parses it again) took 60% of the emission's time.
 */
export function printModule(body: readonly Statement[], head: (identifiers: ReadonlySet<string>) => Statement[]): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const printed = project.createSourceFile('body.ts', { statements: [...body] });
  const identifiers = new Set<string>();
  const visit = (node: Ts.Node): void => {
    if (ts.isIdentifier(node)) identifiers.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(printed.compilerNode);
  const top = project.createSourceFile('head.ts', { statements: head(identifiers) });
  // One blank line between the head and the first declaration, and nowhere more than one.
  return `${top.getFullText()}\n${printed.getFullText()}`.replace(/\n{3,}/g, '\n\n');
}
