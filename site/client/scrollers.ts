/** A table wider than its box scrolls: make it reachable and scrollable by keyboard, named for
 * what it holds (only those that do overflow, so the tab order stays short). The formula boxes
 * are focusable in the page itself (pages/fragments.ts): they are many, and measuring them all
 * would lay out those off the screen (content-visibility). `measure: false` makes every table
 * reachable without measuring any: where they are laid out only near the screen (the playground's
 * results), measuring one lays it out at once. */
export function focusableScrollers(root: ParentNode = document, { measure = true } = {}): void {
  for (const table of Array.from(root.querySelectorAll<HTMLElement>('.table-wrap'))) {
    if (table.tabIndex === 0 || (measure && table.scrollWidth <= table.clientWidth)) continue;
    table.tabIndex = 0;
    table.setAttribute('role', 'region');
    const name = table.closest('section')?.querySelector('h2, h3, h4')?.textContent;
    if (name) table.setAttribute('aria-label', name);
  }
}
