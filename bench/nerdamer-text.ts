/**
 * The stronger nerdamer baseline: what a user who distrusts `buildFunction` would do with
 * nerdamer's text output (`expression.text()`, e.g. `-(1+e^(phi*theta))^(-1)*phi`): turn it
 * into JavaScript by hand and compile it with a plain `new Function`, e^x as Math.exp(x),
 * a^b as a ** b, abs, sign, max, log and sqrt as the Math functions of those names and
 * step(x) as nerdamer defines it (1 above 0, 0 below, 1/2 at 0). Unlike buildFunction it
 * keeps e exact (buildFunction writes e^x as a power of a rational, see
 * /work/shared/design/nerdamer-traps.md) and shares nothing between entries: no common
 * subexpressions, as nerdamer prints them.
 */
import nerdamer from 'nerdamer-prime';

const MATH_FUNCTIONS = new Set(['exp', 'log', 'abs', 'sign', 'max', 'min', 'sqrt']);
/** nerdamer's step: 1 for x > 0, 0 for x < 0, 1/2 at 0. */
const STEP = 'const step = (x) => (x > 0 ? 1 : x < 0 ? 0 : 0.5);';

type Token = { readonly kind: 'number' | 'name' | 'op'; readonly text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_]\w*)|([-+*/^(),]))/y;
  while (pattern.lastIndex < text.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(text);
    if (!match) throw new Error(`nerdamer text: cannot read '${text.slice(at, at + 20)}' in ${text}`);
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', text: match[2] });
    else tokens.push({ kind: 'op', text: match[3]! });
  }
  return tokens;
}

/** Recursive descent over nerdamer's infix text: + -, then * /, then unary minus, then ^ (right-associative, above unary minus as in nerdamer: -x^2 is -(x^2)). */
function toJavaScript(text: string, variables: ReadonlySet<string>): string {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): string | undefined => tokens[i]?.text;
  const expect = (op: string): void => {
    if (tokens[i]?.text !== op) throw new Error(`nerdamer text: expected '${op}' at token ${i} of ${text}`);
    i++;
  };
  const sum = (): string => {
    let left = product();
    while (peek() === '+' || peek() === '-') left = `(${left} ${tokens[i++]!.text} ${product()})`;
    return left;
  };
  const product = (): string => {
    let left = unary();
    while (peek() === '*' || peek() === '/') left = `(${left} ${tokens[i++]!.text} ${unary()})`;
    return left;
  };
  const unary = (): string => {
    if (peek() === '-') {
      i++;
      return `(-${unary()})`;
    }
    return power();
  };
  const power = (): string => {
    const base = primary();
    if (peek() !== '^') return base.js;
    i++;
    const exponent = unary();
    return base.isE ? `Math.exp(${exponent})` : `(${base.js} ** ${exponent})`;
  };
  const primary = (): { js: string; isE: boolean } => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`nerdamer text: unexpected end of ${text}`);
    if (token.kind === 'number') return { js: token.text, isE: false };
    if (token.text === '(') {
      const inner = sum();
      expect(')');
      return { js: `(${inner})`, isE: false };
    }
    if (token.kind !== 'name') throw new Error(`nerdamer text: unexpected '${token.text}' in ${text}`);
    if (peek() !== '(') {
      if (token.text === 'e') return { js: 'Math.E', isE: true };
      if (!variables.has(token.text)) throw new Error(`nerdamer text: unknown name '${token.text}' in ${text}`);
      return { js: token.text, isE: false };
    }
    i++;
    const args = [sum()];
    while (peek() === ',') {
      i++;
      args.push(sum());
    }
    expect(')');
    if (token.text === 'step') return { js: `step(${args.join(', ')})`, isE: false };
    if (!MATH_FUNCTIONS.has(token.text)) throw new Error(`nerdamer text: no Math function for '${token.text}' in ${text}`);
    return { js: `Math.${token.text}(${args.join(', ')})`, isE: false };
  };
  const js = sum();
  if (i !== tokens.length) throw new Error(`nerdamer text: trailing '${peek()}' in ${text}`);
  return js;
}

let compiled = 0;

/** A function of `variables` from nerdamer's text of the expression `text` (in nerdamer's syntax), compiled with new Function. */
export function textFunction(text: string, variables: readonly string[]): (...args: number[]) => number {
  const js = toJavaScript(nerdamer(text).text(), new Set(variables));
  const make = new Function(`${STEP}\nreturn function nerdamerText${compiled++}(${variables.join(', ')}) {\n  return ${js};\n};`) as () => (...args: number[]) => number;
  return make();
}
