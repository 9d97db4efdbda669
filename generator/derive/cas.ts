/**
 * The bridge to nerdamer, our algebra engine for differentiation.
 *
 * Two of nerdamer's traps shape it (see the design notes): differentiating log(1 + e^u)
 * writes e as the rational 325368125/119696244, and an unknown f(x) is read as f*x. So
 * exp and the activation's derivatives are registered as opaque functions; nerdamer
 * applies the chain rule and leaves `diff(g(u), x)` for the outer derivative, which we
 * replace from a table of known derivatives (exp' = exp, softplus' = sigmoid, sigmoid'(u) = sigmoid(u) sigmoid(-u),
 * (f^(k))' = f^(k+1)). Every
 * result comes straight back into the IR.
 */
import nerdamer from 'nerdamer-prime';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { ExpressionError, elementaryCall, parseSyntax, toExpr } from '../ir/parse.js';
import type { Scope, Syntax } from '../ir/parse.js';
import { activationName, toNerdamer } from '../print/nerdamer.js';
import type { NerdamerNames } from '../print/nerdamer.js';

/** Highest derivative order of f the bridge knows; Jacobians of regularised games need 3. */
export const MAX_ACTIVATION_ORDER = 6;
const OPAQUE_EXP = 'opaqueexp';
const CAS_NAMES: NerdamerNames = { exp: OPAQUE_EXP, activation: activationName };

type SymbolicArgument = Parameters<ReturnType<typeof nerdamer.getCore>['PARSER']['symfunction']>[1][number];
let registered = false;
function registerOpaqueFunctions(): void {
  if (registered) return;
  const core = nerdamer.getCore();
  const names = [OPAQUE_EXP, 'softplus', 'sigmoid', 'relu', 'step', ...Array.from({ length: MAX_ACTIVATION_ORDER + 1 }, (_, k) => activationName(k))];
  for (const name of names) {
    nerdamer.register({
      name,
      visible: true,
      numargs: 1,
      build: () => (...args: unknown[]) => core.PARSER.symfunction(name, args as SymbolicArgument[]),
    });
  }
  registered = true;
}

function activationOrder(name: string): number | undefined {
  for (let k = 0; k <= MAX_ACTIVATION_ORDER; k++) if (activationName(k) === name) return k;
  return undefined;
}

/** The derivative of a one-argument function at u, by our table. */
function outerDerivative(fn: Syntax, convert: (s: Syntax) => Expr, text: string): Expr {
  if (fn.kind !== 'call' || fn.args.length !== 1) throw new ExpressionError('nerdamer left a derivative of something other than a function call', text);
  const u = convert(fn.args[0]!);
  if (fn.name === OPAQUE_EXP) return E.call('exp', u);
  if (fn.name === 'softplus') return E.call('sigmoid', u);
  if (fn.name === 'sigmoid') return E.mul(E.call('sigmoid', u), E.call('sigmoid', E.neg(u)));
  // Away from their kinks at u = 0, which the pipeline detects before it differentiates.
  if (fn.name === 'relu') return E.call('step', u);
  if (fn.name === 'step') return E.ZERO;
  const order = activationOrder(fn.name);
  if (order === undefined) throw new ExpressionError(`nerdamer left the derivative of '${fn.name}' unevaluated`, text);
  if (order + 1 > MAX_ACTIVATION_ORDER) throw new ExpressionError(`derivative of f of order above ${MAX_ACTIVATION_ORDER}`, text);
  return E.activation(order + 1, u);
}

/** Reads nerdamer's printed output back into the IR. */
export function fromNerdamer(text: string): Expr {
  const scope: Scope = {
    known: ['symbols', 'exp', 'log', 'abs', 'sign', 'sqrt', 'f and its derivatives'],
    symbol: (name) => (name === 'e' ? E.call('exp', E.ONE) : E.sym(name)),
    call: (name, args, convert) => {
      if (name === OPAQUE_EXP && args.length === 1) return E.call('exp', convert(args[0]!));
      const order = activationOrder(name);
      if (order !== undefined && args.length === 1) return E.activation(order, convert(args[0]!));
      if (name === 'diff' && args.length === 2) return outerDerivative(args[0]!, convert, text);
      return elementaryCall(name, args, convert, text);
    },
  };
  // nerdamer writes e^x for its own exponential; read it as exp(x).
  const expr = toExpr(parseSyntax(text), scope, text);
  return E.rewrite(expr, (node) =>
    node.kind === 'pow' && node.base === E.call('exp', E.ONE) ? E.call('exp', node.exponent) : undefined,
  );
}

/** nerdamer could not differentiate an expression, or its answer could not be read back.
 * It names no field: the caller knows which part of a derivation it was working on. */
export class CasError extends ExpressionError {}

/** d expr / d variable, by nerdamer; a CasError when nerdamer fails in any way. */
export function differentiate(expr: Expr, variable: string): Expr {
  registerOpaqueFunctions();
  const text = toNerdamer(expr, CAS_NAMES);
  try {
    return fromNerdamer(nerdamer.diff(text, variable).toString());
  } catch (error) {
    throw new CasError(`the algebra engine cannot differentiate ${toNerdamer(expr)} with respect to ${variable} (${error instanceof Error ? error.message : String(error)})`, text);
  }
}
