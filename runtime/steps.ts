/**
 * The training steps of a game, built from its field: one simultaneous, alternating,
 * extragradient and optimistic step each, projected onto the game's clipping constraints.
 * They are fast paths: nothing is checked (the trajectory runner checks its input once).
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import { clip } from './elementary.js';
import { DEFAULT_ORDER } from './methods.js';
import type { Schedule } from './methods.js';

/** What a game module gives to build its steps from. */
export interface FieldTable<P> {
  /** The field, unchecked, into out[0], out[1]. */
  readonly vectorField: (theta: number, phi: number, p: P, out: Float64Array) => Float64Array;
  /** Its components alone, for the alternating steps (each player evaluates only its own). */
  readonly fieldTheta: (theta: number, phi: number, p: P) => number;
  readonly fieldPhi: (theta: number, phi: number, p: P) => number;
  /** The parameters used when p is left out (none when f is abstract). */
  readonly defaults?: P;
  /** Clipping constraints: each parameter's bound at p, applied after every update (absent: none). */
  readonly clipTheta?: (p: P) => number;
  readonly clipPhi?: (p: P) => number;
}

/** A step of one learning rate h: writes theta, phi after the step into out[0], out[1]. */
export type Step<P> = (theta: number, phi: number, h: number, p?: P, out?: Float64Array) => Float64Array;
/** One round of alternating steps with a schedule. */
export type AlternatingStep<P> = (theta: number, phi: number, schedule: Schedule, p?: P, out?: Float64Array) => Float64Array;
/** An optimistic step: needs the field at the previous point; writes theta, phi after the step, then the field before it, into out[0..3]. */
export type OptimisticStep<P> = (theta: number, phi: number, previousVTheta: number, previousVPhi: number, h: number, p?: P, out?: Float64Array) => Float64Array;

/**
 * A game's training steps, with v = (v_theta, v_phi) its vector field. Each is a fast path: nothing is checked (the trajectory runner checks its input once); p is the game's defaults when left out (a game whose f is abstract has none, and needs p); each update is projected onto the game's clipping constraints, if any.
 */
export interface TrainingSteps<P> {
  /** One simultaneous gradient step of both players: $$(\theta, \phi) \mapsto (\theta, \phi) + h \, v(\theta, \phi)$$ */
  readonly simultaneousStep: Step<P>;
  /** One round of alternating gradient steps, each seeing the other player's latest value: nG generator steps, then nD discriminator steps (the default order, the paper's notebook's; `order: 'discriminator-first'` in the schedule reverses it): $$\theta \leftarrow \theta + h_G \, v_{\theta}(\theta, \phi) \; (n_G \text{ times}), \quad \phi \leftarrow \phi + h_D \, v_{\phi}(\theta, \phi) \; (n_D \text{ times})$$ */
  readonly alternatingStep: AlternatingStep<P>;
  /** One extragradient step (Korpelevich 1976): a simultaneous step to a look-ahead point, then the step from the start with the field there: $$x \mapsto x + h \, v\big(x + h \, v(x)\big), \quad x = (\theta, \phi)$$ */
  readonly extragradientStep: Step<P>;
  /** One optimistic gradient step (Daskalakis et al. 2018): $$x_{k+1} = x_k + 2h \, v(x_k) - h \, v(x_{k-1})$$ `out` receives theta and phi after the step, then the field before it: pass out[2] and out[3] as the previous field of the next step, and the field at the start point to the first step, which makes it exactly simultaneousStep (2 v - v = v has no rounding). */
  readonly optimisticStep: OptimisticStep<P>;
}

/** The four steps of a game. */
export function defineSteps<P>(table: FieldTable<P>): TrainingSteps<P> {
  const { vectorField, fieldTheta, fieldPhi, clipTheta, clipPhi } = table;
  const field = new Float64Array(2);
  const projectTheta = (theta: number, p: P): number => (clipTheta === undefined ? theta : clip(theta, clipTheta(p)));
  const projectPhi = (phi: number, p: P): number => (clipPhi === undefined ? phi : clip(phi, clipPhi(p)));
  const simultaneousStep: Step<P> = (theta, phi, h, p = table.defaults as P, out = new Float64Array(2)) => {
    vectorField(theta, phi, p, field);
    const vTheta = field[0]!;
    const vPhi = field[1]!;
    out[0] = projectTheta(theta + h * vTheta, p);
    out[1] = projectPhi(phi + h * vPhi, p);
    return out;
  };
  const alternatingStep: AlternatingStep<P> = (theta, phi, schedule, p = table.defaults as P, out = new Float64Array(2)) => {
    // After each sub-step both parameters are projected (a start outside the constraints is
    // brought inside by the first), as the paper's notebook does. Two passes, the generator's
    // first unless the schedule says otherwise; no closure, as this runs at every step.
    const generatorFirst = (schedule.order ?? DEFAULT_ORDER) === 'generator-first';
    for (let pass = 0; pass < 2; pass++) {
      if ((pass === 0) === generatorFirst) {
        for (let i = 0; i < schedule.nG; i++) {
          theta = projectTheta(theta + schedule.hG * fieldTheta(theta, phi, p), p);
          phi = projectPhi(phi, p);
        }
      } else {
        for (let i = 0; i < schedule.nD; i++) {
          phi = projectPhi(phi + schedule.hD * fieldPhi(theta, phi, p), p);
          theta = projectTheta(theta, p);
        }
      }
    }
    out[0] = theta;
    out[1] = phi;
    return out;
  };
  const extragradientStep: Step<P> = (theta, phi, h, p = table.defaults as P, out = new Float64Array(2)) => {
    vectorField(theta, phi, p, field);
    const thetaAhead = projectTheta(theta + h * field[0]!, p);
    const phiAhead = projectPhi(phi + h * field[1]!, p);
    vectorField(thetaAhead, phiAhead, p, field);
    out[0] = projectTheta(theta + h * field[0]!, p);
    out[1] = projectPhi(phi + h * field[1]!, p);
    return out;
  };
  const optimisticStep: OptimisticStep<P> = (theta, phi, previousVTheta, previousVPhi, h, p = table.defaults as P, out = new Float64Array(4)) => {
    vectorField(theta, phi, p, field);
    const vTheta = field[0]!;
    const vPhi = field[1]!;
    out[0] = projectTheta(theta + h * (2 * vTheta - previousVTheta), p);
    out[1] = projectPhi(phi + h * (2 * vPhi - previousVPhi), p);
    out[2] = vTheta;
    out[3] = vPhi;
    return out;
  };
  return { simultaneousStep, alternatingStep, extragradientStep, optimisticStep };
}
