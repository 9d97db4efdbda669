/**
 * Expectations over the instance noise: a formula that contains the noise epsilon stands for
 * its expectation over epsilon ~ N(0, sigma^2), a loop over the nodes of a quadrature rule
 * (runtime/quadrature.ts) -- by pairs of nodes +-z where the integrands' sigmoids can share
 * their exponentials (pairs.ts) -- and the outputs of a function into `out`.
 */
import * as E from '../../ir/expr.js';
import type { Expr } from '../../ir/expr.js';
import { nodesOf } from '../../ir/traverse.js';
import * as Q from '../../ir/rational.js';
import { factorCommon } from '../../ir/factor.js';
import { coefficients } from '../../ir/polynomial.js';
import { DerivationError } from '../../load/errors.js';
import { toTs } from '../../print/ts.js';
import { EPSILON } from '../../specialise/dirac.js';
import { HERMITE_NODE_COUNT } from '../../../runtime/quadrature.js';
import { printBlock } from '../cse.js';
import { functionNamed } from '../../vocabulary/functions.js';
import { computation, hyperparameterLocals, operand } from './blocks.js';
import { cheapestForm } from '../../ir/cheapest.js';
import { noisy } from '../../specialise/dirac.js';
import type { Context, Line, WriterFunction } from './context.js';
import { pairedLoop, pairedSigmoids } from './pairs.js';

/**
 * e as free + factor * integrand, with free and factor independent of the noise: the terms
 * of e that do not contain it, and the factors common to those that do (an integrand of 0
 * when e does not depend on the noise at all). E[e] = free + factor * E[integrand].
 */
function splitNoise(e: Expr): { free: Expr; factor: Expr; integrand: Expr } {
  if (!noisy(e)) return { free: e, factor: E.ONE, integrand: E.ZERO };
  const terms = e.kind === 'add' ? e.terms : [e];
  const free = E.add(...terms.filter((t) => !noisy(t)));
  const rest = factorCommon(E.add(...terms.filter(noisy)));
  const factors = rest.kind === 'mul' ? rest.factors : [rest];
  return { free, factor: E.mul(...factors.filter((f) => !noisy(f))), integrand: E.mul(...factors.filter(noisy)) };
}

/**
 * The slopes in the noise of the arguments of the functions in the integrands, each once
 * (up to sign): the integrand varies on the scale 1 / |slope| in epsilon, which the
 * quadrature's rule must resolve (runtime/quadrature.ts). An argument must be linear in the noise,
 * and a kink (abs, sign, relu, step) must not depend on it: the rules' accuracy rests on an
 * integrand analytic near the real axis.
 */
function noiseSlopes(context: Context, integrands: readonly Expr[]): Expr[] {
  const slopes = new Set<Expr>();
  for (const node of new Set(integrands.flatMap((e) => nodesOf(e)))) {
    if ((node.kind !== 'call' && node.kind !== 'activation') || !noisy(node.arg)) continue;
    const name = node.kind === 'call' ? node.fn : `f^(${node.order})`;
    if (node.kind === 'call' && functionNamed(node.fn).kink !== undefined) {
      throw new DerivationError(context.file, context.objectivesField, `cannot emit an evaluator: ${name}(...) of an argument that contains the instance noise has a kink, which the quadrature over the noise cannot resolve`);
    }
    const c = coefficients(node.arg, EPSILON.name);
    if (!c || c.length > 2) throw new DerivationError(context.file, context.objectivesField, `cannot emit an evaluator: the argument of ${name}(...) is not linear in the instance noise, so the quadrature over the noise cannot tell how sharp the integrand is`);
    const slope = c[1]!;
    slopes.add(Q.sign(E.splitCoefficient(slope)[0]) < 0 ? E.neg(slope) : slope);
  }
  return [...slopes];
}

/**
 * Like `computation`, but outputs that contain the instance noise are expectations over
 * it: a loop over the nodes of the rule sums each integrand times the node's weight into
 * `<name>Sum`, and the outputs' free parts and factors come after it (`names`: a name for
 * each output; `taken`: names declared before; `ruleName`: the rule's). The rule is
 * noiseRule(sigma * max |slope|), or the Gauss-Hermite rule when no function in the
 * integrands depends on the noise (a polynomial, which it integrates exactly).
 */
