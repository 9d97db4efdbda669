/**
 * The public API of the generated modules, as a programmer writes against it: checked by
 * `npm test`'s `tsc` (strict, noUncheckedIndexedAccess), never run. Each @ts-expect-error is a
 * call the types must refuse; tsc fails if one is accepted. That the modules compile with
 * no DOM and no Node types is shown by `npm run build` (tsconfig.build.json, lib ES2022 only),
 * which the packed-package test runs.
 */
import * as consensus from '../../generated/gan-consensus.js';
import * as abstract from '../../generated/abstract-f.js';
import * as wganGp from '../../generated/wgan-gp.js';
import * as noisy from '../../generated/gan-instance-noise.js';
import * as lsgan from '../../generated/lsgan.js';
import * as clipped from '../../generated/wgan-clip.js';
import type { Method, Trajectory } from '../../generated/runtime/methods.js';
import { TrainingInputError } from '../../generated/runtime/errors.js';

const v: Float64Array = consensus.vectorField(1, 2, { gamma: 0.5 });
const re: number = consensus.equilibriumEigenvalues().re[0] + v[0]!;
const f = { d0: Math.sin, d1: Math.cos, d2: (t: number) => -Math.sin(t) };
abstract.alternatingStep(1, 2, { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, { activation: f });
// The rates follow the method: a schedule for alternating steps only.
const rho: number = consensus.spectralRadius('alternating', { hG: 0.1, hD: 0.2, nG: 1, nD: 2 }) + consensus.spectralRadius('optimistic', { h: 0.1 });
const bound = consensus.learningRateBound('extragradient');
const h: number = bound.verdict === 'converges-below-bound' ? bound.bound : 0;
const methods: Method[] = ['simultaneous', 'extragradient'];
const paths: Trajectory[] = methods.map((m) => consensus.trajectory(m, [1, 1], { h: 0.1, steps: 10 }));
paths.push(wganGp.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 5 }, steps: 10, tolerance: 1e-6 }));
paths.push(abstract.trajectory('optimistic', [1, 1], { h: 0.1, steps: 10 }, { activation: f }));
// @ts-expect-error: a schedule is for alternating steps only
consensus.trajectory('simultaneous', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, steps: 10 });
// @ts-expect-error: so are its rates
consensus.updateEigenvalues('extragradient', { hG: 0.1, hD: 0.1, nG: 1, nD: 1 });
const error: RangeError = new TrainingInputError('steps', 'an integer', 0.5);
// Instance noise: sigma is a hyperparameter like any other.
const vNoisy: Float64Array = noisy.vectorField(1, 2, { sigma: 0.5 });
// The verdict without a bound.
const lsganBound = lsgan.learningRateBound('simultaneous');
const noBound: undefined = lsganBound.verdict === 'undecided' ? lsganBound.bound : undefined;
const clippedStep: Float64Array = clipped.optimisticStep(1, 2, 0, 0, 0.1, { c: 0.1 });
export const used = [re, rho, h, paths, error, wganGp.equilibriumNotDifferentiable.length, vNoisy, noBound, clippedStep];
