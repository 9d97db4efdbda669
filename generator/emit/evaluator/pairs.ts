/**
 * The quadrature loop by pairs of nodes +-z: where every function of the noise in the
 * integrands is a sigmoid of an argument linear in it, at most one exponential per slope and pair
 * of nodes gives every sigmoid at both nodes (as a careful hand-written evaluator does), about
 * a quarter of the exponentials of a loop over every node.
 */
import * as E from '../../ir/expr.js';
import type { Expr } from '../../ir/expr.js';
import { nodesOf, rewrite, substitute, symbolsOf } from '../../ir/traverse.js';
import * as Q from '../../ir/rational.js';
import { coefficients } from '../../ir/polynomial.js';
import { toTs } from '../../print/ts.js';
import { EPSILON } from '../../specialise/dirac.js';
import { printBlock } from '../cse.js';
import { computation, operand } from './blocks.js';
import { cheapestForm } from '../../ir/cheapest.js';
import { noisy } from '../../specialise/dirac.js';
import type { Context, WriterFunction } from './context.js';

/** Below e^700 no exponential of the paired loop overflows, and their products stay finite. */
const PAIRED_MAX_EXPONENT = 700;

/** Over a rule's equally spaced nodes (NoiseRule.spacing), exp(b epsilon) at each pair is the
 * last one times exp(b sigma spacing), a product where exp took most of a pair's time (the
 * instance-noise field 3.5x faster at sharpness 7.5); exp itself at every GEOMETRIC_RUN-th pair,
 * so that at most GEOMETRIC_RUN - 1 products' roundings (about 3e-15 relative) build up. */
const GEOMETRIC_RUN = 16; // a power of two: the emitted loop tests node & (GEOMETRIC_RUN - 1)

/**
 * The sigmoids of the integrands, for a loop over the rule's pairs of nodes +-z that shares
 * their exponentials: each argument is w = a + b epsilon (linear in the noise, as noiseSlopes
 * checks), written as +-u with u = a + b epsilon, b's coefficient positive. With
 * E(epsilon) = exp(-u) = exp(-a) / exp(b epsilon), one exponential per slope b and node pair
 * gives every sigmoid at both nodes: sigmoid(u) = 1 / (1 + E), sigmoid(-u) = E / (1 + E),
 * neither of which cancels. Undefined where the integrands call another function of the noise.
 */
export interface PairedSigmoids {
  /** The canonical arguments u, and each one's offset a and the index of its slope. */
  readonly offsets: readonly Expr[];
  readonly slopeOf: readonly number[];
  readonly slopes: readonly Expr[];
  /** Each sigmoid of the noise: its canonical argument's index, and whether it is sigmoid(-u). */
  readonly sigmoids: ReadonlyMap<Expr, { readonly index: number; readonly flipped: boolean }>;
}

export function pairedSigmoids(integrands: readonly Expr[]): PairedSigmoids | undefined {
  const offsets: Expr[] = [];
  const slopes: Expr[] = [];
  const slopeOf: number[] = [];
  const canonical = new Map<Expr, number>();
  const sigmoids = new Map<Expr, { index: number; flipped: boolean }>();
  for (const node of new Set(integrands.flatMap((e) => nodesOf(e)))) {
    if ((node.kind !== 'call' && node.kind !== 'activation') || !noisy(node.arg)) continue;
    if (node.kind !== 'call' || node.fn !== 'sigmoid') return undefined;
    const [a, b] = coefficients(node.arg, EPSILON.name)!;
    const flipped = Q.sign(E.splitCoefficient(b!)[0]) < 0;
    const u = flipped ? E.neg(node.arg) : node.arg;
    let index = canonical.get(u);
    if (index === undefined) {
      index = offsets.length;
      canonical.set(u, index);
      offsets.push(flipped ? E.neg(a!) : a!);
      const slope = flipped ? E.neg(b!) : b!;
      const known = slopes.indexOf(slope);
      slopeOf.push(known >= 0 ? known : slopes.push(slope) - 1);
    }
    sigmoids.set(node, { index, flipped });
  }
  return offsets.length === 0 ? undefined : { offsets, slopeOf, slopes, sigmoids };
}

export interface PairedLoop {
  readonly integrands: readonly Expr[];
  readonly sums: readonly string[];
  readonly rule: string;
  readonly sigma: string;
  readonly paired: PairedSigmoids;
  readonly inScope: Set<string>;
  readonly fresh: (base: string) => string;
  /** The loop over every node, for where the paired one might overflow. */
  readonly nodeByNode: WriterFunction;
}

