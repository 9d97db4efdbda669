/** A table wider than its box scrolls: make it reachable and scrollable by keyboard, named for
 * what it holds (only those that do overflow, so the tab order stays short). The formula boxes
 * are focusable in the page itself (pages/fragments.ts): they are many, and measuring them all
 * would lay out those off the screen (content-visibility). */
export function focusableScrollers(root: ParentNode = document): void {
  for (const table of Array.from(root.querySelectorAll<HTMLElement>('.table-wrap'))) {
    if (table.tabIndex === 0 || table.scrollWidth <= table.clientWidth) continue;
    table.tabIndex = 0;
    table.setAttribute('role', 'region');
    const name = table.closest('section')?.querySelector('h2, h3, h4')?.textContent;
    if (name) table.setAttribute('aria-label', name);
  }
}
