/**
 * The page script (bundled by esbuild into assets/site.<lang>.js, one per language with that
 * language's words only; build.ts writes the entry that calls `start`): progressive
 * enhancement only. Without it every page reads the same, with static pictures.
 */
import type { Strings } from '../i18n.js';
import { enableCopyButtons } from './copy.js';
import { enableExplorer } from './explore.js';

export function start(t: Strings): void {
  enableCopyButtons({ copied: t.copied, failed: t.copyFailed });
  enableExplorer(t);
}
