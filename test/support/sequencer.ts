/**
 * The order the test files start in: the longest first, so that the two workers finish
 * together instead of one running the browser test alone at the end. vitest orders by the
 * durations it cached on the last run, and by file size on a fresh clone (CI's case), which
 * puts the longest files anywhere; these are the longest, measured (`npx vitest run
 * --reporter=verbose`), longest first. The other files keep vitest's order after them.
 */
import path from 'node:path';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

const LONGEST_FIRST = ['site', 'stability', 'bad-input', 'hardening', 'emit-ts', 'derivation', 'methods', 'typecheck', 'package', 'site-model', 'emit-training', 'zhang-yu'];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      const index = LONGEST_FIRST.indexOf(path.basename(file.moduleId, '.test.ts'));
      return index < 0 ? LONGEST_FIRST.length : index;
    };
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}
