/**
 * The checks of every input a checked entry point takes: methods, rates, schedules,
 * parameters, start points and trajectory options. Each throws a TrainingInputError that
 * names the input and the value.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import { TrainingInputError } from './errors.js';
import { moderate } from './wide.js';
import { ALTERNATING_ORDERS, DEFAULT_DIVERGENCE_BOUND, DEFAULT_TOLERANCE, MAX_STEPS, METHODS, oneLearningRate } from './methods.js';
import type { AlternatingOrder, Method, Schedule } from './methods.js';

/** The method, when it is one of METHODS. */
export function checkMethod(method: unknown): Method {
  if (!(METHODS as readonly unknown[]).includes(method)) throw new TrainingInputError('the method', `one of ${METHODS.join(', ')}`, method);
  return method as Method;
}

/** A learning rate: a finite number > 0. */
function checkLearningRate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TrainingInputError(`learning rate ${name}`, 'a finite number > 0', value);
  return value;
}

/** A number of steps per round: a positive integer. */
function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new TrainingInputError(name, 'a positive integer', value);
  return value;
}

/** A schedule, copied: step sizes finite and > 0, step counts positive integers, the order (if given) one of ALTERNATING_ORDERS. */
function checkSchedule(schedule: unknown): Schedule {
  if (typeof schedule !== 'object' || schedule === null) throw new TrainingInputError('the schedule', 'an object { hG, hD, nG, nD, order? }', schedule);
  const s = schedule as Partial<Record<keyof Schedule, unknown>>;
  if (s.order !== undefined && !(ALTERNATING_ORDERS as readonly unknown[]).includes(s.order)) throw new TrainingInputError('the order of the schedule', `one of ${ALTERNATING_ORDERS.join(', ')}`, s.order);
  const order = s.order === undefined ? {} : { order: s.order as AlternatingOrder };
  return { hG: checkLearningRate('hG', s.hG), hD: checkLearningRate('hD', s.hD), nG: checkCount('nG', s.nG), nD: checkCount('nD', s.nD), ...order };
}

/** The rates of a method as a schedule (see oneLearningRate): `{ h }`, or for alternating steps also a schedule `{ hG, hD, nG, nD }`. */
export function checkRates(method: Method, rates: unknown): Schedule {
  const shape = method === 'alternating' ? 'either { h } or a schedule { hG, hD, nG, nD }' : '{ h }';
  if (typeof rates !== 'object' || rates === null) throw new TrainingInputError(`the rates of ${method} steps`, shape, rates);
  const scheduled = ['hG', 'hD', 'nG', 'nD'].some((key) => key in rates);
  if (method === 'alternating' && scheduled && !('h' in rates)) return checkSchedule(rates);
  if (scheduled || !('h' in rates)) throw new TrainingInputError(`the rates of ${method} steps`, shape, rates);
  return oneLearningRate(checkLearningRate('h', (rates as { readonly h?: unknown }).h));
}

/** Relative slack at the ends of a hyperparameter's range. */
const RANGE_SLACK = 1e-12;

/**
 * A game's parameters: every hyperparameter a finite number within its range and, when the
 * game leaves the activation abstract (activationOrder >= 0), `activation.d0` up to
 * `activation.d<activationOrder>` functions. Returns whether every hyperparameter is of
 * moderate magnitude (runtime/wide.ts), which the checked evaluators need next.
 */