export function expectation(context: Context, outputs: readonly Expr[], names: readonly string[], taken: readonly string[] = [], ruleName = 'rule'): { lines: Line[]; outputs: readonly string[]; names: string[] } {
  const noise = context.noise;
  if (!noise || !outputs.some(noisy)) return computation(context, outputs, taken);
  // 'rule' is reserved from the temporaries, for the rule itself.
  const inScope = new Set([...context.reserved.filter((name) => name !== 'rule'), ...taken]);
  const declared: string[] = [];
  const fresh = (base: string): string => {
    let name = base;
    for (let suffix = 2; inScope.has(name); suffix++) name = `${base}${suffix}`;
    inScope.add(name);
    declared.push(name);
    return name;
  };
  const parts = outputs.map(splitNoise);
  const sums = parts.map((part, i) => (part.integrand === E.ZERO ? undefined : fresh(`${names[i]}Sum`)));
  const integrands = parts.flatMap((part) => (part.integrand === E.ZERO ? [] : [cheapestForm(part.integrand)]));
  const rule = fresh(ruleName);
  const slopes = noiseSlopes(context, integrands);
  const magnitude = (slope: Expr): string => (slope.kind === 'num' ? toTs(slope) : `Math.abs(${toTs(slope)})`);
  const sigma = operand(toTs(noise));
  // |sigma|: the unchecked entry points take a negative sigma too, which draws the same noise.
  const sharpness = `${magnitude(noise)} * ${slopes.length === 1 ? magnitude(slopes[0]!) : `Math.max(${slopes.map(magnitude).join(', ')})`}`;
  // For the module comment: at the point (theta, phi), not at extragradient's look-ahead point.
  if (slopes.length > 0 && ruleName === 'rule') context.sharpness.add(sharpness);
  const nodes = context.noiseNodes === HERMITE_NODE_COUNT ? '' : `, ${context.noiseNodes}`;
  const ruleLine = slopes.length === 0 ? `const ${rule} = normalHermiteRule(${nodes.slice(2)});` : `const ${rule} = noiseRule(${sharpness}${nodes});`;
  const block = printBlock(integrands, { enabled: context.cse, reserved: [...inScope], invariant: (e) => !noisy(e), ...(context.wide ? { wide: new Set<string>() } : {}) });
  for (const t of block.temporaries) {
    inScope.add(t.name);
    declared.push(t.name);
  }
  const line = (t: { name: string; definition: string }): string => `const ${t.name} = ${t.definition};`;
  const sumNames = sums.filter((sum) => sum !== undefined);
  const paired = context.wide ? undefined : pairedSigmoids(integrands);
  const nodeByNode: WriterFunction = (writer) => {
    writer.write(`for (let node = 0; node < ${rule}.nodes.length; node++)`).block(() => {
      writer.writeLine(`const epsilon = ${sigma} * ${rule}.nodes[node]!;`);
      writer.writeLine(`const nodeWeight = ${rule}.weights[node]!;`);
      block.temporaries.filter((t) => !t.invariant).forEach((t) => writer.writeLine(line(t)));
      sumNames.forEach((sum, i) => {
        const integrand = block.outputs[i]!;
        if (context.wide) writer.writeLine(`${sum} = wide.add(${sum}, wide.mul(wide.of(nodeWeight), ${integrand}));`);
        else writer.writeLine(`${sum} += nodeWeight * ${integrands[i]!.kind === 'add' ? operand(integrand) : integrand};`);
      });
    });
  };
  const loop: WriterFunction = paired ? pairedLoop(context, { integrands, sums: sumNames, rule, sigma, paired, inScope, fresh, nodeByNode }) : nodeByNode;
  const after = computation(context, parts.map((part, i) => (sums[i] === undefined ? part.free : E.add(part.free, E.mul(part.factor, E.sym(sums[i]!))))), [...inScope], sumNames);
  const zero = context.wide ? 'wide.of(0)' : '0';
  return {
    lines: [ruleLine, ...block.temporaries.filter((t) => t.invariant).map(line), ...sumNames.map((sum) => `let ${sum} = ${zero};`), loop, ...after.lines],
    outputs: after.outputs,
    // The loop's own names too, so that a later loop's temporaries do not shadow them.
    names: [...declared, ...after.names],
  };
}

/** Fills `out` with the outputs, in order (`names`: a name for each, for the sums over the noise). */
export function intoOut(context: Context, outputs: readonly Expr[], names: readonly string[]): Line[] {
  const { lines, outputs: texts } = expectation(context, outputs, names);
  const value = (t: string): string => (context.wide ? `wide.narrow(${t})` : t);
  return [...hyperparameterLocals(context, outputs), ...lines, ...texts.map((t, i) => `out[${i}] = ${value(t)};`), 'return out;'];
}
