/** The training methods of methods/, as generated/methods.json describes them (the record
 * contract): set by whoever has that file (loadGames; the playground's worker, which the site's
 * build gives it), read by the pages. */
import type { MethodsRecord, RuleRecord } from '../../generator/contract/records.js';

let known: MethodsRecord | undefined;

export const setMethodsRecord = (record: MethodsRecord): void => {
  known = record;
};

export function methodsRecord(): MethodsRecord {
  if (!known) throw new Error('the methods are not known yet: load the games first (site/data/games.ts)');
  return known;
}

export type Plane = RuleRecord['planes'][number];
export { coefficientsAt } from '../../generator/contract/records.js';