/**
 * The sums over the rule by pairs of nodes +-z (pairedSigmoids): the node at 0 on its own,
 * then each pair with its exponentials shared, where |a| + |b| sigma reach < 700 for every
 * argument (no exponential nor product of two overflows); node by node elsewhere.
 */
export function pairedLoop(context: Context, loop: PairedLoop): WriterFunction {
  const { integrands, sums, rule, sigma, paired, fresh } = loop;
  const epsilon = E.sym(EPSILON.name);
  // Names for the exponentials and the four sigmoids of each argument: sigmoid(+-u) at +-epsilon.
  const offsetExp = paired.offsets.map(() => fresh('offsetExp'));
  const slopeExp = paired.slopes.map(() => fresh('slopeExp'));
  const at = (side: 'Plus' | 'Minus', flipped: boolean): string[] => paired.offsets.map(() => fresh(`sigmoid${flipped ? 'Neg' : ''}${side}`));
  const names = { Plus: [at('Plus', false), at('Plus', true)], Minus: [at('Minus', false), at('Minus', true)] } as const;
  const atSide = (side: 'Plus' | 'Minus') => (e: Expr): Expr => rewrite(e, (node) => {
    const sigmoid = paired.sigmoids.get(node);
    if (sigmoid) return E.sym(names[side][sigmoid.flipped ? 1 : 0][sigmoid.index]!);
    return side === 'Minus' && node === epsilon ? E.neg(epsilon) : undefined;
  });
  const nodeSymbols = new Set([EPSILON.name, ...Object.values(names).flat(2)]);
  const pairs = integrands.map((e) => cheapestForm(E.add(atSide('Plus')(e), atSide('Minus')(e))));
  const used = new Set(pairs.flatMap((e) => [...symbolsOf(e)]));
  const block = printBlock(pairs, { enabled: context.cse, reserved: [...loop.inScope, ...nodeSymbols, ...offsetExp, ...slopeExp], invariant: (e) => ![...symbolsOf(e)].some((name) => nodeSymbols.has(name)) });
  const centre = computation(context, integrands.map((e) => substitute(e, new Map([[EPSILON.name, E.ZERO]]))), [...loop.inScope, ...block.temporaries.map((t) => t.name)]);
  const reach = fresh('reach');
  const pairWeight = fresh('pairWeight');
  const epsilonStep = fresh('epsilonStep');
  const slopeRatio = paired.slopes.map(() => fresh('slopeRatio'));
  // |a| + |b| reach < 700 for each argument; for a = 0 it follows from another argument's with the same slope.
  const offsetSlopes = new Set(paired.offsets.flatMap((a, j) => (a === E.ZERO ? [] : [paired.slopeOf[j]!])));
  const guard = [...new Set(paired.offsets.flatMap((a, j) => {
    const slope = `${magnitudeOf(paired.slopes[paired.slopeOf[j]!]!)} * ${reach}`;
    if (a !== E.ZERO) return [`${magnitudeOf(a)} + ${slope} < ${PAIRED_MAX_EXPONENT}`];
    return offsetSlopes.has(paired.slopeOf[j]!) ? [] : [`${slope} < ${PAIRED_MAX_EXPONENT}`];
  }))].join(' && ');
  const line = (t: { name: string; definition: string }): string => `const ${t.name} = ${t.definition};`;
  return (writer) => {
    // |sigma|: the unchecked entry points take a negative sigma too, whose nodes reach as far.
    writer.writeLine(`const ${reach} = Math.abs(${sigma}) * ${rule}.reach;`);
    writer.write(`if (${guard})`).block(() => {
      paired.offsets.forEach((a, j) => a !== E.ZERO && writer.writeLine(`const ${offsetExp[j]} = Math.exp(${toTs(E.neg(a))});`));
      block.temporaries.filter((t) => t.invariant).forEach((t) => writer.writeLine(line(t)));
      writer.write(`if (${rule}.centreWeight !== 0)`).block(() => {
        centre.lines.forEach((l) => writer.writeLine(l));
        sums.forEach((sum, i) => writer.writeLine(`${sum} += ${rule}.centreWeight * ${operand(centre.outputs[i]!)};`));
      });
      writer.writeLine(`const ${epsilonStep} = ${sigma} * ${rule}.spacing;`);
      paired.slopes.forEach((b, k) => writer.writeLine(`const ${slopeRatio[k]} = Math.exp(${toTs(E.mul(b, E.sym(epsilonStep)))});`));
      paired.slopes.forEach((_, k) => writer.writeLine(`let ${slopeExp[k]} = 1;`));
      writer.write(`for (let node = 0; node < ${rule}.positive.length; node++)`).block(() => {
        writer.writeLine(`const epsilon = ${sigma} * ${rule}.positive[node]!;`);
        writer.writeLine(`const ${pairWeight} = ${rule}.pairWeights[node]!;`);
        // GEOMETRIC_RUN: a product where the nodes are equally spaced, exp where they are not and every so often.
        writer.write(`if (${rule}.spacing !== 0 && (node & ${GEOMETRIC_RUN - 1}) !== 0)`).block(() => {
          paired.slopes.forEach((_, k) => writer.writeLine(`${slopeExp[k]} *= ${slopeRatio[k]};`));
        });
        writer.write('else').block(() => {
          paired.slopes.forEach((b, k) => writer.writeLine(`${slopeExp[k]} = Math.exp(${toTs(E.mul(b, epsilon))});`));
        });
        paired.offsets.forEach((a, j) => sigmoidsAtPair(a === E.ZERO ? undefined : offsetExp[j]!, slopeExp[paired.slopeOf[j]!]!, [names.Plus[0][j]!, names.Plus[1][j]!, names.Minus[0][j]!, names.Minus[1][j]!], used, fresh).forEach((l) => writer.writeLine(l)));
        block.temporaries.filter((t) => !t.invariant).forEach((t) => writer.writeLine(line(t)));
        sums.forEach((sum, i) => writer.writeLine(`${sum} += ${pairWeight} * ${operand(block.outputs[i]!)};`));
      });
    });
    writer.write('else').block(() => loop.nodeByNode(writer));
  };
}

