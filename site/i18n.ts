/**
 * The site's own words in English and Chinese. Titles, summaries, formula labels and
 * hyperparameter descriptions come from the derivation records; everything else a page or a
 * picture says is here, under one key per phrase, so both languages always have the same keys.
 * Shared by the build and the page (the legends of the live pictures).
 */
import { clientEn, clientZh } from './i18n-client.js';
import type { StabilityVerdict } from '../generated/runtime/methods.js';

export { num, point } from './i18n-client.js';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };
export const LANG_NAME: Record<Lang, string> = { en: 'English', zh: '中文' };

export const en = {
  ...clientEn,
  siteTitle: 'Dirac-GAN dynamics',
  siteTagline: 'Which GAN training methods converge, derived symbolically on the Dirac-GAN',
  navGames: 'All games',
  navLabel: 'Site',
  navArticle: 'Article companion',
  navPlayground: 'Playground',
  switchTo: '中文',
  switchLabel: 'Read this page in Chinese',
  skip: 'Skip to content',

  indexIntro:
    'Each row is one game on the Dirac-GAN of Mescheder, Geiger and Nowozin (ICML 2018): a single data point at 0, a generator that puts its sample at θ, and a linear discriminator D(x) = φx. The formulas are derived from the game’s objective by the project’s generator; the pictures and numbers are computed from the generated evaluators.',
  indexTableCaption: 'Every game at its equilibrium (θ, φ) = (0, 0): its linearisation, the flow beyond it, and the training methods linearised there (what the iterates do to first order)',
  colGame: 'Game',
  colEigen: 'Eigenvalues of the Jacobian at (0, 0)',
  colContinuous: 'Linearisation at (0, 0)',
  anyF: 'any f',
  thisF: 'this f',
  noF: 'no f: written in D',
  atDefaults: 'at the defaults',
  numericNote:
    'Columns marked ≈ are computed numerically from the generated evaluators: the spectral radius ρ of the update map linearised at (0, 0), at the default hyperparameters, with one discriminator step per generator step for alternating steps.',
  discrete: {
    'converges-below-bound': (h: string) => `for ${h}`,
    'cycles-below-bound': (h: string) => `|μ| = 1 for ${h}: to first order the iterates cycle`,
    'converges-in-intervals': (h: string) => `ρ < 1 only for ${h}, not for small h`,
    'never-converges': () => 'ρ ≥ 1 for every h up to 1e3',
    undecided: () => 'ρ = 1 for small h, exactly or to rounding: the linearisation, in double precision, does not decide',
    'converges-for-all-h': () => 'for every h up to 1e3',
  } satisfies Record<StabilityVerdict, (h: string) => string> as Record<string, (h: string) => string>,
  /** Words after a short verdict where there is no bound to print. */
  discreteShortWords: { undecided: 'ρ = 1 for small h, or to rounding' } as Record<string, string>,
  discreteShort: {
    'converges-below-bound': 'converges',
    'cycles-below-bound': 'cycles to first order',
    'converges-in-intervals': 'converges for some h',
    'never-converges': 'no convergence',
    undecided: 'undecided',
    'converges-for-all-h': 'converges',
  } satisfies Record<StabilityVerdict, string> as Record<string, string>,
  formulaKey: { bound: 'Largest stable learning rate', map: 'Update map at the equilibrium', eigenvalues: 'Its eigenvalues', spectralRadius: 'Spectral radius' } as Record<string, string>,
  method: 'Method',
  onThisPage: 'On this page',
  trainingLink: 'All four methods: stability maps, eigenvalue paths, update maps and learning-rate bounds',
  /** A symbol and what it stands for; both arguments are markup already. */
  defines: (symbol: string, meaning: string) => `${symbol}: ${meaning}.`,
  trainingTitle: (game: string) => `${game}: training in discrete time`,
  longFormula: (n: number) => `This formula is ${n} characters of LaTeX, too long to typeset readably here: copy it, or read the source.`,
  texSource: 'LaTeX source',
  verdictCol: 'Verdict',
  how: 'How',
  hyperparameters: 'Hyperparameters',
  notDifferentiableShort: 'no Jacobian at (0, 0)',
  notAnEquilibriumShort: '(0, 0) is not an equilibrium',
  movedEquilibrium: 'the equilibria found elsewhere, if any, and the methods linearised there are on the game’s page',
  noDiscrete: 'no linearised update map, no learning-rate bound: every method is simulated on the game’s page',
  spectralRadius: 'spectral radius',

  verdict: {
    'locally-convergent': 'converges locally',
    'purely-imaginary': 'purely imaginary eigenvalues: the linearisation does not decide',
    unstable: 'unstable',
    'not-differentiable': 'not differentiable at the equilibrium',
    'not-an-equilibrium': '(0, 0) is not an equilibrium',
    inconclusive: 'inconclusive',
  } as Record<string, string>,
  verdictShort: {
    'locally-convergent': 'converges',
    'purely-imaginary': 'imaginary: undecided',
    unstable: 'diverges',
    'not-differentiable': 'no Jacobian',
    'not-an-equilibrium': 'not an equilibrium',
    inconclusive: 'inconclusive',
  } as Record<string, string>,
  /** Why the linearisation says what it says, from the verdict alone. */
  linearReason: {
    'locally-convergent': 'Both eigenvalues of J(0, 0) have a negative real part: trajectories near (0, 0) converge, exponentially.',
    'purely-imaginary': 'The eigenvalues of J(0, 0) are purely imaginary: the linearisation does not decide whether the flow converges; the nonlinear terms do (below).',
    unstable: 'An eigenvalue of J(0, 0) has a positive real part: trajectories near (0, 0) leave it.',
    'not-differentiable': 'The field has a kink at (0, 0): there is no Jacobian, and no linearisation to decide; the nonlinear analysis below does.',
    'not-an-equilibrium': 'The field is not 0 at (0, 0): a regulariser moved the equilibrium away, or left the game none. The analysis below looks for the equilibria where they are and gives each one it finds a verdict (undecided where nothing decides); the training methods are linearised at those it finds.',
    inconclusive: 'Both eigenvalues of J(0, 0) are 0: the linearisation does not decide; the nonlinear analysis below does.',
  } as Record<string, string>,

  sources: 'Sources',
  activationHeading: 'Activation',
  activationAbstract: 'f abstract: every formula holds for any f',
  activationNone: 'none: the objectives are written in D(x) = φx directly',
  noiseHeading: 'Instance noise',
  noiseNote: (e: string) => `Formulas that contain ε are expectations over it, written ${e}.`,
  constraintsHeading: 'Constraint',
  constraintNote: 'after every training step.',
  kinksHeading: 'Not differentiable',
  kinkJumps: 'The jumps across it, from the side where its expression is negative to the side where it is positive (on the kink, the generated jacobian returns the limit from the positive side):',
  noteHeading: 'Note',
  kinksWhere: (where: string) => `The objectives have kinks (from |·|, max, min or a step) where ${where}.`,
  kinksLocal: 'None of them touches the linearisation at (0, 0): J(0, 0) exists.',
  kinkFilippov: (u: string, curve: string) => `Along the kink ${u}, the curve ${curve}, Filippov’s picture at the defaults, sampled for 10⁻³ ≤ |θ| ≤ 10³, forty points a decade (n = ∇u points to where u > 0; the field is v₊ there and v₋ beyond): `,
  kinkSegment: (from: string, to: string, kind: 'crossing' | 'sliding' | 'escaping', slides?: 'increasing' | 'decreasing' | 'still') =>
    `for θ from ${from} to ${to} ${{ crossing: 'trajectories cross it', sliding: slides === 'still' ? 'both sides push trajectories onto it, and the sliding field vanishes: every point of it is an equilibrium of the non-smooth system' : `both sides push trajectories onto it, and they slide along it towards ${slides === 'increasing' ? 'larger' : 'smaller'} θ`, escaping: 'both sides push trajectories away from it' }[kind]}`,
  fillsSlots: 'Fills the article’s slots',
  formulas: 'Derivation',
  formulasIntro:
    'From the general objective of each player to the eigenvalues at the equilibrium. “Any f” keeps the activation abstract (f′, f″ are its derivatives); “this f” substitutes the game’s activation.',
  formulasIntroNone: 'From the general objective of each player to the eigenvalues at the equilibrium.',
  jacobianElsewhere: 'The Jacobian J(θ, φ) away from the equilibrium, the longest formula, is on the training page:',
  generic: 'any f',
  concrete: (f: string) => `with ${f}`,
  copyTex: 'Copy LaTeX',
  equilibrium: 'At the equilibrium',
  eigenAtDefaults: 'Eigenvalues at the default hyperparameters',
  eigenOfJ: 'Eigenvalues of J(0, 0)',
  verdictHeading: 'The linearisation at (0, 0), continuous time',
  pictures: 'Pictures',
  explore: 'Explore',
  exploreIntro:
    'Move a slider and the trajectories and eigenvalues are recomputed in the page by the generated evaluators. Without JavaScript the pictures show the defaults.',
  learningRate: 'learning rate h',
  nD: 'discriminator steps per generator step n_D',
  steps: 'steps',
  startTheta: 'start θ₀',
  startPhi: 'start φ₀',
  methodLegend: 'Training method',
  methodBoth: 'both',
  methodName: { simultaneous: 'simultaneous', alternating: 'alternating' } as Record<string, string>,
  /** A method's steps, as a picture's title says it. */
  methodSteps: { simultaneous: 'simultaneous steps', alternating: 'alternating steps', extragradient: 'extragradient steps', optimistic: 'optimistic steps' } as Record<string, string>,
  play: 'Animate the iterates',
  pause: 'Pause',
  reset: 'Reset',
  sampleActivation: (f: string) => `This game keeps f abstract; its pictures are drawn with ${f}.`,
  abstractNumbers: (f: string) => `† f is abstract: these numbers are for ${f}.`,
  discreteHeading: 'Discrete time: training methods',
  discreteIntro:
    'Gradient descent with learning rate h iterates an update map; near (0, 0) it is linear, and the iterates converge when all its eigenvalues lie inside the unit circle (spectral radius ρ < 1).',
  fromRecord: 'derived',
  rulesHeading: 'Every training method of methods/',
  rulesIntro:
    'Each method is one update rule (methods/<id>.ts), linearised here at the equilibrium by the generator: the map M of the whole state (the point and what the method remembers), its characteristic polynomial, and where M contracts, decided in closed form by the Schur conditions on that polynomial. The bound is the largest stable learning rate with one rate h for both players and the method’s other hyperparameters at the values shown.',
  rulesCols: { method: 'method', values: 'hyperparameters', simultaneous: 'simultaneous', alternating: 'alternating' },
  rulesNone: 'none',
  rulesMapsHeading: 'Where each method converges, over a plane of its numbers',
  rulesMapsIntro:
    'Each map shades where the method’s update map contracts, from the Schur conditions on its characteristic polynomial: over its first hyperparameter and the learning rate h, or, for a method without one, over the generator’s and the discriminator’s learning rates (two time scales). The other numbers are at the values in the table.',
  rulesMapTitle: (game: string, method: string) => `Where ${method} converges on ${game}`,
  rulesGeneratorRate: 'generator’s learning rate h_G',
  rulesMapCaption: (method: string, over: string, regions: { converges: boolean; cycles: boolean; diverges: boolean }, fromRecord = true) =>
    `Where the update map of ${method} contracts at (0, 0), ${fromRecord ? 'from the Schur test on its characteristic polynomial in the record' : 'from the spectral radius of its closed-form Jacobian M(J) in generated/methods.ts (the record does not keep this characteristic polynomial: too long, or rational in the rates)'}, over ${over}. ${[
      regions.diverges ? 'Red: ρ > 1, the iterates diverge' : '',
      regions.cycles ? 'amber: ρ = 1, to first order they cycle' : '',
      regions.converges ? 'green: ρ < 1, they converge' : '',
    ].filter(Boolean).join('; ').replace(/^./, (c) => c.toUpperCase())}.`,
  rulesDiscriminatorRate: 'discriminator’s learning rate h_D',
  rulesFastest: (h: string, rho: string) => `fastest at h = ${h} (ρ = ${rho})`,
  rulesFastestJointly: (q: string, value: string, h: string, rho: string) => `with ${q} free too: fastest found at ${q} = ${value}, h = ${h} (ρ = ${rho}; a numeric search)`,
  elsewhereHeading: 'At the other equilibria',
  elsewherePoint: (theta: string, phi: string) => `At the equilibrium (θ, φ) = (${theta}, ${phi}), f substituted, with one learning rate h for both players (the update map linearised there, as at (0, 0)):`,
  elsewhereLine: (variable: string, value: string, along: string) => `Along the line ${variable} = ${value}, every point of which is an equilibrium: the largest h that brings iterates started beside it back to it, at three points of the line (the update map linearised there; its eigenvalue 1, the line's own direction, set apart):`,
  elsewhereAnyH: 'any h',
  simulatedHeading: 'Simulated, not derived: the methods with no linearisation at the equilibrium',
  simulatedIntro: (steps: number, starts: number) =>
    `These numbers come from runs, not from an analysis: ${starts} runs from the points (±1, ±1), (±1, 0) and (0, ±1), ${steps} steps each, of the step the package exports (generated/methods.ts) on this game’s field, with one learning rate h = h_G = h_D and the method’s other hyperparameters at their defaults. A run is at rest when the field is below 1e-6 where it stopped and it moved less than that over its last 100 steps (an equilibrium, or where the field vanishes to rounding, as the standard GAN’s does far out), diverged beyond 1e3, or is still moving; the distance is the median distance from (0, 0) where the runs that did not diverge ended.`,
  simulatedWhy: (method: string, why: string) => `${method}: ${why}`,
  simulatedKink: 'The field has a kink at the equilibrium (0, 0): no training method’s update map has a linearisation there, so every method is run instead, as below.',
  simulatedNot: (why: string) => `Not simulated on this game: ${why}.`,
  simulatedCols: { variant: 'steps', h: 'h', ends: 'at rest / moving / diverged', distance: 'median distance' },
  simulatedTitle: (method: string) => `${method}, simulated`,
  simulatedOutcome: { converged: 'at rest (the field below 1e-6)', diverged: 'diverges', running: 'still moving' } as Record<'converged' | 'diverged' | 'running', string>,
  ruleOutcome: { converged: 'converges (within 1e-8 of (0, 0), or at rest)', diverged: 'diverges', running: 'still moving' } as Record<'converged' | 'diverged' | 'running', string>,
  simulatedBasinTitle: (method: string, title: string) => `Where ${method} of ${title} ends, simulated`,
  simulatedBasinDesc: (method: string, h: string, counts: string) => `Start points on a grid over θ, φ ∈ [−1.5, 1.5], coloured by where ${method} with h = ${h} ended in the record’s runs: ${counts}.`,
  simulatedBasinCaption: (method: string, h: string, size: number) => `Simulated: where runs of ${method} end from a ${size} × ${size} grid of starts, one learning rate h = ${h}, the method’s hyperparameters at their defaults (the record’s basin).`,
  ruleBasinsHeading: 'Where each method converges from',
  ruleBasinsIntro: (steps: number, size: number) =>
    `The linearisation speaks of a neighbourhood of (0, 0) only. For each method whose linearised map contracts at the defaults: where its runs end from a ${size} × ${size} grid of starts over θ, φ ∈ [−1.5, 1.5], at h = 0.2 (half the bound where that is below 0.2), ${steps} steps each, the method’s hyperparameters at their defaults; at rest where it came within 1e-8 of (0, 0) or stopped where the field vanishes. A run still moving after the last step converges slowly or not at all; one that diverges shows a method that is stable near (0, 0) but not from there.`,
  ruleBasinTitle: (method: string, title: string) => `Where ${method} converges from on ${title}`,
  ruleBasinCaption: (method: string, h: string) => `${method}, h = ${h}: the record’s runs from each start.`,
  numeric: '≈ numeric',

  // pictures
  theta: 'θ (generator)',
  phi: 'φ (discriminator)',
  start: 'start',
  equilibriumPoint: 'equilibrium (0, 0)',
  fieldTitle: (game: string) => `Vector field and trajectories of ${game}`,
  severalStarts: (starts: string) => `four more starts: ${starts}`,
  clipped: 'The flow and the steps are clipped as the game says:',
  stabilityTitle: (game: string, method: string) => `Stability of ${method} of ${game} over the hyperparameter and the learning rate`,
  stabilityCaption: (method: string, regions: { converges: boolean; cycles: boolean; diverges: boolean }) =>
    `Spectral radius ρ of the update map of ${method} at (0, 0), from the generated spectralRadius, over the hyperparameter and the learning rate h (log scale). ${[
      regions.diverges ? 'Red: ρ > 1, the iterates diverge' : '',
      regions.cycles ? 'amber: ρ = 1, to first order they cycle' : '',
      regions.converges ? 'green: ρ < 1, they converge' : '',
    ]
      .filter(Boolean)
      .join('; ')
      .replace(/^./, (c) => c.toUpperCase())}${regions.converges || regions.cycles ? '; thick line: the edge, ρ = 1' : ''}.`,
  stabilityDesc: (method: string, summary: string) => `Map of where ${method} converge, over the hyperparameter and the learning rate. ${summary}`,
  rhoBands: ['ρ < 0.9: converges fast', '0.9 ≤ ρ < 0.99: converges', '0.99 ≤ ρ < 1: converges slowly'] as readonly [string, string, string],
  rhoCycles: 'ρ = 1: cycles',
  rhoDiverges: 'ρ > 1: diverges',
  basinHeading: 'Where it converges from',
  basinTitle: (method: string, title: string) => `Where ${method} of ${title} converge from`,
  basinCaption: (method: string, h: string, steps: number, halfBound: boolean) =>
    `From each start point of the box, ${steps} ${method} at the defaults with h = ${h}${halfBound ? ' (half the learning-rate bound: the default h is above it)' : ''}, by the generated trajectory: green, the iterates come within 10⁻³ of (0, 0); red, they pass a distance of 1,000 (diverge); amber, neither by the end. The linearisation speaks only of a neighbourhood of (0, 0); this is what happens further out.`,
  basinDesc: (method: string, counts: string) => `Start points on θ, φ ∈ [−2.5, 2.5] coloured by where ${method} went: ${counts}.`,
  basinOutcome: { converged: 'converges to (0, 0)', diverged: 'diverges', running: 'still running' } as Record<'converged' | 'diverged' | 'running', string>,
  basinCount: (n: number, outcome: string) => `${n} ${outcome}`,
  driftFinding: (kind: 'in' | 'stays' | 'out' | 'unclear', h: string, steps: number, ratio: string) =>
    `Beyond the linearisation, by simulation (not proved): from (0.1, 0) at the defaults with h = ${h}, over ${steps} steps, the largest r² of the last tenth of the run is ${ratio} times that of its second tenth: ` +
    { in: 'the iterates drift in over this run.', stays: 'the iterates stay on their cycle over this run (a change below 10⁻⁶).', out: 'the iterates drift out over this run.', unclear: 'too small a change to call over this run.' }[kind],
  driftDerived: (sign: 'negative' | 'positive' | 'zero' | 'linear', h: string, d: string, c: string, order: number, steps = '') =>
    sign === 'linear' ? `Derived: the field is linear near (0, 0), and so is the alternating map: zₖ = e^(ikθ₀) z₀ exactly, and the iterates stay on their ellipse (at h = ${h}, as at every h below the bound).`
    : order === 3 ? `Derived from the cubic terms: at h = ${h} the coefficient of the alternating map’s Neimark–Sacker normal form, z ↦ e^(iθ₀) z (1 + d |z|²), is d = ${d}` +
      { negative: ` < 0: the iterates drift in, algebraically, |z_k|² k → 1/(2|d|) = ${c}.`, positive: ' > 0: near the equilibrium the iterates drift out.', zero: ': the cubic terms do not decide whether the iterates drift; higher ones do.' }[sign]
    : `Derived from the normal form to order ${order}: the cubic coefficient d is 0 at every h, and so is every term below order ${order}; at h = ${h}, in the normal form |w|² ↦ |w|² (1 + 2 d${order} |w|^${order - 1}), d${order} = ${d}` +
      { negative: ` < 0: the iterates drift in, algebraically, |z_k|^${order - 1} k → 1/(${order - 1}|d${order}|) = ${c}; from |z| = 0.1, |z|^${order - 1} halves after about ${steps} steps.`, positive: ` > 0: near the equilibrium the iterates drift out, algebraically, |z_k|^-${order - 1} falling by ${order - 1} d${order} a step; from |z| = 0.1, |z|^${order - 1} doubles after about ${steps} steps.`, zero: `: the normal form to order ${order} does not decide whether the iterates drift.` }[sign],
  defaults: 'defaults',
  currentSettings: 'the sliders’ values',
  stabilityHeading: 'Stability over the hyperparameters',
  stabilityIntro: (h: string) =>
    `For each hyperparameter, the others at their defaults: how the eigenvalues of J(0, 0) move along its range, how those of each update map move with h = ${h}, and where each method converges over the hyperparameter and the learning rate. All computed with the generated evaluators.`,
  stabilityMapsHeading: (symbol: string) => `Where each method converges, over ${symbol} and h`,
  pathsHeading: (symbol: string) => `Eigenvalues as ${symbol} varies`,
  pathsTitle: (game: string, symbol: string) => `Eigenvalues of J(0, 0) of ${game} as ${symbol} varies`,
  pathsCaption: (symbol: string, lo: string, hi: string) =>
    `The eigenvalues λ of J(0, 0), from the generated equilibriumEigenvalues, as ${symbol} grows from ${lo} to ${hi} (arrows), the other hyperparameters at their defaults. Rings: at the value set. The flow converges locally where both lie left of the imaginary axis (the half-plane right of it is shaded).`,
  pathsCaptionStill: (symbol: string, lo: string, hi: string) =>
    `The eigenvalues λ of J(0, 0), from the generated equilibriumEigenvalues: they stay where the rings are while ${symbol} runs from ${lo} to ${hi}, since ${symbol} does not enter J(0, 0). The flow converges locally where both lie left of the imaginary axis (the half-plane right of it is shaded).`,
  imaginaryAxis: 'imaginary axis, Re λ = 0',
  lambdaLabel: (i: number) => `λ${'₁₂₃₄'[i] ?? i + 1}`,
  muLabel: (i: number) => `μ${'₁₂₃₄'[i] ?? i + 1}`,
  pathFromTo: (label: string, from: string, to: string) => `${label} from ${from} to ${to}`,
  pathsStill: (symbol: string, where: string) => `The eigenvalues do not depend on ${symbol}: ${where} over the whole range`,
  pathsDesc: (symbol: string, lo: string, hi: string, moves: string, at: string, verdict: string) =>
    `Complex plane with the imaginary axis. As ${symbol} grows from ${lo} to ${hi}: ${moves}. ${at}. ${verdict}.`,
  pathsLeft: 'Both lie left of the imaginary axis over the whole range: the flow converges locally for every value',
  pathsOnAxis: 'Both stay on the imaginary axis: the linearisation decides nothing for any value (see the nonlinear analysis)',
  pathsRight: (x: string) => `Somewhere in the range an eigenvalue has Re λ ≥ 0 (up to ${x}): the linearisation does not show convergence there`,
  muTitle: (game: string, method: string, symbol: string, h: string) => `Eigenvalues of the update map of ${method} of ${game}, h = ${h}, as ${symbol} varies`,
  muCaption: (symbol: string, lo: string, hi: string, h: string) =>
    `The eigenvalues μ of each method’s update map at (0, 0) with h = ${h}, from the generated updateEigenvalues, as ${symbol} grows from ${lo} to ${hi} (arrows). Rings: at the default. The iterates converge where every μ lies inside the unit circle.`,
  muCaptionStill: (symbol: string, lo: string, hi: string, h: string) =>
    `The eigenvalues μ of each method’s update map at (0, 0) with h = ${h}, from the generated updateEigenvalues: they stay where the rings are while ${symbol} runs from ${lo} to ${hi}. The iterates converge where every μ lies inside the unit circle.`,
  muDesc: (symbol: string, moves: string, rho: string) => `Complex plane with the unit circle. As ${symbol} varies: ${moves}. ${rho}.`,
  muInside: (lo: string, hi: string) => `ρ = max |μ| stays between ${lo} and ${hi}, inside the unit circle over the whole range`,
  muOnCircle: 'ρ = 1 over the whole range: on the unit circle',
  muOutside: (lo: string, hi: string) => `ρ = max |μ| runs from ${lo} to ${hi}: outside the unit circle somewhere in the range`,
  noLinearisation: (reason: string) => `No eigenvalue picture and no stability map. ${reason}`,
  diracTitle: 'The Dirac-GAN',
  diracCaption: 'Data at x = 0, the generator’s sample at x = θ, and the discriminator D(x) = φx; f applied to D gives the loss.',
  diracDesc: (theta: string, phi: string) => `A line x from −2.5 to 2.5 with the data point at 0, the generated point at θ = ${theta}, and the discriminator line D(x) = φx with φ = ${phi}.`,
  data: 'data x = 0',
  generated: 'generated x = θ',
  discriminatorLine: 'D(x) = φx',

  // article companion
  articleTitle: 'Article companion',
  articleCite: 'Read the article',
  slotFrom: 'from',
  slot: 'Slot',
  footer: 'Formulas derived symbolically from each game’s objective; pictures computed from the generated evaluators at build time. Works offline.',
  /** A list of citations (each already marked up), as a sentence. */
  citations: (cites: readonly string[]) => `${cites.join('; ')}.`,
  notFound: 'Page not found',
};