export function checkParams(p: unknown, hyperparameters: readonly string[], ranges: readonly (readonly [number, number])[], activationOrder: number): boolean {
  if (typeof p !== 'object' || p === null) throw new TrainingInputError('the parameters p', 'an object', p);
  const values = p as Readonly<Record<string, unknown>>;
  let moderateValues = true;
  for (let i = 0; i < hyperparameters.length; i++) {
    const name = hyperparameters[i]!;
    const value = values[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TrainingInputError(`hyperparameter ${name}`, 'a finite number', value);
    // The derivation's declared range, up to rounding (a slider's end computed as min * (max / min)).
    const [low, high] = ranges[i]!;
    if (value < low - RANGE_SLACK * Math.abs(low) || value > high + RANGE_SLACK * Math.abs(high)) {
      throw new TrainingInputError(`hyperparameter ${name}`, `within its declared range [${low}, ${high}] (the unchecked entry points take any value)`, value);
    }
    moderateValues &&= moderate(value);
  }
  const activation = values['activation'];
  for (let k = 0; k <= activationOrder; k++) {
    const derivative = typeof activation === 'object' && activation !== null ? (activation as Readonly<Record<string, unknown>>)[`d${k}`] : undefined;
    if (typeof derivative !== 'function') throw new TrainingInputError(`p.activation.d${k}`, `a function (f and its derivatives up to order ${activationOrder})`, derivative);
  }
  return moderateValues;
}

/** A start point: a pair of finite numbers. */
function checkStart(start: unknown): readonly [number, number] {
  const pair = Array.isArray(start) || (ArrayBuffer.isView(start) && 'length' in start) ? Array.from(start as ArrayLike<unknown>) : undefined;
  if (pair?.length !== 2) throw new TrainingInputError('start point', 'a pair [theta, phi]', start);
  const [theta, phi] = pair;
  if (typeof theta !== 'number' || typeof phi !== 'number' || !Number.isFinite(theta) || !Number.isFinite(phi)) throw new TrainingInputError('start point', 'finite', start);
  return [theta, phi];
}

/** The options a trajectory takes. */
const OPTION_NAMES: readonly string[] = ['steps', 'h', 'schedule', 'tolerance', 'divergenceBound', 'buffer'];

/** A checked trajectory request. */
export interface Run {
  readonly method: Method;
  /** The rates as a schedule (see oneLearningRate). */
  readonly schedule: Schedule;
  readonly start: readonly [number, number];
  /** At most this many steps. */
  readonly steps: number;
  /** Converged below this distance to (0, 0). */
  readonly tolerance: number;
  /** Diverged past this distance to (0, 0). */
  readonly divergenceBound: number;
  /** The caller's buffer for the path, long enough for every step. */
  readonly buffer?: Float64Array;
}

/** The rates of a trajectory: options.h, or for alternating steps options.schedule instead. */
function checkRunRates(method: Method, options: Readonly<Record<string, unknown>>): Schedule {
  const { h, schedule } = options;
  if (schedule === undefined) return oneLearningRate(checkLearningRate('h', h));
  if (method !== 'alternating') throw new TrainingInputError('options.schedule', `absent for ${method} steps, which take one learning rate h`, schedule);
  if (h !== undefined) throw new TrainingInputError('the options of alternating steps', 'either h or schedule, not both', { h, schedule });
  return checkSchedule(schedule);
}

/**
 * Checks the arguments of a trajectory, in order: the method, the start point, the options (no unknown ones), steps, the rates, tolerance and divergenceBound.
 * The work is bounded as well as the path: steps times the player steps of a round (nG + nD for alternating steps, 2 otherwise) is at most 2 MAX_STEPS.
 */
export function checkTrajectory(method: unknown, start: unknown, options: unknown): Run {
  const checkedMethod = checkMethod(method);
  const point = checkStart(start);
  if (typeof options !== 'object' || options === null) throw new TrainingInputError('the options', 'an object { steps, h or schedule, tolerance?, divergenceBound? }', options);
  const o = options as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(o)) {
    if (!OPTION_NAMES.includes(name)) throw new TrainingInputError('each option', `one of ${OPTION_NAMES.join(', ')}`, name);
  }
  const steps = o['steps'];
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) throw new TrainingInputError('steps', `an integer from 1 to ${MAX_STEPS}`, steps);
  const schedule = checkRunRates(checkedMethod, o);
  const playerSteps = schedule.nG + schedule.nD;
  if (steps * playerSteps > 2 * MAX_STEPS) throw new TrainingInputError('steps x (nG + nD)', `at most 2 MAX_STEPS = ${2 * MAX_STEPS}`, steps * playerSteps);
  const tolerance = o['tolerance'] ?? DEFAULT_TOLERANCE;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) throw new TrainingInputError('tolerance', 'a finite number >= 0', tolerance);
  const divergenceBound = o['divergenceBound'] ?? DEFAULT_DIVERGENCE_BOUND;
  if (typeof divergenceBound !== 'number' || Number.isNaN(divergenceBound) || divergenceBound <= tolerance) throw new TrainingInputError('divergenceBound', `a number > tolerance (${tolerance})`, divergenceBound);
  const buffer = o['buffer'];
  if (buffer !== undefined && !(buffer instanceof Float64Array && buffer.length >= 2 * (steps + 1))) throw new TrainingInputError('buffer', `a Float64Array of at least 2 (steps + 1) = ${2 * (steps + 1)} numbers`, buffer);
  return { method: checkedMethod, schedule, start: point, steps, tolerance, divergenceBound, ...(buffer === undefined ? {} : { buffer }) };
}
