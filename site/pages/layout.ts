/**
 * The page shell every page shares: head (title, stylesheets, the other language as an
 * alternate), header with the navigation and the language switch, footer. Every URL is
 * relative, so the built folder works from any path on any static host and from file://.
 * Each page lives at the same path under /en/ and /zh/; the switch links to that twin.
 */
import { ARTICLE } from '../../generator/contract/article.js';
import { HTML_LANG, PAPERS, STRINGS } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { KATEX_VERSION } from '../render/tex.js';

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const KATEX_DIR = `assets/katex-${KATEX_VERSION}`;

/** The page script of a language, relative to the site's root. */
export const pageScript = (lang: Lang): string => `assets/site.${lang}.js`;
/** The picture downloads' script, beside the page scripts (client/figure-buttons.ts loads it from there). */
export const EXPORT_SCRIPT = 'assets/export.js';

export interface PageSpec {
  readonly lang: Lang;
  /** The page's path inside its language folder, e.g. "games/gan.html". */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly body: string;
  readonly current?: 'index' | 'article' | 'playground';
  /** Scripts to run before the page script, relative to the site's root. */
  readonly scripts?: readonly string[];
  /** What the page's pictures are of (the game and its hyperparameters): the names and metadata of their downloads (client/export.ts). */
  readonly figureParams?: Readonly<Record<string, string | number>>;
}

/** From a page at `path` in a language folder to the site's root. */
export const rootOf = (path: string): string => '../'.repeat(path.split('/').length);

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/** Citations as a sentence of the page's language, each in <cite>: names and titles stay as
 * published, and the Chinese pages' test of Latin prose knows them by it. */
export const citationsHtml = (lang: Lang, cites: readonly string[] = PAPERS): string =>
  STRINGS[lang].citations(cites.map((c) => `<cite>${escapeHtml(c)}</cite>`));

export function page(spec: PageSpec): string {
  const t = STRINGS[spec.lang];
  const root = rootOf(spec.path);
  const home = `${root}${spec.lang}/`;
  const other = otherLang(spec.lang);
  const twin = `${root}${other}/${spec.path}`;
  const navItem = (href: string, label: string, key: PageSpec['current']): string =>
    `<a href="${href}"${spec.current === key ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`;
  return `<!doctype html>
<html lang="${HTML_LANG[spec.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(spec.title)} · ${escapeHtml(t.siteTitle)}</title>
<meta name="description" content="${escapeHtml(spec.description)}">
<link rel="icon" href="${root}assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${root}${KATEX_DIR}/katex.min.css">
<link rel="stylesheet" href="${root}assets/style.css">
<link rel="alternate" hreflang="${HTML_LANG[other]}" href="${twin}">
${(spec.scripts ?? []).map((src) => `<script src="${root}${src}" defer></script>\n`).join('')}<script src="${root}${pageScript(spec.lang)}" defer></script>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t.skip)}</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="${home}index.html">${escapeHtml(t.siteTitle)}</a>
<nav aria-label="${escapeHtml(t.navLabel)}">${navItem(`${home}index.html`, t.navGames, 'index')}${navItem(`${home}article.html`, t.navArticle, 'article')}${navItem(`${home}playground.html`, t.navPlayground, 'playground')}
<a class="lang-switch" href="${twin}" hreflang="${HTML_LANG[other]}" lang="${HTML_LANG[other]}" title="${escapeHtml(t.switchLabel)}">${escapeHtml(t.switchTo)}</a></nav>
</div></header>
<main id="main" class="wrap"${spec.figureParams ? ` data-figure-params="${escapeHtml(JSON.stringify(spec.figureParams))}"` : ''}>
${spec.body}
</main>
<footer class="site-footer"><div class="wrap">
<p>${escapeHtml(t.footer)}</p>
<p>${citationsHtml(spec.lang)} <a href="${escapeHtml(ARTICLE.url)}" rel="external"><cite>${escapeHtml(ARTICLE.title)}</cite></a>, ${escapeHtml(ARTICLE.author)}.</p>
</div></footer>
</body>
</html>
`;
}
