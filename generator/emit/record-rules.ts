/**
 * The training methods of methods/ in a game's record (RuleRecord), and generated/methods.json:
 * each method's description and the Schur conditions of each degree its maps have.
 */
import * as E from '../ir/expr.js';
import { toNerdamer } from '../cas/text.js';
import { matrixToTex, toTex } from '../print/tex.js';
import { plainSymbol } from '../print/plain.js';
import type { MethodsRecord, Rendered, RuleRecord } from '../contract/records.js';
import type { RuleAnalysis } from '../methods/analyse.js';
import type { JointOptimum, Optimum } from '../methods/optimum.js';
import { MU } from '../methods/analyse.js';
import { schurConditions } from '../methods/schur.js';
import type { MethodDefinition } from '../method.js';

/** Beyond this many characters a formula is not written out (lookahead's k steps multiplied out). */
const LONGEST = 4000;

/** A formula as text and TeX, or a note of its length where it is too long to read. */
const rendered = (text: string, tex: () => string): Rendered =>
  text.length > LONGEST ? { text: `(${text.length} characters: not written out)`, tex: '\\text{(too long to write out)}' } : { text, tex: tex() };

/** By analysis: games that share J(0, 0) share their analyses (methods/analyse.ts), and their records. */
const written = new WeakMap<RuleAnalysis, RuleRecord>();

export function ruleRecords(rules: readonly RuleAnalysis[]): RuleRecord[] {
  return rules.map((rule) => {
    const known = written.get(rule);
    if (known) return known;
    const record = ruleRecord(rule);
    written.set(rule, record);
    return record;
  });
}

function ruleRecord(rule: RuleAnalysis): RuleRecord {
  const formulas = rule.formulas;
  const p = formulas && E.add(...formulas.polynomial.map((c, k) => E.mul(c, E.pow(E.sym(MU), E.num(k)))));
  return {
    method: rule.method.id,
    variant: rule.variant,
    ...(formulas && p ? {
      map: rendered(`matrix(${formulas.matrix.map((row) => `[${row.map((x) => toNerdamer(x)).join(', ')}]`).join(', ')})`, () => `M = ${matrixToTex(formulas.matrix)}`),
      polynomial: rendered(toNerdamer(p), () => `p(\\mu) = ${toTex(p)}`),
    } : {}),
    degree: rule.degree,
    verdict: rule.oneRate.verdict,
    ...(rule.oneRate.bound === undefined ? {} : { bound: rule.oneRate.bound }),
    intervals: rule.oneRate.intervals.map((i) => ({ from: i.from, to: Number.isFinite(i.to) ? i.to : null })),
    atDefaults: rule.defaults,
    ...(rule.optimum ? { optimum: optimumRecord(rule.optimum) } : {}),
    ...(rule.jointOptimum ? { jointOptimum: jointRecord(rule.jointOptimum) } : {}),
    planes: rule.planes,
  };
}


/** Numbers to 10 digits: the search's tolerance, and no digits that vary with rounding. */
const digits = (x: number): number => Number(x.toPrecision(10));

function optimumRecord(optimum: Optimum): NonNullable<RuleRecord['optimum']> {
  const { closedForm } = optimum;
  return {
    h: digits(optimum.h),
    radius: digits(optimum.radius),
    ...(closedForm ? {
      closedForm: {
        h: rendered(toNerdamer(closedForm.h), () => `h^* = ${toTex(closedForm.h)}`),
        radiusSquared: rendered(toNerdamer(closedForm.radiusSquared), () => `\\rho^{*2} = ${toTex(closedForm.radiusSquared)}`),
      },
    } : {}),
  };
}

function jointRecord(joint: JointOptimum): NonNullable<RuleRecord['jointOptimum']> {
  const { closedForm } = joint;
  return {
    name: joint.name,
    value: digits(joint.value),
    h: digits(joint.h),
    radius: digits(joint.radius),
    ...(closedForm ? {
      closedForm: {
        value: rendered(toNerdamer(closedForm.value), () => `${toTex(E.sym(joint.name))}^* = ${toTex(closedForm.value)}`),
        h: rendered(toNerdamer(closedForm.h), () => `h^* = ${toTex(closedForm.h)}`),
      },
    } : {}),
  };
}

export function methodsRecord(methods: readonly MethodDefinition[], degrees: readonly number[], comment: string): MethodsRecord {
  return {
    $comment: comment,
    methods: methods.map((m) => ({
      id: m.id,
      title: m.title,
      summary: m.summary,
      sources: m.sources,
      memory: m.memory,
      ...(m.notDifferentiable ? { notDifferentiable: m.notDifferentiable } : {}),
      hyperparameters: [
        ...Object.entries(m.hyperparameters ?? {}).map(([name, h]) => ({ name, symbol: plainSymbol(name), tex: toTex(E.sym(name)), default: h.default, range: h.range, description: h.description, count: false })),
        ...Object.entries(m.counts ?? {}).map(([name, c]) => ({ name, symbol: plainSymbol(name), tex: toTex(E.sym(name)), default: c.default, range: c.range, description: c.description, count: true })),
      ],
    })),
    schur: Object.fromEntries([...new Set(degrees)].sort((a, b) => a - b).map((n) => [String(n), schurConditions(n).map((c) => ({ text: `${toNerdamer(c.expression)} > 0`, tex: `${toTex(c.expression)} > 0` }))])),
  };
}
