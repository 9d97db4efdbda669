/**
 * The continuous-time verdicts on the equilibrium (0, 0), one table for the derivation
 * format's claims (game.ts), the loader's schema and the derivation (derive/equilibrium.ts).
 */
export const VERDICTS = ['locally-convergent', 'purely-imaginary', 'unstable', 'not-differentiable', 'inconclusive'] as const;

export type Verdict = (typeof VERDICTS)[number];

/** What the sign of trace and determinant decides; 'not-differentiable' comes from the kinks. */
export type LinearisationVerdict = Exclude<Verdict, 'not-differentiable'>;
