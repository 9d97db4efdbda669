/**
 * The imports of a generated module: each runtime name the printed code refers to, from the
 * runtime module that defines it (as the runtime's code exports them, ../runtime.ts); and the
 * printing of a module whose head (header, imports) depends on the names its body uses.
 */
import { GENERATED_STYLE, StructureKind, printStructure, ts } from '../ts-morph.js';
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

/**
 * A module's text: its body printed from Structures once, then its head (a header comment,
 * the imports) printed from the identifiers the body contains, and put before it. The
 * identifiers are read by the compiler's scanner (comments and strings are tokens of their
 * own, so a word in a doc comment is no identifier; a name the scanner reads as a keyword,
 * such as `out`, is kept too). ts-morph's printStructure writes the text without parsing it: a
 * source file made from Structures parses what it printed, which took a tenth of the
 * regeneration's CPU.
 */
export function printModule(body: readonly Statement[], head: (identifiers: ReadonlySet<string>) => Statement[]): string {
  const print = (statements: readonly Statement[]): string => printStructure({ kind: StructureKind.SourceFile, statements: [...statements] }, GENERATED_STYLE);
  const printed = print(body);
  const identifiers = new Set<string>();
  // The printer writes no regular expression, which the scanner would read as tokens: what it
  // cannot read (an unterminated string or template) is the emitter's bug, not a module.
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, printed, (message) => {
    throw new Error(`the emitter printed code the scanner cannot read (${message.key}): ${printed.slice(0, 200)}`);
  });
  // The braces open inside each template substitution being read: the brace that closes one
  // goes back to the template's text, which the scanner reads as text only when told so.
  const substitutions: number[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; previous = token, token = scanner.scan()) {
    // A name after a dot is a property (wide.step), not a reference to an import.
    const property = previous === ts.SyntaxKind.DotToken || previous === ts.SyntaxKind.QuestionDotToken;
    if (!property && (token === ts.SyntaxKind.Identifier || (token >= ts.SyntaxKind.FirstKeyword && token <= ts.SyntaxKind.LastKeyword))) identifiers.add(scanner.getTokenText());
    else if (token === ts.SyntaxKind.TemplateHead) substitutions.push(0);
    else if (token === ts.SyntaxKind.OpenBraceToken && substitutions.length > 0) substitutions[substitutions.length - 1]!++;
    else if (token === ts.SyntaxKind.CloseBraceToken && substitutions.length > 0) {
      if (substitutions[substitutions.length - 1]! > 0) substitutions[substitutions.length - 1]!--;
      else if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) substitutions.pop();
    }
  }
  // One blank line between the head and the first declaration, and nowhere more than one.
  return `${print(head(identifiers))}\n${printed}`.replace(/\n{3,}/g, '\n\n');
}
