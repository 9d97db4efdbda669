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
  // After the fonts: they set the formulas' widths.
  void document.fonts.ready.then(focusableScrollers);
}

/** A formula or table wider than its box scrolls: make it reachable and scrollable by
 * keyboard, named for what it holds (only those that do overflow, so the tab order stays
 * short). A formula is measured when its box comes into view: boxes off the screen are not
 * laid out (content-visibility), and measuring them all would lay them out at load. */
function focusableScrollers(): void {
  const check = (box: HTMLElement): void => {
    if (box.tabIndex === 0 || box.scrollWidth <= box.clientWidth) return;
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    const name = box.closest('section')?.querySelector('h2, h3, h4')?.textContent;
    if (name) box.setAttribute('aria-label', name);
  };
  for (const table of Array.from(document.querySelectorAll<HTMLElement>('.table-wrap'))) check(table);
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      entry.target.querySelectorAll<HTMLElement>('.math').forEach(check);
      seen.unobserve(entry.target);
    }
  });
  for (const variant of Array.from(document.querySelectorAll('.variant'))) seen.observe(variant);
}
