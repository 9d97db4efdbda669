/**
 * The training steps of a game module: the runtime builds them (runtime/steps.ts) from the
 * field and its two components, which this module emits, and the bounds of the game's
 * clipping constraints. They are fast paths: the rates are not checked; the trajectory
 * runner that calls them is.
 */
import { toTs } from '../../print/ts.js';
import { hyperparameterLocals } from './blocks.js';
import { expectation } from './noise.js';
import { arrow } from './context.js';
import type { Context, Statement, WriterFunction } from './context.js';

/** One component of the field, alone, as an arrow function: what a player's alternating step evaluates. */
function component(context: Context, index: 0 | 1): WriterFunction {
  const output = context.stage.field[index];
  const { lines, outputs } = expectation(context, [output], [index === 0 ? 'vTheta' : 'vPhi']);
  const body = arrow('theta, phi, p', [...hyperparameterLocals(context, [output]), ...lines, `return ${outputs[0]};`]);
  return (writer) => {
    writer.write(`${index === 0 ? 'fieldTheta' : 'fieldPhi'}: `);
    body(writer);
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
  const table = ['vectorField: vectorFieldUnchecked', component(context, 0), component(context, 1), ...(context.abstract ? [] : ['defaults']), ...clipEntries(context)];
  return [(writer) => {
    writer.write(`export const { ${STEP_NAMES.join(', ')} } = defineSteps<Params>(`).inlineBlock(() => table.forEach((entry) => {
      if (typeof entry === 'string') writer.write(entry);
      else entry(writer);
      writer.write(',').newLine();
    })).write(');').newLine();
  }];
}

/** The steps, as the runtime's TrainingSteps names them. */
export const STEP_NAMES = ['simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep'];
