/**
 * The page script (bundled by esbuild into assets/site.<lang>.js, one per language with that
 * language's words only; build.ts writes the entry that calls `start`): progressive
 * enhancement only. Without it every page reads the same, with static pictures.
 */
import type { ClientStrings as Strings } from '../i18n-client.js';
import { enableCopyButtons } from './copy.js';
import { enableExplorer } from './explore.js';
import { enableFigureExports } from './figure-buttons.js';
import { focusableScrollers } from './scrollers.js';

export function start(t: Strings): void {
  enableCopyButtons({ copied: t.copied, failed: t.copyFailed });
  enableExplorer(t);
  enableFigureExports({ exportAs: t.exportAs, failed: t.exportFailed });
  // After the fonts: they set the tables' widths.
  void document.fonts.ready.then(() => focusableScrollers());
}
