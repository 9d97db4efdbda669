/**
 * Loading methods/: every training-method file, bundled by esbuild as the derivations are
 * (load.ts) and imported here, in the generator's own thread: a method is a rule written as
 * code (a function), which a worker could not hand back. Its shape is checked as a
 * derivation's is, and its names against the games' symbols.
 */
import path from 'node:path';
import { z } from 'zod';
import type { MethodDefinition } from '../method.js';
import { DerivationError, fieldPath } from './errors.js';
import { bundle, bundleAll, importError, whereThrown } from './load.js';
import { hyperparameter, text } from './schema.js';
import { ID_PATTERN, ID_RULE } from '../game.js';
import { scanDerivations } from './scan.js';
import { reservedNameReason } from '../vocabulary/reserved.js';
import { methodSources } from '../methods/sources.js';

/** The largest count the generator multiplies out: each step multiplies the size of the map's
 * entries (lookahead's alternating map at k = 7 takes seconds, at 8 more memory than Node has). */
export const MAX_COUNT = 6;
const count = z.strictObject({ default: z.number().int().min(1).max(MAX_COUNT, `a count is at most ${MAX_COUNT}: the rule is multiplied out that many times`), range: z.tuple([z.number().int().min(1), z.number().int().max(64)]), description: text })
  .refine((c) => c.range[0] <= c.default && c.default <= c.range[1], { message: 'the default must lie inside range [min, max]' });
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a name is a letter followed by letters, digits or _');

const methodSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, `an id is ${ID_RULE}`),
  title: text,
  summary: text,
  sources: z.array(z.string().min(1)).min(1),
  memory: z.array(name).refine((names) => !names.includes('x') && new Set(names).size === names.length, { message: "the memory's names are distinct, and none is x (the point itself)" }),
  start: z.record(name, z.number().finite()).optional(),
  hyperparameters: z.record(name, hyperparameter).optional(),
  counts: z.record(name, count).optional(),
  step: z.custom<MethodDefinition['step']>((v) => typeof v === 'function', 'expected the rule, a function (state, context) => next state'),
  notDifferentiable: text.optional(),
});

/** Modules by their bundled code: a file imported again unchanged (the tests' generator
 * process runs many times) is the same method, whose derivations are then not repeated. */
const imported = new Map<string, Promise<{ default?: unknown }>>();
const importOnce = (code: string): Promise<{ default?: unknown }> => {
  let module = imported.get(code);
  if (!module) {
    module = import(`data:text/javascript,${encodeURIComponent(code)}`) as Promise<{ default?: unknown }>;
    imported.set(code, module);
  }
  return module;
};

/** The method files of a folder, loaded and checked: those that load, and an error for each that does not. */
export async function loadMethods(directory: string, root: string): Promise<{ methods: MethodDefinition[]; errors: DerivationError[] }> {
  const folder = path.relative(root, directory).split(path.sep).join('/');
  let files: string[];
  try {
    files = (await scanDerivations(directory)).files;
  } catch {
    throw new DerivationError(`${folder}/`, '', 'the folder of training methods is missing (the project has one file per method there)');
  }
  const bundles = await bundleAll(files);
  const methods: MethodDefinition[] = [];
  const errors: DerivationError[] = [];
  for (const absolutePath of files) {
    const file = path.relative(root, absolutePath).split(path.sep).join('/');
    try {
      const bundled = bundles.get(absolutePath) ?? (await bundle(absolutePath));
      if ('unbuilt' in bundled) throw importError(file, root, bundled);
      let module: { default?: unknown };
      // Deep enough to reach the method's own frame below the pieces it called (V8 keeps 10).
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 50;
      try {
        module = await importOnce(bundled.code);
      } catch (error) {
        const at = whereThrown(absolutePath, bundled, error instanceof Error ? error.stack : undefined);
        throw new DerivationError(at ? `${file}:${at}` : file, '', `failed while loading: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
      const parsed = methodSchema.safeParse(module.default);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new DerivationError(file, fieldPath(issue.path) || '(top level)', issue.message);
      }
      // The module's own object, not zod's copy: the same object while the file is unchanged.
      const method = module.default as MethodDefinition;
      // Without esbuild's comments naming each module's path, which differ between copies of the
      // project (the tests' temporary ones): the same code is the same key for what is kept (cache.ts).
      methodSources.set(method, bundled.code.replace(/^\/\/ \S+\.[cm]?[jt]s\n/gm, ''));
      if (method.id !== path.basename(absolutePath, '.ts')) throw new DerivationError(file, 'id', `'${method.id}' must match the file name`);
      for (const memory of Object.keys(method.start ?? {})) {
        if (!method.memory.includes(memory)) throw new DerivationError(file, `start.${memory}`, `'${memory}' is not one of the memory's names (${method.memory.map((n) => `'${n}'`).join(', ') || 'none'})`);
      }
      for (const key of [...Object.keys(method.hyperparameters ?? {}), ...Object.keys(method.counts ?? {})]) {
        const reserved = reservedNameReason(key);
        if (reserved) throw new DerivationError(file, `hyperparameters.${key}`, `this name is reserved: ${reserved}; choose another`);
      }
      methods.push(method);
    } catch (error) {
      if (!(error instanceof DerivationError)) throw error;
      errors.push(error);
    }
  }
  return { methods, errors };
}
