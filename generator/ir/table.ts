/**
 * Expressions written as a table of distinct nodes, each naming its children by index, and
 * read back as the same interned nodes: how derived expressions are kept on disk between runs
 * (methods/cache.ts). Shared subexpressions are written once.
 */
import * as E from './expr.js';
import type { Expr, TableNode } from './expr.js';
import { nodesOf } from './traverse.js';

export interface ExprTable {
  readonly nodes: readonly TableNode[];
  /** The index of each expression written, in order. */
  readonly roots: readonly number[];
}

export function toTable(exprs: readonly Expr[]): ExprTable {
  const index = new Map<Expr, number>();
  const nodes: TableNode[] = [];
  for (const root of exprs) {
    for (const node of nodesOf(root)) {
      if (index.has(node)) continue;
      const at = (child: Expr): number => index.get(child)!;
      const row: TableNode = node.kind === 'num' ? ['num', String(node.value.num), String(node.value.den)]
        : node.kind === 'sym' ? ['sym', node.name]
          : node.kind === 'add' ? ['add', node.terms.map(at)]
            : node.kind === 'mul' ? ['mul', node.factors.map(at)]
              : node.kind === 'pow' ? ['pow', at(node.base), at(node.exponent)]
                : node.kind === 'call' ? ['call', node.fn, at(node.arg)]
                  : ['activation', node.order, at(node.arg)];
      index.set(node, nodes.push(row) - 1);
    }
  }
  return { nodes, roots: exprs.map((e) => index.get(e)!) };
}

export function fromTable(table: ExprTable): Expr[] {
  const nodes: Expr[] = [];
  for (const row of table.nodes) nodes.push(E.fromTableNode(row, nodes));
  return table.roots.map((i) => nodes[i]!);
}
