/**
 * Named pieces a derivation file may import instead of writing them out: the activations,
 * objectives, regularisers and hyperparameters the published games share. Each is a plain
 * value of a field of game.ts, so a game written with them derives exactly as one written
 * out, and its page shows the objective as the paper writes it (the pieces are written in
 * D and f, never in the Dirac-GAN's phi and theta).
 *
 * `npm run new` lists these exports with their comments: keep each export's doc comment to
 * one line, right above it, saying what the piece is (the command reads them as text).
 */
import type { ActivationSpec, ConsensusPenalty, ExpectationPenalty, ExpectationTerm, Hyperparameter, Text } from './game.js';

/** f(t) = -log(1 + exp(-t)), the standard GAN's activation (Goodfellow et al. 2014). */
export const standardActivation: ActivationSpec = { definition: '-log(1 + exp(-t))' };

/** f(t) = t, the Wasserstein GAN's activation (Arjovsky et al. 2017). */
export const wassersteinActivation: ActivationSpec = { definition: 't' };

/** E_generator[f(D(x))] + E_data[f(-D(x))], the GAN objective; { noise: 'sigma' } adds instance noise. */
export const ganObjective = (options: { readonly noise?: string } = {}): ExpectationTerm[] => [
  { over: 'generator', of: 'f(D(x))', ...options },
  { over: 'data', of: 'f(-D(x))', ...options },
];

/** E_generator[-f(-D(x))], the non-saturating generator's objective (Goodfellow et al. 2014). */
export const nonSaturatingGeneratorObjective: ExpectationTerm[] = [{ over: 'generator', of: '-f(-D(x))' }];

/** E_pair[f(D(x_fake) - D(x_real))], the relativistic pairing objective (Jolicoeur-Martineau 2019). */
export const relativisticPairingObjective: ExpectationTerm[] = [{ over: 'pair', of: 'f(D(x_fake) - D(x_real))' }];

type Penalty = Omit<ExpectationPenalty, 'kind'>;

/** R1 = weight * E_data[gradD(x)^2], weight gamma/2 unless given (Mescheder et al. 2018). */
export const r1Penalty = (weight = 'gamma/2'): Penalty => ({ name: 'R_1', player: 'discriminator', weight, term: { over: 'data', of: 'gradD(x)^2' } });

/** R2 = weight * E_generator[gradD(x)^2], weight gamma/2 unless given (Mescheder et al. 2018). */
export const r2Penalty = (weight = 'gamma/2'): Penalty => ({ name: 'R_2', player: 'discriminator', weight, term: { over: 'generator', of: 'gradD(x)^2' } });

/** weight * E_interpolated[(|gradD(x)| - 1)^2], WGAN-GP's penalty (Gulrajani et al. 2017). */
export const wganGradientPenalty = (weight = 'gamma/2'): Penalty => ({ name: 'R_{GP}', player: 'discriminator', weight, term: { over: 'interpolated', of: '(abs(gradD(x)) - 1)^2' } });

/** weight * E_interpolated[max(0, |gradD(x)| - 1)^2], WGAN-LP's penalty (Petzka et al. 2018). */
export const wganLipschitzPenalty = (weight = 'gamma/2'): Penalty => ({ name: 'R_{LP}', player: 'discriminator', weight, term: { over: 'interpolated', of: 'max(0, abs(gradD(x)) - 1)^2' } });

/** weight * E_data[(|gradD(x)| - 1)^2], DRAGAN's penalty (Kodali et al. 2017). */
export const draganPenalty = (weight = 'gamma/2'): Penalty => ({ name: 'R_{DRAGAN}', player: 'discriminator', weight, term: { over: 'data', of: '(abs(gradD(x)) - 1)^2' } });

/** weight * ||v||^2 / 2 on both players, weight gamma unless given: consensus optimisation. */
export const consensusPenalty = (weight = 'gamma'): ConsensusPenalty => ({ kind: 'consensus', name: 'L', weight });

/** A penalty weight's hyperparameter: 0.3 by default, explored over [0.05, 10]. */
export const penaltyWeight = (description: Text = { en: 'weight of the gradient penalty', zh: '梯度惩罚的权重' }): Hyperparameter => ({ default: 0.3, range: [0.05, 10], description });
