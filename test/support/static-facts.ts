/**
 * pageFacts (page-facts.ts) of a built page read as a file, for the pages the crawl does not
 * load: the same pictures and figures, counted from the markup the site's own plot code writes
 * (site/plots/), with the boxes unmeasured (true), no resources and no formula widths. A
 * browser's DOMParser gives the same facts, but parsing 49 pages of KaTeX there cost the suite
 * about 7 s of CPU; this scanner reads the tags of each picture only, and knows no more HTML
 * than the plots write: elements, attributes in double quotes, text, no comments or CDATA.
 */
import type { Figure, PageFacts, Picture } from './page-facts.js';

interface Element {
  readonly tag: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: Element[];
  text: string;
  readonly parent: Element | undefined;
}

const unescape = (text: string): string => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** The element tree of one <svg>...</svg> (void elements are the self-closing ones). */
function parseSvg(markup: string): Element {
  const root: Element = { tag: '#root', attributes: new Map(), children: [], text: '', parent: undefined };
  let current = root;
  let at = 0;
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const text = markup.slice(at, match.index);
    // A tag the pattern does not read (an attribute without double quotes, a comment) would be
    // taken for text, and its element lost: refused instead.
    if (text.includes('<')) throw new Error(`static-facts: markup it cannot read: ${text.slice(text.indexOf('<'), text.indexOf('<') + 60)}`);
    current.text += unescape(text);
    at = match.index + match[0].length;
    const [, closing, tag, attributeText, selfClosing] = match;
    if (closing) {
      if (current.tag !== tag) throw new Error(`static-facts: </${tag}> closes <${current.tag}>`);
      current = current.parent!;
      continue;
    }
    const attributes = new Map([...attributeText!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)] as const));
    const element: Element = { tag: tag!, attributes, children: [], text: '', parent: current };
    current.children.push(element);
    if (!selfClosing) current = element;
  }
  return root.children[0]!;
}

const classes = (e: Element): string[] => (e.attributes.get('class') ?? '').split(/\s+/);
const descendants = (e: Element): Element[] => e.children.flatMap((c) => [c, ...descendants(c)]);
const within = (e: Element, test: (ancestor: Element) => boolean): boolean => {
  for (let p = e.parent; p; p = p.parent) if (test(p)) return true;
  return false;
};
const nearestId = (e: Element | undefined): string | undefined => {
  for (let at = e; at; at = at.parent) if (at.attributes.has('id')) return at.attributes.get('id');
  return undefined;
};
const textOf = (e: Element): string => e.text + e.children.map(textOf).join('');
const child = (e: Element, tag: string): Element | undefined => e.children.find((c) => c.tag === tag);
/** The text of the picture's own <title> or <desc>, '' where it has none. */
const ownText = (svg: Element, tag: 'title' | 'desc'): string => {
  const found = child(svg, tag);
  return found ? textOf(found).trim() : '';
};

/** The facts pageFacts reads of pictures and figures, from a page's HTML. */
export function staticFacts(html: string, url: string): Omit<PageFacts, 'resources' | 'overflowing' | 'slots' | 'lang' | 'cited'> {
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => unescape(m[1]!)));
  // The site's pictures (svg.plot), not KaTeX's glyphs.
  const svgs = [...html.matchAll(/<svg\b[^>]*>[\s\S]*?<\/svg>/g)]
    .filter((m) => /^<svg\b[^>]*\sclass="[^"]*\bplot\b/.test(m[0]))
    .map((m) => ({ svg: parseSvg(m[0]), at: m.index }));
  const pictures: Picture[] = svgs.map(({ svg }) => {
    const [title, desc] = [ownText(svg, 'title'), ownText(svg, 'desc')];
    const labelled = (svg.attributes.get('aria-labelledby') ?? '').split(' ').every((id) => ids.has(id));
    const marks = descendants(svg).filter((m) => ['path', 'line', 'circle'].includes(m.tag) && !within(m, (p) => p.tag === 'defs' || classes(p).includes('axes') || classes(p).includes('legend')));
    const drawn = marks.length > 0 && marks.every((m) => m.tag !== 'path' || (m.attributes.get('d') ?? '').length > 3);
    const why = [title ? '' : 'no title', desc ? '' : 'no desc', labelled ? '' : 'aria-labelledby', drawn ? '' : 'nothing drawn'].filter(Boolean).join(', ');
    return { id: svg.attributes.get('id') ?? '', why };
  });
  const figures: Figure[] = svgs.filter(({ svg }) => /^fig-(stability|paths|mu)-/.test(svg.attributes.get('id') ?? '')).map(({ svg, at }) => {
    const marks = (tag: string | undefined, ...names: string[]): Element[] => descendants(svg)
      .filter((m) => (tag === undefined || m.tag === tag) && names.some((n) => classes(m).includes(n)) && !within(m, (p) => classes(p).includes('legend')));
    const drawn = (...names: string[]): number => marks('path', ...names).filter((p) => (p.attributes.get('d') ?? '').length > 10).length;
    // The caption of the figure the picture sits in (after it, before the figure ends).
    const end = html.indexOf('</figure>', at);
    const figure = html.slice(at, end < 0 ? undefined : end);
    const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/.exec(figure)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
    return {
      id: svg.attributes.get('id')!,
      box: true,
      described: ownText(svg, 'title').length > 10 && ownText(svg, 'desc').length > 20,
      regions: drawn('rho-unstable', 'rho-cycles', 'rho-level'),
      stable: marks('rect', 'rho-stable').length,
      marker: marks('circle', 'stability-marker').length,
      paths: drawn('eig-path'),
      rings: marks('circle', 'path-mark').length,
      boundary: marks(undefined, 'boundary').length,
      still: unescape(caption),
    };
  });
  const attribute = (pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => unescape(m[1]!));
  return {
    links: attribute(/<a\b[^>]*\shref="([^"]+)"/g).map((href) => new URL(href, url).href),
    anchors: [...ids],
    katexErrors: (html.match(/class="katex-error"/g) ?? []).length,
    katex: (html.match(/class="katex"/g) ?? []).length,
    pictures,
    figures,
    // Labelled as pageFacts labels them: by the nearest element with an id, itself included.
    nonFinite: svgs.flatMap(({ svg }) => [svg, ...descendants(svg)].flatMap((e) => [...e.attributes]
      .filter(([, value]) => /NaN|Infinity/.test(value)).map(([name, value]) => `${nearestId(e) ?? e.tag} ${name}="${value.slice(0, 40)}"`))),
  };
}
