/**
 * The continuous-time verdicts on the equilibrium (0, 0), one table for the derivation
 * format's claims (game.ts), the loader's schema and the derivation (derive/equilibrium.ts).
 * 'not-an-equilibrium': a regulariser moved the equilibrium away from (0, 0), where the field
 * is not 0; the nonlinear analysis finds and analyses the equilibria where they are.
 */
export const VERDICTS = ['locally-convergent', 'purely-imaginary', 'unstable', 'not-differentiable', 'not-an-equilibrium', 'inconclusive'] as const;

export type Verdict = (typeof VERDICTS)[number];

/** What the sign of trace and determinant decides; 'not-differentiable' comes from the kinks,
 * 'not-an-equilibrium' from the field at (0, 0). */
export type LinearisationVerdict = Exclude<Verdict, 'not-differentiable' | 'not-an-equilibrium'>;

/** Why (0, 0) has no linearisation to decide with. */
export type NoLinearisation = Exclude<Verdict, LinearisationVerdict>;