/**
 * The sigmoids of u = a + b epsilon and of -u at both nodes of a pair, from e0 = exp(-a)
 * (undefined for a = 0: 1) and e1 = exp(b epsilon): at +epsilon exp(-u) = e0 / e1, so
 * sigmoid(u) = e1 / (e1 + e0) and sigmoid(-u) = e0 / (e1 + e0); at -epsilon exp(-u) = e0 e1,
 * so sigmoid(u) = 1 / (1 + e0 e1) and sigmoid(-u) = e0 e1 / (1 + e0 e1). `names`: sigmoid(u)
 * and sigmoid(-u) at +epsilon, then at -epsilon; only those in `used` are declared.
 */
function sigmoidsAtPair(e0: string | undefined, e1: string, names: readonly [string, string, string, string], used: ReadonlySet<string>, fresh: (base: string) => string): string[] {
  const [plus, negPlus, minus, negMinus] = names;
  const lines: string[] = [];
  if (e0 === undefined) {
    // a = 0: one reciprocal serves both nodes, sigmoid(-u) at +epsilon being sigmoid(u) at -epsilon.
    const reciprocal = fresh('reciprocal');
    lines.push(`const ${reciprocal} = 1 / (1 + ${e1});`);
    for (const [name, value] of [[plus, `${e1} * ${reciprocal}`], [negPlus, reciprocal], [minus, reciprocal], [negMinus, `${e1} * ${reciprocal}`]] as const) {
      if (used.has(name)) lines.push(`const ${name} = ${value};`);
    }
    return lines;
  }
  if (used.has(plus) || used.has(negPlus)) {
    const reciprocal = fresh('reciprocalPlus');
    lines.push(`const ${reciprocal} = 1 / (${e1} + ${e0});`);
    if (used.has(plus)) lines.push(`const ${plus} = ${e1} * ${reciprocal};`);
    if (used.has(negPlus)) lines.push(`const ${negPlus} = ${e0} * ${reciprocal};`);
  }
  if (used.has(minus) || used.has(negMinus)) {
    const product = fresh('expMinus');
    lines.push(`const ${product} = ${e0} * ${e1};`);
    const reciprocal = used.has(minus) ? minus : fresh('reciprocalMinus');
    lines.push(`const ${reciprocal} = 1 / (1 + ${product});`);
    if (used.has(negMinus)) lines.push(`const ${negMinus} = ${product} * ${reciprocal};`);
  }
  return lines;
}

/** |x| as printed: x itself for a non-negative number. */
const magnitudeOf = (x: Expr): string => (x.kind === 'num' && Q.sign(x.value) >= 0 ? toTs(x) : `Math.abs(${toTs(x)})`);

