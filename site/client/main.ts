/**
 * The page script (bundled by esbuild into assets/site.<lang>.js, one per language with that
 * language's words only; build.ts writes the entry that calls `start`): progressive
 * enhancement only. Without it every page reads the same, with static pictures.
 */
import type { ClientStrings as Strings } from '../i18n-client.js';
import { enableCopyButtons } from './copy.js';
import { enableExplorer } from './explore.js';
import { enableFigureExports } from './figure-buttons.js';

export function start(t: Strings): void {
  enableCopyButtons({ copied: t.copied, failed: t.copyFailed });
  enableExplorer(t);
  enableFigureExports({ exportAs: t.exportAs, failed: t.exportFailed });
  // After the fonts: they set the tables' widths.
  void document.fonts.ready.then(focusableScrollers);
}

/** A table wider than its box scrolls: make it reachable and scrollable by keyboard, named for
 * what it holds (only those that do overflow, so the tab order stays short). The formula boxes
 * are focusable in the page itself (pages/fragments.ts): they are many, and measuring them all
 * would lay out those off the screen (content-visibility). */
function focusableScrollers(): void {
  for (const table of Array.from(document.querySelectorAll<HTMLElement>('.table-wrap'))) {
    if (table.tabIndex === 0 || table.scrollWidth <= table.clientWidth) continue;
    table.tabIndex = 0;
    table.setAttribute('role', 'region');
    const name = table.closest('section')?.querySelector('h2, h3, h4')?.textContent;
    if (name) table.setAttribute('aria-label', name);
  }
}
