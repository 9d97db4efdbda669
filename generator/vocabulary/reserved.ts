/**
 * The names a hyperparameter may not take, one set for the loader's schema and the
 * emitter: a hyperparameter becomes a symbol in every expression and a local constant
 * (`const gamma = p.gamma;`) in every generated function, so it must not mean something
 * else in either place.
 */
import { FIXED_SYMBOLS } from './symbols.js';
import { SPELLINGS } from './spellings.js';
import { HELPER_FUNCTIONS } from './functions.js';
import { looksLikeActivationName } from './activation.js';

/**
 * Names in scope in the generated modules, which a hyperparameter's constant would shadow:
 * their locals, their top-level declarations, what they import from generated/training.ts,
 * the stable helpers, and the JavaScript globals they call. The emitter checks against
 * this same list (generator/emit), so that a name the loader accepts is a name it can emit.
 */
export const GENERATED_CODE_NAMES: readonly string[] = [
  // locals of the generated functions
  'theta', 'phi', 'p', 'h', 'out', 'schedule', 'i', 'vTheta', 'vPhi', 'center', 'radicand', 'root',
  'epsilon', 'rule', 'node', 'nodeWeight',
  'hG', 'hD', 'nG', 'nD', 'imaginary', 'method', 'rates', 'checked', 'rho', 'start', 'options', 'run', 'state',
  'thetaAhead', 'phiAhead', 'vThetaAhead', 'vPhiAhead', 'previousVTheta', 'previousVPhi', 'm00', 'm01', 'm10', 'm11',
  // top-level declarations of a game module
  'Params', 'Activation', 'defaults', 'generatorLoss', 'discriminatorLoss', 'vectorField', 'jacobian', 'equilibriumEigenvalues', 'equilibriumNotDifferentiable',
  'simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep', 'updateEigenvalues', 'spectralRadius', 'learningRateBound', 'trajectory',
  'mapEigenvalues', 'stepperOf', 'sigmoidDifference', 'clip', ...HELPER_FUNCTIONS,
  'NoiseRule', 'HERMITE_NODES', 'HERMITE_WEIGHTS', 'HERMITE_RULE', 'noiseRule', 'trapezoidRule', 'trapezoid',
  // imported from generated/training.ts
  'METHODS', 'MAX_STEPS', 'DEFAULT_TOLERANCE', 'DEFAULT_DIVERGENCE_BOUND', 'TrainingInputError',
  'checkMethod', 'checkRates', 'checkParams', 'checkTrajectory', 'oneLearningRate', 'runTrajectory',
  'eigenvaluePair', 'matrixEigenvalues', 'complexSqrt', 'eigenvaluesOverSpectrum', 'largestModulus', 'stabilityBound',
  'Method', 'Schedule', 'LearningRate', 'Rates', 'Eigenvalues', 'StabilityVerdict', 'LearningRateBound',
  'TrajectoryLimits', 'TrajectoryOptions', 'TrajectoryStatus', 'Trajectory', 'Run', 'Stepper',
  // JavaScript globals the generated code uses
  'Math', 'Number', 'Float64Array', 'Array', 'Object', 'String', 'Error', 'RangeError', 'TypeError', 'NaN', 'Infinity', 'undefined', 'globalThis',
];

/** ECMAScript's reserved words (and those of strict mode): no constant can take them. */
const JAVASCRIPT_RESERVED_WORDS: readonly string[] = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface',
  'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments', 'eval',
];

/** Why a hyperparameter may not be called `name`, or undefined when it may: the one test of
 * the reserved names, for the schema and the emitter. */
export function reservedNameReason(name: string): string | undefined {
  if (looksLikeActivationName(name)) return `'${name}' is the activation or one of its derivatives (f, df, d2f, ...)`;
  const symbol = FIXED_SYMBOLS.find((s) => s.name === name);
  if (symbol) return `'${name}' stands for ${symbol.meaning}`;
  if (SPELLINGS.some((s) => s.name === name)) return `'${name}' is a function of the expressions`;
  if (GENERATED_CODE_NAMES.includes(name)) return `'${name}' is a name the generated evaluator uses itself`;
  if (JAVASCRIPT_RESERVED_WORDS.includes(name)) return `'${name}' is a reserved word of JavaScript`;
  return undefined;
}
