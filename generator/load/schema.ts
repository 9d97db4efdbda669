/**
 * The runtime check of a derivation file's shape (the TypeScript type in game.ts checks
 * it in the editor; this checks it when a file is loaded, with unknown fields rejected,
 * so that a misspelt field is an error and not silently ignored).
 */
import { z } from 'zod';
import type { GameDefinition } from '../game.js';
import { ARTICLE_SLOTS } from '../slots.js';

const text = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
/** Longer expressions are refused: the derivation's work grows fast with their length. */
export const MAX_EXPRESSION_LENGTH = 1000;
const expression = z
  .string()
  .min(1, 'expected an expression')
  .max(MAX_EXPRESSION_LENGTH, { error: (issue) => `an expression is at most ${MAX_EXPRESSION_LENGTH} characters; this one has ${String((issue.input as string).length)}` });
const distribution = z.enum(['data', 'generator', 'interpolated']);
const term = z.strictObject({ over: distribution, of: expression, noise: expression.optional() });
const player = z.enum(['generator', 'discriminator']);

const regulariser = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('expectation'), name: z.string().min(1), player, weight: expression, term }),
  z.strictObject({ kind: z.literal('consensus'), name: z.string().min(1), weight: expression }),
]);

const hyperparameter = z
  .strictObject({
    default: z.number().finite(),
    range: z.tuple([z.number().finite().positive(), z.number().finite()]),
    description: text,
  })
  .refine((h) => h.range[0] < h.range[1] && h.default >= h.range[0] && h.default <= h.range[1], {
    message: 'the default must lie inside range [min, max] with 0 < min < max',
  });

export const RESERVED_NAMES = ['x', 't', 'theta', 'phi', 'epsilon', 'max', 'min', 'relu', 'step', 'e', 'pi', 'i', 'f', 'df', 'D', 'gradD', 'exp', 'log', 'abs', 'sign', 'sqrt', 'softplus', 'sigmoid'];

/** Why a name cannot be a hyperparameter, or undefined when it can. */
export function reservedBecause(name: string): string | undefined {
  if (['x', 'theta', 'phi', 't', 'epsilon'].includes(name)) return 'it is a variable of the derivation (x the sample, theta and phi the parameters, t the activation\'s argument, epsilon the instance noise)';
  if (['f', 'df', 'D', 'gradD'].includes(name) || /^d\d+f$/.test(name)) return 'it names the activation f, its derivatives (df, d2f, ...), the discriminator D or its input gradient gradD';
  if (['e', 'pi', 'i'].includes(name)) return 'the algebra engine reads it as the constant e, pi or the imaginary unit';
  if (RESERVED_NAMES.includes(name)) return 'it is a function expressions may call';
  return undefined;
}

const hyperparameters = z.record(z.string(), hyperparameter).superRefine((record, context) => {
  for (const name of Object.keys(record)) {
    const reason = /^[A-Za-z][A-Za-z0-9_]*$/.test(name)
      ? reservedBecause(name) && `'${name}' is reserved: ${reservedBecause(name)}; choose another name`
      : `'${name}' is not a valid name: a hyperparameter name is a letter followed by letters, digits or _`;
    if (reason) context.addIssue({ code: 'custom', path: [name], message: reason });
  }
});

const verdict = z.enum(['locally-convergent', 'purely-imaginary', 'unstable', 'not-differentiable', 'inconclusive']);
const slotIds = ARTICLE_SLOTS.map((s) => s.id) as [string, ...string[]];

export const gameSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is kebab-case: lower-case letters, digits and -'),
  title: text,
  summary: text,
  sources: z.array(z.string().min(1)).min(1),
  slots: z.array(z.enum(slotIds)),
  activation: z.union([z.literal('abstract'), z.literal('none'), z.strictObject({ definition: expression })]),
  discriminator: expression,
  objectives: z.strictObject({ generator: z.array(term).min(1), discriminator: z.array(term).min(1) }),
  regularisers: z.array(regulariser),
  constraints: z.array(z.strictObject({ kind: z.literal('clip'), parameter: z.enum(['theta', 'phi']), bound: expression })).optional(),
  hyperparameters,
  claims: z.strictObject({
    verdict,
    eigenvalues: z.strictObject({ re: expression, im: expression }).optional(),
    invariant: expression.optional(),
    source: z.string().min(1),
  }),
});

// The schema and the authors' type must describe the same thing.
type Parsed = z.infer<typeof gameSchema>;
export const parsedIsDefinition: Parsed extends GameDefinition ? true : false = true;
export const sameFields: [keyof GameDefinition] extends [keyof Parsed] ? ([keyof Parsed] extends [keyof GameDefinition] ? true : false) : false = true;
