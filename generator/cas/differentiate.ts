/**
 * The bridge to nerdamer, our algebra engine for differentiation.
 *
 * Two of nerdamer's traps shape it (see the design notes): differentiating log(1 + e^u)
 * writes e as the rational 325368125/119696244, and an unknown f(x) is read as f*x. So
 * every elementary function and the activation's derivatives are registered as opaque
 * functions: nerdamer applies the chain rule and leaves `diff(g(u), x)` for the outer
 * derivative, which comes from the vocabulary (vocabulary/functions.ts: exp' = exp,
 * softplus' = sigmoid, ...; (f^(k))' = f^(k+1)). Every result comes straight back into the IR.
 */
import nerdamer from 'nerdamer-prime';
import * as E from '../ir/expr.js';
import { rewrite } from '../ir/traverse.js';
import type { Expr, FunctionName } from '../ir/expr.js';
import { ExpressionError, elementaryCall, parseSyntax, toExpr } from '../ir/parse.js';
import type { Scope, Syntax } from '../ir/parse.js';
import { toNerdamer } from './text.js';
import type { NerdamerNames } from './text.js';
import { ELEMENTARY_FUNCTIONS, functionNamed } from '../vocabulary/functions.js';
import { ACTIVATION_NAMES, MAX_ACTIVATION_ORDER, activationName, activationOrderOf } from '../vocabulary/activation.js';

/** The stand-in nerdamer differentiates for an elementary function: a name it knows nothing of. */
const opaqueName = (fn: FunctionName): string => `opaque${fn}`;
const CAS_NAMES: NerdamerNames = { function: opaqueName, activation: activationName };
const OPAQUE_FUNCTIONS = new Map<string, FunctionName>(ELEMENTARY_FUNCTIONS.map((f) => [opaqueName(f.name), f.name]));

type SymbolicArgument = Parameters<ReturnType<typeof nerdamer.getCore>['PARSER']['symfunction']>[1][number];
let registered = false;
function registerOpaqueFunctions(): void {
  if (registered) return;
  const core = nerdamer.getCore();
  const names = [...OPAQUE_FUNCTIONS.keys(), ...ACTIVATION_NAMES];
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

/** The derivative of a one-argument function at u, from the vocabulary. */
function outerDerivative(fn: Syntax, convert: (s: Syntax) => Expr, text: string): Expr {
  if (fn.kind !== 'call' || fn.args.length !== 1) throw new ExpressionError('nerdamer left a derivative of something other than a function call', text);
  const u = convert(fn.args[0]!);
  const elementary = OPAQUE_FUNCTIONS.get(fn.name);
  // Away from the kinks of |u|, sign, relu and step at u = 0, which the pipeline detects before it differentiates.
  if (elementary) return functionNamed(elementary).derivative(u);
  const order = activationOrderOf(fn.name);
  if (order === undefined) throw new ExpressionError(`nerdamer left the derivative of '${fn.name}' unevaluated`, text);
  if (order + 1 > MAX_ACTIVATION_ORDER) throw new ExpressionError(`derivative of f of order above ${MAX_ACTIVATION_ORDER}`, text);
  return E.activation(order + 1, u);
}

/** Reads nerdamer's printed output (or a record's text) back into the IR. */
export function fromNerdamer(text: string): Expr {
  const scope: Scope = {
    known: { symbols: ['any name'], functions: [...ELEMENTARY_FUNCTIONS.map((f) => f.name), 'sqrt', 'max', 'min', 'f and its derivatives'] },
    symbol: (name) => (name === 'e' ? E.call('exp', E.ONE) : E.sym(name)),
    call: (name, args, convert) => {
      const elementary = OPAQUE_FUNCTIONS.get(name);
      if (elementary && args.length === 1) return E.call(elementary, convert(args[0]!));
      const order = activationOrderOf(name);
      if (order !== undefined && args.length === 1) return E.activation(order, convert(args[0]!));
      if (name === 'diff' && args.length === 2) return outerDerivative(args[0]!, convert, text);
      return elementaryCall(name, args, convert, text);
    },
  };
  // nerdamer writes e^x for its own exponential; read it as exp(x).
  const expr = toExpr(parseSyntax(text), scope, text);
  return rewrite(expr, (node) =>
    node.kind === 'pow' && node.base === E.call('exp', E.ONE) ? E.call('exp', node.exponent) : undefined,
  );
}

/** nerdamer could not differentiate an expression, or its answer could not be read back.
 * It names no field: the caller knows which part of a derivation it was working on. */
export class CasError extends ExpressionError {}

/** Derivatives already taken, by variable and nerdamer text: the games differentiate the
 * same terms again and again (one run of all 16 asks 203 times for 57 derivatives), and
 * each costs nerdamer milliseconds. Bounded, for a process that serves many runs. */
const derivatives = new Map<string, Expr>();
const MAX_REMEMBERED = 10_000;

/** d expr / d variable, by nerdamer; a CasError when nerdamer fails in any way. */
export function differentiate(expr: Expr, variable: string): Expr {
  registerOpaqueFunctions();
  const text = toNerdamer(expr, CAS_NAMES);
  const key = `${variable}\n${text}`;
  const known = derivatives.get(key);
  if (known) return known;
  try {
    const derivative = fromNerdamer(nerdamer.diff(text, variable).toString());
    if (derivatives.size >= MAX_REMEMBERED) derivatives.clear();
    derivatives.set(key, derivative);
    return derivative;
  } catch (error) {
    throw new CasError(`the algebra engine cannot differentiate ${toNerdamer(expr)} with respect to ${variable} (${error instanceof Error ? error.message : String(error)})`, text);
  }
}