export type Strings = typeof en;

export const zh: Strings = {
  ...clientZh,
  siteTitle: 'Dirac-GAN 动力学',
  siteTagline: '在 Dirac-GAN 上符号推导：哪些 GAN 训练方法能够收敛',
  navGames: '全部博弈',
  navLabel: '本站',
  navArticle: '文章配套',
  navPlayground: '试验场',
  switchTo: 'English',
  switchLabel: '阅读本页英文版',
  skip: '跳到正文',

  indexIntro:
    '每一行是 Dirac-GAN（Mescheder、Geiger、Nowozin，ICML 2018）上的一个博弈：数据只有 0 处的一个点，生成器把样本放在 θ，判别器是线性的 D(x) = φx。公式由本项目的生成器从博弈的目标函数推导而来；图与数值由生成的求值函数计算。',
  indexTableCaption: '各博弈在均衡点 (θ, φ) = (0, 0) 处：线性化、线性化之外的流，以及在该点线性化的训练方法（迭代的一阶行为）',
  colGame: '博弈',
  colEigen: '均衡点 (0, 0) 处雅可比矩阵的特征值',
  colContinuous: '(0, 0) 处的线性化',
  anyF: '任意 f',
  thisF: '具体 f',
  noF: '无 f：直接用 D 写出',
  atDefaults: '默认超参数',
  numericNote:
    '标 ≈ 的列由生成的求值函数数值计算：在 (0, 0) 处线性化的更新映射的谱半径 ρ，取默认超参数；交替更新为每步生成器对应一步判别器。',
  discrete: {
    'converges-below-bound': (h: string) => `${h} 时`,
    'cycles-below-bound': (h: string) => `${h} 时 |μ| = 1：一阶近似下迭代绕圈`,
    'converges-in-intervals': (h: string) => `仅当 ${h} 时 ρ < 1，小 h 时不收敛`,
    'never-converges': () => '直到 1e3 的任意 h 都有 ρ ≥ 1',
    undecided: () => 'h 较小时 ρ = 1（精确地或在舍入误差内）：双精度下的线性化无法判定',
    'converges-for-all-h': () => '直到 1e3 的任意 h',
  } satisfies Record<StabilityVerdict, (h: string) => string>,
  discreteShortWords: { undecided: 'h 较小时 ρ = 1，或在舍入误差内' },
  discreteShort: {
    'converges-below-bound': '收敛',
    'cycles-below-bound': '一阶近似下绕圈',
    'converges-in-intervals': '部分 h 收敛',
    'never-converges': '不收敛',
    undecided: '无法判定',
    'converges-for-all-h': '收敛',
  } satisfies Record<StabilityVerdict, string>,
  formulaKey: { bound: '最大稳定学习率', map: '均衡点处的更新映射', eigenvalues: '其特征值', spectralRadius: '谱半径' },
  method: '方法',
  onThisPage: '本页目录',
  trainingLink: '全部四种方法：稳定性图、特征值路径、更新映射与学习率上界',
  defines: (symbol: string, meaning: string) => `${symbol}：${meaning}。`,
  trainingTitle: (game: string) => `${game}：离散时间训练`,
  longFormula: (n: number) => `该公式的 LaTeX 长达 ${n} 个字符，在此排版难以阅读：可复制，或查看源码。`,
  texSource: 'LaTeX 源码',
  verdictCol: '结论',
  how: '来源',
  hyperparameters: '超参数',
  notDifferentiableShort: '(0, 0) 处没有雅可比矩阵',
  notAnEquilibriumShort: '(0, 0) 不是均衡点',
  movedEquilibrium: '在别处找到的均衡点（如果有），以及在那里线性化的训练方法，见该博弈的页面',
  noDiscrete: '没有线性化的更新映射，也没有学习率上界：每个方法的模拟见该博弈的页面',
  spectralRadius: '谱半径',

  verdict: {
    'locally-convergent': '局部收敛',
    'purely-imaginary': '特征值为纯虚数：线性化无法判定',
    unstable: '不稳定',
    'not-differentiable': '均衡点处不可微',
    'not-an-equilibrium': '(0, 0) 不是均衡点',
    inconclusive: '无法判定',
  },
  verdictShort: {
    'locally-convergent': '收敛',
    'purely-imaginary': '纯虚：无法判定',
    unstable: '发散',
    'not-differentiable': '无雅可比矩阵',
    'not-an-equilibrium': '不是均衡点',
    inconclusive: '无法判定',
  },
  linearReason: {
    'locally-convergent': 'J(0, 0) 的两个特征值实部都为负：(0, 0) 附近的轨迹指数收敛。',
    'purely-imaginary': 'J(0, 0) 的特征值为纯虚数：线性化无法判定流是否收敛，要由非线性项决定（见下文）。',
    unstable: 'J(0, 0) 有实部为正的特征值：(0, 0) 附近的轨迹会离开。',
    'not-differentiable': '矢量场在 (0, 0) 处有折点：没有雅可比矩阵，线性化无从判定，由下文的非线性分析判定。',
    'not-an-equilibrium': '矢量场在 (0, 0) 处不为 0：正则项把均衡点移走了，或者使博弈没有均衡点。下文的分析在均衡点实际所在之处寻找它们，并对找到的每一个给出结论（无法判定时如实说明）；训练方法在找到的均衡点处线性化。',
    inconclusive: 'J(0, 0) 的两个特征值都是 0：线性化无法判定，由下文的非线性分析判定。',
  },

  sources: '出处',
  activationHeading: '激活函数',
  activationAbstract: 'f 抽象：所有公式对任意 f 成立',
  activationNone: '无：目标函数直接用 D(x) = φx 写出',
  noiseHeading: '实例噪声',
  noiseNote: (e: string) => `含 ε 的公式是对 ε 的期望，记作 ${e}。`,
  constraintsHeading: '约束',
  constraintNote: '在每个训练步之后施加。',
  kinksHeading: '不可微处',
  kinkJumps: '跨越折点的跳变，从其表达式为负的一侧到为正的一侧（在折点上，生成的 jacobian 返回正侧的极限）：',
  noteHeading: '说明',
  kinksWhere: (where: string) => `目标函数在 ${where} 处有折点（来自 |·|、max、min 或阶跃）。`,
  kinksLocal: '它们都不影响 (0, 0) 处的线性化：J(0, 0) 存在。',
  kinkFilippov: (u: string, curve: string) => `沿折点 ${u}，即曲线 ${curve}，默认参数下的 Filippov 图景，在 10⁻³ ≤ |θ| ≤ 10³ 上取样，每十倍四十个点（n = ∇u 指向 u > 0 一侧，那里的场为 v₊，另一侧为 v₋）：`,
  kinkSegment: (from: string, to: string, kind: 'crossing' | 'sliding' | 'escaping', slides?: 'increasing' | 'decreasing' | 'still') =>
    `θ 从 ${from} 到 ${to}：${{ crossing: '轨迹穿过它', sliding: slides === 'still' ? '两侧都把轨迹推向它，且滑动场为零：其上每一点都是非光滑系统的均衡点' : `两侧都把轨迹推向它，轨迹沿它向 θ ${slides === 'increasing' ? '增大' : '减小'}的方向滑动`, escaping: '两侧都把轨迹推离它' }[kind]}`,
  fillsSlots: '填入文章的空缺',
  formulas: '推导',
  formulasIntro: '从每个参与者的一般目标函数到均衡点处的特征值。“任意 f”保持激活函数抽象（f′、f″ 为其导数）；“具体 f”代入该博弈的激活函数。',
  formulasIntroNone: '从每个参与者的一般目标函数到均衡点处的特征值。',
  jacobianElsewhere: '均衡点以外的雅可比矩阵 J(θ, φ) 是最长的公式，放在训练页：',
  generic: '任意 f',
  concrete: (f: string) => `代入 ${f}`,
  copyTex: '复制 LaTeX',
  equilibrium: '均衡点处',
  eigenAtDefaults: '默认超参数下的特征值',
  eigenOfJ: 'J(0, 0) 的特征值',
  verdictHeading: '(0, 0) 处的线性化（连续时间）',
  pictures: '图',
  explore: '交互探索',
  exploreIntro: '拖动滑块，页面会用生成的求值函数重新计算轨迹与特征值。没有 JavaScript 时，图显示默认参数。',
  learningRate: '学习率 h',
  nD: '每步生成器对应的判别器步数 n_D',
  steps: '步数',
  startTheta: '起点 θ₀',
  startPhi: '起点 φ₀',
  methodLegend: '训练方法',
  methodBoth: '两者',
  methodName: { simultaneous: '同时更新', alternating: '交替更新' },
  methodSteps: { simultaneous: '同时更新', alternating: '交替更新', extragradient: '外梯度法', optimistic: '乐观梯度法' },
  play: '播放迭代动画',
  pause: '暂停',
  reset: '重置',
  sampleActivation: (f: string) => `该博弈保持 f 抽象；图中使用 ${f}。`,
  abstractNumbers: (f: string) => `† f 是抽象的：这些数值对应 ${f}。`,
  discreteHeading: '离散时间：训练方法',
  discreteIntro: '学习率为 h 的梯度下降是在迭代一个更新映射；在 (0, 0) 附近它是线性的，当其所有特征值都在单位圆内（谱半径 ρ < 1）时迭代收敛。',
  fromRecord: '推导',
  rulesHeading: 'methods/ 中的全部训练方法',
  rulesIntro:
    '每种方法是一条更新规则（methods/<id>.ts），由生成器在均衡点处线性化：整个状态（点及方法所记住的量）的映射 M、其特征多项式，以及 M 何处收缩——由该多项式的 Schur 条件以闭式判定。上界是两个参与者共用一个学习率 h、方法的其余超参数取表中数值时的最大稳定学习率。',
  rulesCols: { method: '方法', values: '超参数', simultaneous: '同时更新', alternating: '交替更新' },
  rulesNone: '无',
  rulesMapsHeading: '各方法在其参数平面上的收敛区域',
  rulesMapsIntro: '每幅图按特征多项式的 Schur 条件标出方法的更新映射收缩的区域：横轴为方法的第一个超参数、纵轴为学习率 h；没有超参数的方法则在生成器与判别器的学习率平面上（双时间尺度）。其余数值取表中的值。',
  rulesMapTitle: (game: string, method: string) => `${method}在 ${game} 上的收敛区域`,
  rulesGeneratorRate: '生成器学习率 h_G',
  rulesMapCaption: (method: string, over: string, regions: { converges: boolean; cycles: boolean; diverges: boolean }, fromRecord = true) =>
    `${method}的更新映射在 (0, 0) 处收缩的区域，${fromRecord ? '由记录中其特征多项式的 Schur 判定给出' : '由 generated/methods.ts 中其闭式雅可比矩阵 M(J) 的谱半径给出（记录未保存该特征多项式：过长，或对学习率是有理式）'}，坐标为${over}。${[
      regions.diverges ? '红色：ρ > 1，迭代发散' : '',
      regions.cycles ? '琥珀色：ρ = 1，一阶近似下迭代绕圈' : '',
      regions.converges ? '绿色：ρ < 1，迭代收敛' : '',
    ].filter(Boolean).join('；')}。`,
  rulesDiscriminatorRate: '判别器学习率 h_D',
  rulesFastest: (h: string, rho: string) => `h = ${h} 时收敛最快（ρ = ${rho}）`,
  rulesFastestJointly: (q: string, value: string, h: string, rho: string) => `${q} 也可调时：搜索到的最快点为 ${q} = ${value}，h = ${h}（ρ = ${rho}；数值搜索）`,
  elsewhereHeading: '在其他均衡点',
  elsewherePoint: (theta: string, phi: string) => `在均衡点 (θ, φ) = (${theta}, ${phi})（代入 f），两个参与者共用学习率 h（与 (0, 0) 处一样在该点线性化更新映射）：`,
  elsewhereLine: (variable: string, value: string, along: string) => `沿直线 ${variable} = ${value}（其上每一点都是均衡点）：在该线上三个点处，使从线旁出发的迭代回到线上的最大 h（在该点线性化更新映射，其沿直线方向的特征值 1 除外）：`,
  elsewhereAnyH: '任意 h',
  simulatedHeading: '模拟而非推导：在均衡点没有线性化的方法',
  simulatedIntro: (steps: number, starts: number) =>
    `以下数字来自运行，而非分析：从点 (±1, ±1)、(±1, 0) 与 (0, ±1) 出发的 ${starts} 次运行，每次 ${steps} 步，使用本包导出的步进函数（generated/methods.ts）作用于本博弈的向量场，两个参与者共用学习率 h = h_G = h_D，方法的其余超参数取默认值。运行“静止”指终点处向量场小于 1e-6 且最后 100 步移动小于此值（一个均衡点，或向量场在舍入下消失之处，如标准 GAN 在远处），“发散”指超出 1e3，否则为“仍在运动”；距离是未发散的运行终点到 (0, 0) 距离的中位数。`,
  simulatedWhy: (method: string, why: string) => `${method}：${why}`,
  simulatedKink: '矢量场在均衡点 (0, 0) 处有折点：任何训练方法的更新映射在那里都没有线性化，因此下面对每个方法做模拟运行。',
  simulatedNot: (why: string) => `本博弈未做模拟：${why}。`,
  simulatedCols: { variant: '更新方式', h: 'h', ends: '静止 / 运动 / 发散', distance: '距离中位数' },
  simulatedTitle: (method: string) => `${method}（模拟）`,
  simulatedOutcome: { converged: '静止（向量场小于 1e-6）', diverged: '发散', running: '仍在运动' } as Record<'converged' | 'diverged' | 'running', string>,
  ruleOutcome: { converged: '收敛（进入 (0, 0) 的 1e-8 范围内，或静止）', diverged: '发散', running: '仍在运动' } as Record<'converged' | 'diverged' | 'running', string>,
  simulatedBasinTitle: (method: string, title: string) => `${title}：${method}的终点（模拟）`,
  simulatedBasinDesc: (method: string, h: string, counts: string) => `θ, φ ∈ [−1.5, 1.5] 网格上的起点按记录中${method}（h = ${h}）的运行终点着色：${counts}。`,
  simulatedBasinCaption: (method: string, h: string, size: number) => `模拟：${method}从 ${size} × ${size} 网格起点出发的运行终点，学习率 h = ${h}，方法的超参数取默认值（记录中的吸引域）。`,
  ruleBasinsHeading: '各方法从何处收敛',
  ruleBasinsIntro: (steps: number, size: number) =>
    `线性化只说明 (0, 0) 附近的情形。对在默认值下线性化映射收缩的每个方法：从 θ, φ ∈ [−1.5, 1.5] 上 ${size} × ${size} 网格的起点出发，h = 0.2（若上界低于 0.2 则取上界的一半），每次运行 ${steps} 步，方法的超参数取默认值，各次运行的终点；进入 (0, 0) 的 1e-8 范围内或停在向量场为零之处即为静止。最后一步后仍在运动的运行收敛很慢或不收敛；发散的运行说明该方法在 (0, 0) 附近稳定，但从那里出发并不稳定。`,
  ruleBasinTitle: (method: string, title: string) => `${title}：${method}从何处收敛`,
  ruleBasinCaption: (method: string, h: string) => `${method}，h = ${h}：记录中从各起点出发的运行。`,
  numeric: '≈ 数值',

  theta: 'θ（生成器）',
  phi: 'φ（判别器）',
  start: '起点',
  equilibriumPoint: '均衡点 (0, 0)',
  fieldTitle: (game: string) => `${game} 的矢量场与轨迹`,
  severalStarts: (starts: string) => `另加四个起点：${starts}`,
  clipped: '连续流与梯度步都按博弈的约束截断：',
  stabilityTitle: (game: string, method: string) => `${game} 的${method}在超参数与学习率上的稳定性`,
  stabilityCaption: (method: string, regions: { converges: boolean; cycles: boolean; diverges: boolean }) =>
    `${method}的更新映射在 (0, 0) 处的谱半径 ρ（由生成的 spectralRadius 计算），横轴为超参数，纵轴为学习率 h（对数坐标）。${[
      regions.diverges ? '红色：ρ > 1，迭代发散' : '',
      regions.cycles ? '琥珀色：ρ = 1，一阶近似下迭代绕圈' : '',
      regions.converges ? '绿色：ρ < 1，迭代收敛' : '',
    ]
      .filter(Boolean)
      .join('；')}${regions.converges || regions.cycles ? '；粗线：边界 ρ = 1' : ''}。`,
  stabilityDesc: (method: string, summary: string) => `${method}在超参数与学习率上的收敛区域图。${summary}`,
  rhoBands: ['ρ < 0.9：收敛快', '0.9 ≤ ρ < 0.99：收敛', '0.99 ≤ ρ < 1：收敛慢'] as readonly [string, string, string],
  rhoCycles: 'ρ = 1：绕圈',
  rhoDiverges: 'ρ > 1：发散',
  basinHeading: '从哪里出发会收敛',
  basinTitle: (method: string, title: string) => `${title}：${method}从哪些起点收敛`,
  basinCaption: (method: string, h: string, steps: number, halfBound: boolean) =>
    `从方框中的每个起点出发，在默认超参数下以 h = ${h}${halfBound ? '（学习率上界的一半：默认 h 超过了上界）' : ''} 运行 ${steps} 步${method}，由生成的 trajectory 计算：绿色表示迭代进入 (0, 0) 的 10⁻³ 范围内；红色表示距离超过 1000（发散）；琥珀色表示到结束时两者皆未发生。线性化只说明 (0, 0) 附近的情形；此图给出更远处的结果。`,
  basinDesc: (method: string, counts: string) => `θ, φ ∈ [−2.5, 2.5] 上的起点按${method}的结果着色：${counts}。`,
  basinOutcome: { converged: '收敛到 (0, 0)', diverged: '发散', running: '仍在运行' },
  basinCount: (n: number, outcome: string) => `${n} 个${outcome}`,
  driftFinding: (kind: 'in' | 'stays' | 'out' | 'unclear', h: string, steps: number, ratio: string) =>
    `超出线性化，由模拟得出（未经证明）：在默认超参数下以 h = ${h} 从 (0.1, 0) 出发运行 ${steps} 步，最后十分之一步中的最大 r² 是第二个十分之一中的 ${ratio} 倍：` +
    { in: '在这次运行中迭代向内漂移。', stays: '在这次运行中迭代停留在其循环上（变化小于 10⁻⁶）。', out: '在这次运行中迭代向外漂移。', unclear: '变化太小，这次运行无法判定。' }[kind],
  driftDerived: (sign: 'negative' | 'positive' | 'zero' | 'linear', h: string, d: string, c: string, order: number, steps = '') =>
    sign === 'linear' ? `推导：矢量场在 (0, 0) 附近是线性的，交替更新映射也是：zₖ = e^(ikθ₀) z₀ 精确成立，迭代停留在其椭圆上（h = ${h} 时如此，低于上界的每个 h 都如此）。`
    : order === 3 ? `由三次项推导：h = ${h} 时，交替更新映射的 Neimark–Sacker 标准形 z ↦ e^(iθ₀) z (1 + d |z|²) 的系数为 d = ${d}` +
      { negative: ` < 0：迭代以代数速度向内漂移，|z_k|² k → 1/(2|d|) = ${c}。`, positive: ' > 0：在均衡点附近迭代向外漂移。', zero: '：三次项不能决定迭代是否漂移，要由更高次项决定。' }[sign]
    : `由 ${order} 阶标准形推导：三次系数 d 在每个 h 上都为零，低于 ${order} 阶的各项也都为零；h = ${h} 时，在标准形 |w|² ↦ |w|² (1 + 2 d${order} |w|^${order - 1}) 中 d${order} = ${d}` +
      { negative: ` < 0：迭代以代数速度向内漂移，|z_k|^${order - 1} k → 1/(${order - 1}|d${order}|) = ${c}；从 |z| = 0.1 出发，约 ${steps} 步后 |z|^${order - 1} 减半。`, positive: ` > 0：在均衡点附近迭代以代数速度向外漂移，|z_k|^-${order - 1} 每步减少 ${order - 1} d${order}；从 |z| = 0.1 出发，约 ${steps} 步后 |z|^${order - 1} 才加倍。`, zero: `：${order} 阶标准形不能决定迭代是否漂移。` }[sign],
  defaults: '默认值',
  currentSettings: '滑块当前值',
  stabilityHeading: '随超参数变化的稳定性',
  stabilityIntro: (h: string) =>
    `对每个超参数（其余取默认值）：J(0, 0) 的特征值如何随其取值范围移动，h = ${h} 时各更新映射的特征值如何移动，以及各方法在超参数与学习率平面上的收敛区域。全部由生成的求值函数计算。`,
  stabilityMapsHeading: (symbol: string) => `各方法在 ${symbol} 与 h 上的收敛区域`,
  pathsHeading: (symbol: string) => `特征值随 ${symbol} 的变化`,
  pathsTitle: (game: string, symbol: string) => `${game} 的 J(0, 0) 特征值随 ${symbol} 的变化`,
  pathsCaption: (symbol: string, lo: string, hi: string) =>
    `J(0, 0) 的特征值 λ（由生成的 equilibriumEigenvalues 计算）随 ${symbol} 从 ${lo} 增大到 ${hi} 的路径（箭头），其余超参数取默认值。圆圈：当前取值处。两个特征值都在虚轴左侧时连续流局部收敛（虚轴右侧的半平面加了阴影）。`,
  pathsCaptionStill: (symbol: string, lo: string, hi: string) =>
    `J(0, 0) 的特征值 λ（由生成的 equilibriumEigenvalues 计算）：${symbol} 从 ${lo} 变到 ${hi} 时它们停在圆圈处不动，因为 J(0, 0) 不含 ${symbol}。两个特征值都在虚轴左侧时连续流局部收敛（虚轴右侧的半平面加了阴影）。`,
  imaginaryAxis: '虚轴，Re λ = 0',
  lambdaLabel: (i: number) => `λ${'₁₂₃₄'[i] ?? i + 1}`,
  muLabel: (i: number) => `μ${'₁₂₃₄'[i] ?? i + 1}`,
  pathFromTo: (label: string, from: string, to: string) => `${label} 从 ${from} 到 ${to}`,
  pathsStill: (symbol: string, where: string) => `特征值与 ${symbol} 无关：在整个范围内都是 ${where}`,
  pathsDesc: (symbol: string, lo: string, hi: string, moves: string, at: string, verdict: string) =>
    `带虚轴的复平面。${symbol} 从 ${lo} 增大到 ${hi} 时：${moves}。${at}。${verdict}。`,
  pathsLeft: '在整个范围内两个特征值都在虚轴左侧：对每个取值连续流都局部收敛',
  pathsOnAxis: '两个特征值始终在虚轴上：对任何取值线性化都无法判定（见非线性分析）',
  pathsRight: (x: string) => `范围内某处有特征值 Re λ ≥ 0（最大 ${x}）：线性化在那里不能说明收敛`,
  muTitle: (game: string, method: string, symbol: string, h: string) => `${game} 的${method}更新映射的特征值（h = ${h}）随 ${symbol} 的变化`,
  muCaption: (symbol: string, lo: string, hi: string, h: string) =>
    `h = ${h} 时各方法在 (0, 0) 处更新映射的特征值 μ（由生成的 updateEigenvalues 计算），随 ${symbol} 从 ${lo} 增大到 ${hi} 的路径（箭头）。圆圈：默认值处。所有 μ 都在单位圆内时迭代收敛。`,
  muCaptionStill: (symbol: string, lo: string, hi: string, h: string) =>
    `h = ${h} 时各方法在 (0, 0) 处更新映射的特征值 μ（由生成的 updateEigenvalues 计算）：${symbol} 从 ${lo} 变到 ${hi} 时它们停在圆圈处不动。所有 μ 都在单位圆内时迭代收敛。`,
  muDesc: (symbol: string, moves: string, rho: string) => `带单位圆的复平面。${symbol} 变化时：${moves}。${rho}。`,
  muInside: (lo: string, hi: string) => `ρ = max |μ| 在 ${lo} 与 ${hi} 之间，在整个范围内都在单位圆内`,
  muOnCircle: '在整个范围内 ρ = 1：在单位圆上',
  muOutside: (lo: string, hi: string) => `ρ = max |μ| 从 ${lo} 变到 ${hi}：范围内某处在单位圆外`,
  noLinearisation: (reason: string) => `没有特征值图和稳定性图。${reason}`,
  diracTitle: 'Dirac-GAN',
  diracCaption: '数据在 x = 0，生成样本在 x = θ，判别器 D(x) = φx；对 D 施加 f 得到损失。',
  diracDesc: (theta: string, phi: string) => `x 轴从 −2.5 到 2.5：数据点在 0，生成点在 θ = ${theta}，判别器直线 D(x) = φx，φ = ${phi}。`,
  data: '数据 x = 0',
  generated: '生成 x = θ',
  discriminatorLine: 'D(x) = φx',

  articleTitle: '文章配套',
  articleCite: '阅读原文',
  slotFrom: '来自',
  slot: '空缺',
  footer: '公式由各博弈的目标函数符号推导；图在构建时由生成的求值函数计算。可离线使用。',
  citations: (cites: readonly string[]) => `${cites.join('；')}。`,
  notFound: '页面不存在',
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

/** The papers the site is built on: names and titles, the same in both languages. */
export const PAPERS: readonly string[] = [
  'Mescheder, Nowozin, Geiger, The Numerics of GANs (NIPS 2017)',
  'Mescheder, Geiger, Nowozin, Which Training Methods for GANs do actually Converge? (ICML 2018)',
];
