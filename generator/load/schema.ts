/**
 * The runtime check of a derivation file's shape (the TypeScript type in game.ts checks
 * it in the editor; this checks it when a file is loaded, with unknown fields rejected,
 * so that a misspelt field is an error and not silently ignored).
 */
import { z } from 'zod';
import type { GameDefinition } from '../game.js';
import { ARTICLE_SLOTS } from '../contract/article.js';
import { reservedNameReason } from '../vocabulary/reserved.js';
import { VERDICTS } from '../vocabulary/verdicts.js';
import { NONLINEAR_VERDICTS } from '../analyse/verdict.js';
import { METHODS } from '../../runtime/methods.js';
import type { Method } from '../../runtime/methods.js';

const text = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
/** Longer expressions are refused: the derivation's work grows fast with their length. */
export const MAX_EXPRESSION_LENGTH = 1000;
const expression = z
  .string()
  .min(1, 'expected an expression')
  .max(MAX_EXPRESSION_LENGTH, { error: (issue) => `an expression is at most ${MAX_EXPRESSION_LENGTH} characters; this one has ${String((issue.input as string).length)}` });
const distribution = z.enum(['data', 'generator', 'interpolated', 'pair']);
const term = z.strictObject({ over: distribution, of: expression, noise: expression.optional() });
const player = z.enum(['generator', 'discriminator']);

const regulariser = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('expectation'), name: z.string().min(1), player, weight: expression, term }),
  z.strictObject({ kind: z.literal('consensus'), name: z.string().min(1), weight: expression }),
]);

const hyperparameter = z
  .strictObject({
    default: z.number().finite(),
    range: z.tuple([z.number().finite(), z.number().finite()]),
    description: text,
  })
  .refine((h) => h.range[0] < h.range[1] && h.default >= h.range[0] && h.default <= h.range[1], {
    message: 'the default must lie inside range [min, max] with min < max',
  });

/** A hyperparameter's name, checked on the record (a key schema's message would be lost in
 * zod's "Invalid key in record"), so that the message names the key and the reason. */
function checkHyperparameterNames(record: Readonly<Record<string, unknown>>, context: z.RefinementCtx): void {
  for (const name of Object.keys(record)) {
    const reserved = reservedNameReason(name);
    const problem = !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)
      ? 'a hyperparameter name is a letter followed by letters, digits or _'
      : reserved && `this name is reserved: ${reserved}; choose another`;
    if (problem) context.addIssue({ code: 'custom', path: [name], message: problem });
  }
}

const verdict = z.enum(VERDICTS);
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
  hyperparameters: z.record(z.string(), hyperparameter).superRefine(checkHyperparameterNames),
  claims: z.strictObject({
    verdict,
    eigenvalues: z.strictObject({ re: expression, im: expression }).optional(),
    invariant: expression.optional(),
    flow: z.enum(NONLINEAR_VERDICTS).optional(),
    bounds: z.strictObject(Object.fromEntries(METHODS.map((m) => [m, expression.optional()])) as Record<Method, z.ZodOptional<typeof expression>>).optional(),
    source: z.string().min(1),
  }),
});

// The schema and the authors' type must describe the same thing.
type Parsed = z.infer<typeof gameSchema>;
export const parsedIsDefinition: Parsed extends GameDefinition ? true : false = true;
export const sameFields: [keyof GameDefinition] extends [keyof Parsed] ? ([keyof Parsed] extends [keyof GameDefinition] ? true : false) : false = true;
