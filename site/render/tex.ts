/**
 * LaTeX -> HTML with KaTeX at build time: HTML for the eye and MathML for screen readers
 * (output 'htmlAndMathml'), strict, and an error stops the build naming the formula, so no
 * page ever shows a KaTeX error. The MathML keeps the source in its
 * <annotation encoding="application/x-tex">, which the copy button reads: the LaTeX is not
 * stored in the page twice. Each distinct formula is rendered once per build.
 */
import katex from 'katex';

const cache = new Map<string, string>();

/**
 * `mathml`: MathML alone (browsers render MathML Core natively), for formulas in running text
 * where the page weight matters more than KaTeX's own typesetting.
 */
export function tex(source: string, options: { display?: boolean; where?: string; mathml?: boolean } = {}): string {
  const display = options.display ?? false;
  const output = options.mathml ? 'mathml' : 'htmlAndMathml';
  const key = `${display ? 'D' : 'I'}${options.mathml ? 'M' : ''}${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    html = katex.renderToString(source, { displayMode: display, output, throwOnError: true, strict: 'error', trust: false });
  } catch (error) {
    throw new Error(`KaTeX cannot render ${options.where ?? 'a formula'}: ${(error as Error).message}\n  ${source}`);
  }
  cache.set(key, html);
  return html;
}

export const KATEX_VERSION: string = katex.version;
