/**
 * The names with a fixed meaning in a derivation's expressions (and in the IR after
 * specialisation), with their display where it is not the printer's default (a Greek name
 * as its command, other names as in print/tex.ts).
 */
export interface FixedSymbol {
  readonly name: string;
  readonly meaning: string;
  /** The TeX when it is not the default spelling of the name. */
  readonly tex?: string;
  /** A constant's value, which numeric evaluation reads where the environment gives none, and its TypeScript. */
  readonly value?: number;
  readonly typescript?: string;
}

export const FIXED_SYMBOLS: readonly FixedSymbol[] = [
  { name: 'x', meaning: 'the sample an expectation runs over' },
  { name: 't', meaning: "the activation's variable in its definition f(t)" },
  { name: 'theta', meaning: "the generator's parameter" },
  { name: 'phi', meaning: "the discriminator's parameter" },
  { name: 'D', meaning: 'the discriminator at x, in the general objectives', tex: 'D(x)' },
  { name: 'gradD', meaning: "the discriminator's gradient in x, in the general objectives", tex: '\\nabla_{x} D(x)' },
  { name: 'x_real', meaning: 'the real sample of a pair term', tex: 'x_{r}' },
  { name: 'x_fake', meaning: 'the generated sample of a pair term', tex: 'x_{f}' },
  { name: 'D_real', meaning: 'the discriminator at the real sample of a pair, in the general objectives', tex: 'D(x_{r})' },
  { name: 'D_fake', meaning: 'the discriminator at the generated sample of a pair, in the general objectives', tex: 'D(x_{f})' },
  { name: 'gradD_real', meaning: "the discriminator's input gradient at the real sample of a pair, in the general objectives", tex: '\\nabla_{x} D(x_{r})' },
  { name: 'gradD_fake', meaning: "the discriminator's input gradient at the generated sample of a pair, in the general objectives", tex: '\\nabla_{x} D(x_{f})' },
  { name: 'ED_data', meaning: "the discriminator's mean over the data, Edata(D(x)), in the general objectives", tex: '\\mathbb{E}_{x_{r} \\sim p_{\\mathcal{D}}}\\left[D(x_{r})\\right]' },
  { name: 'ED_generator', meaning: "the discriminator's mean over the generator's samples, Egenerator(D(x)), in the general objectives", tex: '\\mathbb{E}_{x_{f} \\sim p_{\\theta}}\\left[D(x_{f})\\right]' },
  { name: 'epsilon', meaning: 'the instance noise added to a sample', tex: '\\varepsilon' },
  { name: 'interpolation_t', meaning: 'where an interpolated sample lies between a real and a generated one' },
  { name: 'e', meaning: "Euler's number (nerdamer's constant)", value: Math.E, typescript: 'Math.E' },
  { name: 'pi', meaning: "pi (nerdamer's constant)", value: Math.PI, typescript: 'Math.PI' },
  { name: 'i', meaning: "the imaginary unit (nerdamer's constant)" },
];

const BY_NAME = new Map(FIXED_SYMBOLS.map((s) => [s.name, s]));

/** The TeX of a fixed symbol with a display of its own, else undefined. */
export const fixedSymbolTex = (name: string): string | undefined => BY_NAME.get(name)?.tex;

/** The value of a fixed constant (e, pi), else undefined. */
export const fixedSymbolValue = (name: string): number | undefined => BY_NAME.get(name)?.value;

/** The generated code's spelling of a fixed constant (Math.PI), else undefined. */
export const fixedSymbolTypescript = (name: string): string | undefined => BY_NAME.get(name)?.typescript;

/** The instance noise's symbol, as the specialiser names it (displayed as \varepsilon). */
export const NOISE_SYMBOL = 'epsilon';
/** The position of an interpolated sample (WGAN-GP's x = t x_fake + (1 - t) x_real). */
export const INTERPOLATION_SYMBOL = 'interpolation_t';
