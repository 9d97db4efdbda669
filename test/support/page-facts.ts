/**
 * Everything the browser tests check on a page, read in one round trip once it has loaded:
 * links and anchors, KaTeX, every picture, the stability maps and eigenvalue paths, the
 * article companion's slots and the bytes each resource took (Resource Timing, so nothing
 * is fetched twice). The pages the crawl reads as files get the same from static-facts.ts.
 */
import type { Page } from 'playwright-core';

/** An svg.plot: its problems ('' when none). */
export interface Picture { readonly id: string; readonly why: string }

/** A stability map (fig-stability-*), an eigenvalue-path picture (fig-paths-*, fig-mu-*). */
export interface Figure {
  readonly id: string;
  readonly box: boolean;
  readonly described: boolean;
  readonly regions: number;
  readonly stable: number;
  readonly marker: number;
  readonly paths: number;
  readonly rings: number;
  readonly boundary: number;
  readonly still: string;
}

/** A slot of the article companion: formulas and drawn pictures in its body. */
export interface Slot { readonly id: string; readonly formulas: number; readonly pictures: number }

/** A response of the page, the document included: bytes uncompressed and as transferred. */
export interface Resource { readonly url: string; readonly raw: number; readonly transfer: number }

export interface PageFacts {
  readonly lang: string;
  readonly links: readonly string[];
  readonly anchors: readonly string[];
  readonly katexErrors: number;
  readonly katex: number;
  readonly pictures: readonly Picture[];
  readonly figures: readonly Figure[];
  readonly slots: readonly Slot[];
  /** The first external link of the main text (the article cited), if any. */
  readonly cited: string | null;
  readonly resources: readonly Resource[];
  /** With `widths`: formula boxes wider than their column (at the page's width), as
   * "id: scroll width / width". Measuring lays out what content-visibility skips (0.3 s on a
   * training page), so the crawl asks it of the pages with the longest formulas only. */
  readonly overflowing: readonly string[];
  /** Attributes of the pictures whose value holds NaN or Infinity: a mark drawn from a number that is not one. */
  readonly nonFinite: readonly string[];
}

export function pageFacts(page: Page, { widths = false } = {}): Promise<PageFacts> {
  return page.evaluate((widths): PageFacts => {
    const doc = document;
    /** Whether the element has a box of more than `side` px each way. */
    const sized = (element: Element, side: number): boolean => {
      const box = element.getBoundingClientRect();
      return box.width > side && box.height > side;
    };
    const pictures = Array.from(doc.querySelectorAll<SVGSVGElement>('svg.plot')).map((svg) => {
      const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? '';
      const desc = svg.querySelector(':scope > desc')?.textContent?.trim() ?? '';
      const labelled = (svg.getAttribute('aria-labelledby') ?? '').split(' ').every((id) => doc.getElementById(id));
      // Something beyond the axes and the legend: a path with a real d, a line or a circle.
      const marks = Array.from(svg.querySelectorAll('path, line, circle')).filter((m) => !m.closest('.axes, .legend, defs'));
      const drawn = marks.length > 0 && marks.every((m) => m.tagName !== 'path' || (m.getAttribute('d') ?? '').length > 3);
      const why = [sized(svg, 50) ? '' : 'empty box', title ? '' : 'no title', desc ? '' : 'no desc', labelled ? '' : 'aria-labelledby', drawn ? '' : 'nothing drawn'].filter(Boolean).join(', ');
      return { id: svg.id, why };
    });

    const figures = Array.from(doc.querySelectorAll<SVGSVGElement>('svg[id^="fig-stability-"], svg[id^="fig-paths-"], svg[id^="fig-mu-"]')).map((svg) => {
      // The marks of the plot, not the swatches of its legend.
      const marks = (selector: string) => Array.from(svg.querySelectorAll(selector)).filter((m) => !m.closest('.legend'));
      const drawn = (selector: string) => marks(selector).filter((p) => (p.getAttribute('d') ?? '').length > 10).length;
      return {
        id: svg.id,
        box: sized(svg, 100),
        described: (svg.querySelector(':scope > title')?.textContent ?? '').length > 10 && (svg.querySelector(':scope > desc')?.textContent ?? '').length > 20,
        regions: drawn('path.rho-unstable, path.rho-cycles, path.rho-level'),
        stable: marks('rect.rho-stable').length,
        marker: marks('circle.stability-marker').length,
        paths: drawn('path.eig-path'),
        rings: marks('circle.path-mark').length,
        boundary: marks('.boundary').length,
        still: svg.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
      };
    });

    const slots = Array.from(doc.querySelectorAll<HTMLElement>('[data-slot]')).map((el) => ({
      id: el.dataset.slot!,
      formulas: el.querySelectorAll('.slot-body .katex-display').length,
      pictures: Array.from(el.querySelectorAll('.slot-body svg.plot')).filter((svg) => svg.querySelectorAll(':scope > path, :scope > line, :scope > circle, :scope > g:not(.axes):not(.legend) > *').length > 0).length,
    }));

    const timings = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return {
      lang: doc.documentElement.lang,
      links: Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]')).map((a) => a.href),
      anchors: Array.from(doc.querySelectorAll('[id]')).map((e) => e.id),
      katexErrors: doc.querySelectorAll('.katex-error').length,
      katex: doc.querySelectorAll('.katex').length,
      pictures,
      figures,
      slots,
      cited: doc.querySelector('main a[rel=external]')?.getAttribute('href') ?? null,
      resources: timings.map((t) => ({ url: t.name, raw: t.decodedBodySize, transfer: t.encodedBodySize })),
      nonFinite: Array.from(doc.querySelectorAll('svg, svg *')).flatMap((element) => Array.from(element.attributes)
        .filter((a) => /NaN|Infinity/.test(a.value)).map((a) => `${element.closest('[id]')?.id ?? element.tagName} ${a.name}="${a.value.slice(0, 40)}"`)),
      overflowing: widths
        ? Array.from(doc.querySelectorAll<HTMLElement>('.math'))
          .filter((box) => box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${box.closest('[id]')?.id ?? '?'}: ${box.scrollWidth} / ${box.clientWidth}`)
        : [],
    };
  }, widths);
}
