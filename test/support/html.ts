/** Reading the site's HTML as text, for the tests that check its words. */

/** The page with every KaTeX rendering cut out (they nest <span>s: counted, not matched). */
export function withoutFormulas(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const start = html.indexOf('<span class="katex', i);
    if (start < 0) return out + html.slice(i);
    out += `${html.slice(i, start)} `;
    let depth = 0;
    let j = start;
    const tag = /<(\/?)span\b[^>]*>/g;
    tag.lastIndex = start;
    for (let m = tag.exec(html); m; m = tag.exec(html)) {
      depth += m[1] ? -1 : 1;
      j = tag.lastIndex;
      if (depth === 0) break;
    }
    i = j;
  }
  return out;
}

/** Runs of three or more Latin words in the page's own prose: outside formulas, code, scripts
 * and citations, each element's text on its own (names in neighbouring elements are not a
 * sentence). Names (GAN, WGAN-GP, Lyapunov) stand alone or in pairs. */
export function latinProse(html: string): string[] {
  const prose = withoutFormulas(html.replace(/<(script|style|code|pre|cite|math)\b[\s\S]*?<\/\1>/g, ' '))
    .replace(/<[^>]+>/g, '|')
    .replace(/&[a-z#0-9]+;/g, ' ');
  return (prose.match(/[A-Za-zé]{2,}(?:[\s,.:;’'()+-]+[A-Za-zé]{2,}){2,}/g) ?? []).map((run) => run.replace(/\s+/g, ' '));
}
