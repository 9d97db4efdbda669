/**
 * The article's missing equations and figures, in the article's order (ids from
 * shared/seed/equation-slots.md), and what of a record fills each. A derivation names the
 * slots its formulas fill; the loader rejects an unknown id, and the site's companion page
 * walks this list. Part of the record contract: browser-safe.
 */

/** What fills a slot from the record of the game that lists it: some of its formulas (by
 * id, the first present ones shown), its trajectories, or the picture of the setting. */
export type SlotFill =
  | { readonly kind: 'formulas'; readonly formulaIds: readonly string[] }
  | { readonly kind: 'trajectories' }
  | { readonly kind: 'dirac' };

export interface ArticleSlot {
  readonly id: string;
  readonly section: string;
  readonly kind: 'equation' | 'figure';
  /** What the slot shows, in our words. */
  readonly shows: string;
  readonly fill: SlotFill;
}

const formulas = (...formulaIds: string[]): SlotFill => ({ kind: 'formulas', formulaIds });
const TRAJECTORIES: SlotFill = { kind: 'trajectories' };
/** A game's general objective: both players'. */
const LOSS = formulas('objective-general-generator', 'objective-general-discriminator');
/** Its objectives on Dirac-GAN. */
const DIRAC = formulas('objective-generator', 'objective-discriminator');
const FIELD = formulas('field');

export const ARTICLE = {
  title: '从 Dirac-GAN 看哪些 GAN 能够收敛 (Dirac-GAN: which GANs converge)',
  author: '小米粥 (有三 AI)',
  url: 'https://mp.weixin.qq.com/s/De-qjmA2VCMSQy7lESeYMA',
} as const;

export const ARTICLE_SLOTS: readonly ArticleSlot[] = [
  { id: 'J-general', section: 'intro', kind: 'equation', shows: 'the Jacobian of the gradient vector field of a two-player game', fill: formulas('jacobian-general') },
  { id: 'fig-dirac', section: '1', kind: 'figure', shows: 'the Dirac-GAN setting: data at x = 0, generator at x = θ', fill: { kind: 'dirac' } },
  { id: 'D-def', section: '1', kind: 'equation', shows: 'the linear discriminator composed with the activation', fill: formulas('discriminator') },
  { id: 'f-sigmoid', section: '1', kind: 'equation', shows: 'the activation of the original GAN', fill: formulas('activation') },
  { id: 'f-wgan', section: '1', kind: 'equation', shows: 'the activation of WGAN', fill: formulas('activation') },
  { id: 'gan-loss', section: '2.1', kind: 'equation', shows: 'the standard GAN objective', fill: LOSS },
  { id: 'gan-dirac', section: '2.1', kind: 'equation', shows: 'the standard GAN objective on Dirac-GAN', fill: DIRAC },
  { id: 'gan-field', section: '2.1', kind: 'equation', shows: 'the standard GAN vector field', fill: FIELD },
  { id: 'fig-gan', section: '2.1', kind: 'figure', shows: 'standard GAN trajectories', fill: TRAJECTORIES },
  { id: 'wgan-loss', section: '2.2', kind: 'equation', shows: 'the WGAN objective', fill: LOSS },
  { id: 'wgan-dirac', section: '2.2', kind: 'equation', shows: 'the WGAN objective on Dirac-GAN', fill: DIRAC },
  { id: 'wgan-field', section: '2.2', kind: 'equation', shows: 'the WGAN vector field', fill: FIELD },
  { id: 'fig-wgan', section: '2.2', kind: 'figure', shows: 'WGAN trajectories', fill: TRAJECTORIES },
  { id: 'eig-unreg', section: '2.2', kind: 'equation', shows: 'the eigenvalues at the equilibrium for any activation', fill: formulas('jacobian-at-equilibrium', 'eigenvalues') },
  { id: 'wgangp-loss', section: '3', kind: 'equation', shows: 'the WGAN-GP objective', fill: LOSS },
  { id: 'wgangp-dirac', section: '3', kind: 'equation', shows: 'the WGAN-GP objective on Dirac-GAN', fill: DIRAC },
  { id: 'wgangp-field', section: '3', kind: 'equation', shows: 'the WGAN-GP vector field', fill: FIELD },
  { id: 'fig-wgangp', section: '3', kind: 'figure', shows: 'WGAN-GP trajectories', fill: TRAJECTORIES },
  { id: 'co-loss', section: '4', kind: 'equation', shows: 'the consensus-optimisation objective', fill: LOSS },
  { id: 'co-dirac', section: '4', kind: 'equation', shows: 'the consensus-optimisation objective on Dirac-GAN', fill: DIRAC },
  { id: 'co-field', section: '4', kind: 'equation', shows: 'the consensus-optimisation vector field', fill: FIELD },
  { id: 'fig-co', section: '4', kind: 'figure', shows: 'consensus-optimisation trajectories', fill: TRAJECTORIES },
  { id: 'r1-loss', section: '5', kind: 'equation', shows: 'the zero-centred penalty on real data', fill: LOSS },
  { id: 'r2-loss', section: '5', kind: 'equation', shows: 'the zero-centred penalty on generated data', fill: LOSS },
  { id: 'zc-dirac', section: '5', kind: 'equation', shows: 'the zero-centred penalties on Dirac-GAN', fill: DIRAC },
  { id: 'zc-field', section: '5', kind: 'equation', shows: 'the vector field with a zero-centred penalty', fill: FIELD },
  { id: 'fig-zc', section: '5', kind: 'figure', shows: 'trajectories with a zero-centred penalty', fill: TRAJECTORIES },
];
