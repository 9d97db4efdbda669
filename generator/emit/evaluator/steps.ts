/**
 * The training steps of a game module: the runtime builds them (runtime/steps.ts) from the
 * field and its two components, which this module emits, and the bounds of the game's
 * clipping constraints. They are fast paths: the rates are not checked; the trajectory
 * runner that calls them is.
 */
import { StructureKind } from '../ts-morph.js';
import { toTs } from '../../print/ts.js';
import { expectation, hyperparameterLocals } from './blocks.js';
import { THETA_PHI } from './context.js';
import type { Context, Statement } from './context.js';

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

/** The field's components and the four exported steps built from them (their doc comments are the runtime's, TrainingSteps). */
export function trainingSteps(context: Context): Statement[] {
  const table = ['vectorField: vectorFieldUnchecked', 'fieldTheta', 'fieldPhi', ...(context.abstract ? [] : ['defaults']), ...clipEntries(context)];
  return [
    component(context, 'fieldTheta', 0),
    component(context, 'fieldPhi', 1),
    `export const { ${STEP_NAMES.join(', ')} } = defineSteps<Params>({ ${table.join(', ')} });`,
  ];
}

/** The steps, as the runtime's TrainingSteps names them. */
export const STEP_NAMES = ['simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep'];
