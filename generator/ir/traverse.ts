/**
 * Walking the IR (expr.ts): rebuilding a tree through the canonical constructors with some
 * nodes replaced, substituting symbols, and listing a tree's nodes and symbols.
 */
import { activation, add, call, mul, pow } from './expr.js';
import type { Expr } from './expr.js';

/** Bottom-up rebuild through the canonical constructors; `replace` may replace any node first
 * (its result is kept as it is, not visited). */
export function rewrite(e: Expr, replace: (node: Expr) => Expr | undefined): Expr {
  const memo = new Map<Expr, Expr>();
  const visit = (node: Expr): Expr => {
    const cached = memo.get(node);
    if (cached) return cached;
    const replaced = replace(node);
    let result: Expr;
    if (replaced !== undefined) result = replaced;
    else {
      switch (node.kind) {
        case 'num': case 'sym': result = node; break;
        case 'add': result = add(...node.terms.map(visit)); break;
        case 'mul': result = mul(...node.factors.map(visit)); break;
        case 'pow': result = pow(visit(node.base), visit(node.exponent)); break;
        case 'call': result = call(node.fn, visit(node.arg)); break;
        case 'activation': result = activation(node.order, visit(node.arg)); break;
      }
    }
    memo.set(node, result);
    return result;
  };
  return visit(e);
}

/** Replaces symbols by expressions. */
export const substitute = (e: Expr, values: ReadonlyMap<string, Expr>): Expr =>
  rewrite(e, (node) => (node.kind === 'sym' ? values.get(node.name) : undefined));

/** Every node of e, each once, children before parents. */
export function nodesOf(e: Expr): Expr[] {
  const seen = new Set<Expr>();
  const order: Expr[] = [];
  const visit = (node: Expr): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const child of childrenOf(node)) visit(child);
    order.push(node);
  };
  visit(e);
  return order;
}

export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num': case 'sym': return [];
    case 'add': return e.terms;
    case 'mul': return e.factors;
    case 'pow': return [e.base, e.exponent];
    case 'call': case 'activation': return [e.arg];
  }
}

export const symbolsOf = (e: Expr): Set<string> =>
  new Set(nodesOf(e).flatMap((n) => (n.kind === 'sym' ? [n.name] : [])));

export const dependsOn = (e: Expr, name: string): boolean => symbolsOf(e).has(name);

/** The number of nodes of e written out as a tree (a shared node counted at each use), up to
 * `limit`: what printing e costs, without printing it. */
export function treeSize(e: Expr, limit: number): number {
  const memo = new Map<Expr, number>();
  const size = (node: Expr): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of childrenOf(node)) {
      total += size(child);
      if (total > limit) break;
    }
    memo.set(node, Math.min(total, limit + 1));
    return Math.min(total, limit + 1);
  };
  return size(e);
}
