/**
 * The runtime check of a derivation file's shape (the TypeScript type in game.ts checks
 * it in the editor; this checks it when a file is loaded, with unknown fields rejected,
 * so that a misspelt field is an error and not silently ignored).
 */
import { z } from 'zod';
import { DIRAC_GAN_DISCRIMINATOR, ID_PATTERN, ID_RULE } from '../game.js';
import type { GameDefinition, GameInput } from '../game.js';
import { ARTICLE_SLOTS } from '../contract/article.js';
import { reservedNameReason } from '../vocabulary/reserved.js';
import { VERDICTS } from '../vocabulary/verdicts.js';
import { NONLINEAR_VERDICTS } from '../analyse/verdict.js';
import { METHODS } from '../../runtime/methods.js';
import type { Method } from '../../runtime/methods.js';

/** Game ids the generator's own outputs take: generated/index.ts, methods.ts and methods.json, and
 * the index's exports games, gameIds and trainingMethods (a game's namespace is its id in camelCase). */
const GENERATOR_IDS: readonly string[] = ['index', 'methods', 'games', 'game-ids', 'training-methods'];

export const text = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
/** Longer expressions are refused: the derivation's work grows fast with their length. */
export const MAX_EXPRESSION_LENGTH = 1000;
const expression = z
  .string()
  .min(1, 'expected an expression')
  .max(MAX_EXPRESSION_LENGTH, { error: (issue) => `an expression is at most ${MAX_EXPRESSION_LENGTH} characters; this one has ${String((issue.input as string).length)}` });
const distribution = z.enum(['data', 'generator', 'interpolated', 'pair']);
const term = z.strictObject({ over: distribution, of: expression, noise: expression.optional() });
const player = z.enum(['generator', 'discriminator']);

// A regulariser without a kind is an expectation; filled in before the union reads the kind.
const expectationPenalty = z.strictObject({ kind: z.literal('expectation'), name: z.string().min(1), player, weight: expression, term });
const consensusPenalty = z.strictObject({ kind: z.literal('consensus'), name: z.string().min(1), weight: expression });
const regulariser = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !('kind' in value) ? { kind: 'expectation', ...value } : value),
  z.discriminatedUnion('kind', [expectationPenalty, consensusPenalty]),
);
const clip = z.strictObject({ kind: z.literal('clip'), parameter: z.enum(['theta', 'phi']), bound: expression });

const hyperparameterFields = z.strictObject({
  default: z.number().finite(),
  range: z.tuple([z.number().finite(), z.number().finite()]),
  description: text,
});
export const hyperparameter = hyperparameterFields
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

const objectiveTerms = z.array(term).min(1);
const claims = z.strictObject({
  verdict,
  eigenvalues: z.strictObject({ re: expression, im: expression }).optional(),
  invariant: expression.optional(),
  flow: z.enum(NONLINEAR_VERDICTS).optional(),
  bounds: z.strictObject(Object.fromEntries(METHODS.map((m) => [m, expression.optional()])) as Record<Method, z.ZodOptional<typeof expression>>).optional(),
  source: z.string().min(1),
});

const gameFields = z.strictObject({
  id: z.string().regex(ID_PATTERN, `an id is ${ID_RULE}`)
    .refine((id) => !GENERATOR_IDS.includes(id), { message: `the generator's own files and exports of generated/ take this name (${GENERATOR_IDS.join(', ')}): choose another id` }),
  title: text,
  summary: text,
  sources: z.array(z.string().min(1)).min(1),
  slots: z.array(z.enum(slotIds)).default([]),
  activation: z.union([z.literal('abstract'), z.literal('none'), z.strictObject({ definition: expression })]),
  discriminator: expression.default(DIRAC_GAN_DISCRIMINATOR),
  objective: objectiveTerms.optional(),
  objectives: z.strictObject({ generator: objectiveTerms, discriminator: objectiveTerms }).optional(),
  regularisers: z.array(regulariser).default([]),
  constraints: z.array(clip).default([]),
  hyperparameters: z.record(z.string(), hyperparameter).superRefine(checkHyperparameterNames).default({}),
  claims,
});

/** The field names the format knows where an unknown one was found, for the loader's guess
 * at a misspelling: the game's own fields at the top level, any of the format's below. */
const TOP_LEVEL = Object.keys(gameFields.shape);
const NESTED = [...new Set([
  ...[term, expectationPenalty, consensusPenalty, clip, hyperparameterFields, claims, text].flatMap((o) => Object.keys(o.shape)),
  'definition', 're', 'im', ...METHODS,
])];
export const fieldNamesAt = (path: readonly PropertyKey[]): readonly string[] => (path.length === 0 ? TOP_LEVEL : NESTED);

/** A derivation file's game (GameInput), checked, with its defaults filled in (GameDefinition). */
export const gameSchema = gameFields
  .superRefine((game, context) => {
    if ((game.objective === undefined) === (game.objectives === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [game.objective === undefined ? 'objectives' : 'objective'],
        message: game.objective === undefined
          ? "missing: give each player's objective as objectives: { generator, discriminator }, or a zero-sum game's one objective as objective"
          : 'give either objective (a zero-sum game: one objective for both players) or objectives (one each), not both',
      });
    }
  })
  .transform(({ objective, objectives, ...game }): GameDefinition => ({
    id: game.id,
    title: game.title,
    summary: game.summary,
    sources: game.sources,
    slots: game.slots,
    activation: game.activation,
    discriminator: game.discriminator,
    objectives: objectives ?? { generator: objective!, discriminator: objective! },
    zeroSum: objective !== undefined,
    regularisers: game.regularisers,
    constraints: game.constraints,
    hyperparameters: game.hyperparameters,
    claims: game.claims,
  }));

// The schema and the authors' type must describe the same thing.
export const parsedIsDefinition: z.output<typeof gameSchema> extends GameDefinition ? true : false = true;
type WrittenFields = keyof z.input<typeof gameSchema>;
export const sameFields: [keyof GameInput | 'objective' | 'objectives'] extends [WrittenFields] ? ([WrittenFields] extends [keyof GameInput | 'objective' | 'objectives'] ? true : false) : false = true;
