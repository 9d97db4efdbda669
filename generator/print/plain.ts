/**
 * Names as plain text, for the labels a reader shows outside TeX (SVG text, slider values):
 * a Greek name becomes its letter.
 */
/** The letter KaTeX sets for each Greek name the TeX printer knows (print/tex.ts). */
const GREEK_LETTERS: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

/** gamma -> γ, lambda_gp -> λ_gp, c -> c. */
export function plainSymbol(name: string): string {
  const [base = name, ...subscript] = name.split('_');
  return [GREEK_LETTERS[base] ?? base, ...subscript].join('_');
}
