/** The training methods of methods/, as generated/methods.json describes them (the record contract). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { METHODS_RECORD } from '../../generator/contract/records.js';
import type { MethodsRecord, RuleRecord } from '../../generator/contract/records.js';
import { GENERATED } from './games.js';

let loaded: MethodsRecord | undefined;

export function methodsRecord(dir = GENERATED): MethodsRecord {
  if (dir !== GENERATED) return JSON.parse(readFileSync(path.join(dir, METHODS_RECORD), 'utf8')) as MethodsRecord;
  loaded ??= JSON.parse(readFileSync(path.join(dir, METHODS_RECORD), 'utf8')) as MethodsRecord;
  return loaded;
}

export type Plane = RuleRecord['planes'][number];
export { coefficientsAt } from '../../generator/contract/records.js';
