/**
 * The article's missing equations and figures, in the article's order (ids from
 * shared/seed/equation-slots.md). A derivation names the slots its formulas fill; the
 * loader rejects an unknown id, and the site's companion page walks this list.
 */
export interface ArticleSlot {
  readonly id: string;
  readonly section: string;
  readonly kind: 'equation' | 'figure';
  /** What the slot shows, in our words. */
  readonly shows: string;
}

export const ARTICLE = {
  title: '从 Dirac-GAN 看哪些 GAN 能够收敛 (Dirac-GAN: which GANs converge)',
  author: '小米粥 (有三 AI)',
  url: 'https://mp.weixin.qq.com/s/De-qjmA2VCMSQy7lESeYMA',
} as const;

export const ARTICLE_SLOTS: readonly ArticleSlot[] = [
  { id: 'J-general', section: 'intro', kind: 'equation', shows: 'the Jacobian of the gradient vector field of a two-player game' },
  { id: 'fig-dirac', section: '1', kind: 'figure', shows: 'the Dirac-GAN setting: data at x = 0, generator at x = theta' },
  { id: 'D-def', section: '1', kind: 'equation', shows: 'the linear discriminator composed with the activation' },
  { id: 'f-sigmoid', section: '1', kind: 'equation', shows: 'the activation of the original GAN' },
  { id: 'f-wgan', section: '1', kind: 'equation', shows: 'the activation of WGAN' },
  { id: 'gan-loss', section: '2.1', kind: 'equation', shows: 'the standard GAN objective' },
  { id: 'gan-dirac', section: '2.1', kind: 'equation', shows: 'the standard GAN objective on Dirac-GAN' },
  { id: 'gan-field', section: '2.1', kind: 'equation', shows: 'the standard GAN vector field' },
  { id: 'fig-gan', section: '2.1', kind: 'figure', shows: 'standard GAN trajectories' },
  { id: 'wgan-loss', section: '2.2', kind: 'equation', shows: 'the WGAN objective' },
  { id: 'wgan-dirac', section: '2.2', kind: 'equation', shows: 'the WGAN objective on Dirac-GAN' },
  { id: 'wgan-field', section: '2.2', kind: 'equation', shows: 'the WGAN vector field' },
  { id: 'fig-wgan', section: '2.2', kind: 'figure', shows: 'WGAN trajectories' },
  { id: 'eig-unreg', section: '2.2', kind: 'equation', shows: 'the eigenvalues at the equilibrium for any activation' },
  { id: 'wgangp-loss', section: '3', kind: 'equation', shows: 'the WGAN-GP objective' },
  { id: 'wgangp-dirac', section: '3', kind: 'equation', shows: 'the WGAN-GP objective on Dirac-GAN' },
  { id: 'wgangp-field', section: '3', kind: 'equation', shows: 'the WGAN-GP vector field' },
  { id: 'fig-wgangp', section: '3', kind: 'figure', shows: 'WGAN-GP trajectories' },
  { id: 'co-loss', section: '4', kind: 'equation', shows: 'the consensus-optimisation objective' },
  { id: 'co-dirac', section: '4', kind: 'equation', shows: 'the consensus-optimisation objective on Dirac-GAN' },
  { id: 'co-field', section: '4', kind: 'equation', shows: 'the consensus-optimisation vector field' },
  { id: 'fig-co', section: '4', kind: 'figure', shows: 'consensus-optimisation trajectories' },
  { id: 'r1-loss', section: '5', kind: 'equation', shows: 'the zero-centred penalty on real data' },
  { id: 'r2-loss', section: '5', kind: 'equation', shows: 'the zero-centred penalty on generated data' },
  { id: 'zc-dirac', section: '5', kind: 'equation', shows: 'the zero-centred penalties on Dirac-GAN' },
  { id: 'zc-field', section: '5', kind: 'equation', shows: 'the vector field with a zero-centred penalty' },
  { id: 'fig-zc', section: '5', kind: 'figure', shows: 'trajectories with a zero-centred penalty' },
];
