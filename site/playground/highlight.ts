/**
 * The expression language inside a derivation's strings, highlighted: in the string of a field
 * that holds an expression (EXPRESSION_FIELDS, e.g. `of: 'f(D(x))'`) or passed to a call (the
 * pieces' `r1Penalty('gamma/4')`), the format's and the elementary functions, its fixed symbols, other
 * names (hyperparameters), numbers and operators each get a class. The names come from the
 * generator's vocabulary through the page (PlaygroundData): nothing is listed here.
 */
import type { DecorationSet, EditorView, ViewUpdate } from '@codemirror/view';
import { Decoration, RangeSetBuilder, ViewPlugin, syntaxTree } from './editor-modules.js';
import type { PlaygroundData } from './strings.js';

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?(?:e[-+]?\d+)?|[-+*/^]/g;
const MARKS = {
  function: Decoration.mark({ class: 'cm-expr-function' }),
  symbol: Decoration.mark({ class: 'cm-expr-symbol' }),
  name: Decoration.mark({ class: 'cm-expr-name' }),
  number: Decoration.mark({ class: 'cm-expr-number' }),
  operator: Decoration.mark({ class: 'cm-expr-operator' }),
};

export function expressionHighlighting(vocabulary: PlaygroundData['vocabulary']): ViewPlugin<{ decorations: DecorationSet }> {
  const fields = new Set(vocabulary.fields);
  const functions = new Set(vocabulary.functions);
  const symbols = new Set(vocabulary.symbols);

  /** Whether a string node holds an expression: the value of an expression field, or a call's argument. */
  const isExpression = (view: EditorView, node: { parent: { name: string; firstChild: { from: number; to: number } | null; parent: { name: string } | null } | null }): boolean => {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.name === 'Property' && parent.firstChild) return fields.has(view.state.sliceDoc(parent.firstChild.from, parent.firstChild.to).replace(/^['"]|['"]$/g, ''));
    return parent.name === 'ArgList' && parent.parent?.name === 'CallExpression';
  };

  const build = (view: EditorView): DecorationSet => {
    const builder = new RangeSetBuilder<Decoration>();
    for (const { from, to } of view.visibleRanges) {
      syntaxTree(view.state).iterate({
        from,
        to,
        enter: (node) => {
          if (node.name !== 'String' || !isExpression(view, node.node)) return;
          const text = view.state.sliceDoc(node.from + 1, node.to - 1);
          for (const match of text.matchAll(TOKEN)) {
            const token = match[0];
            const at = node.from + 1 + match.index;
            const next = text.slice(match.index + token.length).trimStart()[0];
            const kind = /^\d/.test(token) ? 'number' : /^[-+*/^]$/.test(token) ? 'operator' : next === '(' && functions.has(token) ? 'function' : symbols.has(token) ? 'symbol' : 'name';
            builder.add(at, at + token.length, MARKS[kind]);
          }
        },
      });
    }
    return builder.finish();
  };

  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(update: ViewUpdate): void {
        if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) this.decorations = build(update.view);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}
