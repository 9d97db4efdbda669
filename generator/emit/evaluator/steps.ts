/**
 * The training steps of a game module: the runtime builds them (runtime/steps.ts) from the
 * field and its two components, which this module emits, and the bounds of the game's
 * clipping constraints. They are fast paths: the rates are not checked; the trajectory
 * runner that calls them is.
 */
import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { VariableStatementStructure } from 'ts-morph';
import { toTs } from '../../print/ts.js';
import { expectation, hyperparameterLocals } from './blocks.js';
import { FIELD_TEX, THETA_PHI, constraintDoc, display, docs, noiseDoc } from './context.js';
import type { Context, JSDocs, Statement } from './context.js';

const constant = (name: string, type: string | undefined, initializer: string, jsDocs?: JSDocs): VariableStatementStructure => ({
  kind: StructureKind.VariableStatement,
  declarationKind: VariableDeclarationKind.Const,
  isExported: jsDocs !== undefined,
  ...(jsDocs ? { docs: jsDocs } : {}),
  declarations: [{ name, ...(type ? { type } : {}), initializer }],
});

/** One component of the field, alone: what a player's alternating step evaluates. */
function component(context: Context, name: string, index: 0 | 1): Statement {
  const output = context.stage.field[index];
  const { lines, outputs } = expectation(context, [output], [index === 0 ? 'vTheta' : 'vPhi']);
  return {
    kind: StructureKind.Function,
    name,
    docs: [`v_${index === 0 ? 'theta' : 'phi'} alone, unchecked: the ${index === 0 ? "generator's" : "discriminator's"} alternating steps.`],
    parameters: [...THETA_PHI, { name: 'p', type: 'Params' }],
    returnType: 'number',
    statements: [...hyperparameterLocals(context, [output]), ...lines, `return ${outputs[0]};`],
  };
}

/** `(p) => bound` for each clipped parameter. */
function clipEntries(context: Context): string[] {
  return context.constraints.map((c) => {
    const locals = hyperparameterLocals(context, [c.bound]);
    const bound = toTs(c.bound);
    return `clip${c.parameter === 'theta' ? 'Theta' : 'Phi'}: (p) => ${locals.length === 0 ? bound : `{ ${locals.join(' ')} return ${bound}; }`}`;
  });
}

/** The field's components, the steps built from them, and the four exported steps with their formulas. */
export function trainingSteps(context: Context): Statement[] {
  const field = context.stage.field;
  const optionalP = context.abstract ? 'p: Params' : 'p?: Params';
  const table = ['vectorField: vectorFieldUnchecked', 'fieldTheta', 'fieldPhi', ...(context.abstract ? [] : ['defaults']), ...clipEntries(context)];
  return [
    component(context, 'fieldTheta', 0),
    component(context, 'fieldPhi', 1),
    constant('steps', undefined, `defineSteps<Params>({ ${table.join(', ')} })`),
    constant('simultaneousStep', `(theta: number, phi: number, h: number, ${optionalP}, out?: Float64Array) => Float64Array`, 'steps.simultaneous', docs(
      context,
      `One simultaneous gradient step of both players (unchecked), with ${FIELD_TEX} the vector field:`,
      display('(\\theta, \\phi) \\mapsto (\\theta, \\phi) + h \\, v(\\theta, \\phi)'),
      ...noiseDoc(context, field), ...constraintDoc(context, 'The update is'),
    )),
    constant('alternatingStep', `(theta: number, phi: number, schedule: Schedule, ${optionalP}, out?: Float64Array) => Float64Array`, 'steps.alternating', docs(
      context,
      `One round of alternating gradient steps (unchecked), as in the usual GAN training loop: first nD discriminator steps, then nG generator steps, each seeing the other player's latest value:`,
      display(`\\phi \\leftarrow \\phi + h_D \\, v_{\\phi}(\\theta, \\phi) \\; (n_D \\text{ times}), \\quad \\theta \\leftarrow \\theta + h_G \\, v_{\\theta}(\\theta, \\phi) \\; (n_G \\text{ times})`),
      ...noiseDoc(context, field), ...constraintDoc(context, 'Each discriminator and each generator step is'),
    )),
    constant('extragradientStep', `(theta: number, phi: number, h: number, ${optionalP}, out?: Float64Array) => Float64Array`, 'steps.extragradient', docs(
      context,
      `One extragradient step (Korpelevich 1976; unchecked): a simultaneous step to a look-ahead point, then the step from the start with the field there:`,
      display('x \\mapsto x + h \\, v\\big(x + h \\, v(x)\\big), \\quad x = (\\theta, \\phi)'),
      ...noiseDoc(context, field), ...constraintDoc(context, 'Both the look-ahead point and the update are'),
    )),
    constant('optimisticStep', `(theta: number, phi: number, previousVTheta: number, previousVPhi: number, h: number, ${optionalP}, out?: Float64Array) => Float64Array`, 'steps.optimistic', docs(
      context,
      `One optimistic gradient step (Daskalakis et al. 2018; unchecked): the simultaneous step corrected by the change of the field since the previous step. \`out\` receives theta and phi after the step, then the field before it: pass out[2] and out[3] as the previous field of the next step, and the field at the start point to the first step, which makes it exactly simultaneousStep:`,
      display('x_{k+1} = x_k + 2h \\, v(x_k) - h \\, v(x_{k-1})'),
      ...noiseDoc(context, field), ...constraintDoc(context, 'The update (out[0], out[1]) is'),
    )),
  ];
}
