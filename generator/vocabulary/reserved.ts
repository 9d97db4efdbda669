/**
 * The names a hyperparameter may not take, one set for the loader's schema and the
 * emitter: a hyperparameter becomes a symbol in every expression and a local constant
 * (`const gamma = p.gamma;`) in every generated function, so it must not mean something
 * else in either place.
 */
import { FIXED_SYMBOLS } from './symbols.js';
import { SPELLINGS } from './spellings.js';
import { runtimeExports } from '../runtime.js';
import { looksLikeActivationName } from './activation.js';

/**
 * Names in scope in the generated modules, which a hyperparameter's constant would shadow:
 * the locals of their functions, their top-level declarations, and the JavaScript globals
 * they call. With what the runtime exports (read from its code, ../runtime.ts), the emitter
 * reserves these same names from CSE's temporaries (generator/emit/evaluator), so that a
 * name the loader accepts is a name it can emit.
 */
export const GENERATED_CODE_NAMES: readonly string[] = [
  // locals of the generated functions
  'theta', 'phi', 'p', 'out', 'vTheta', 'vPhi', 'epsilon', 'rule', 'node', 'nodeWeight',
  // top-level declarations of a game module
  'Params', 'Activation', 'defaults', 'parameterTable', 'activationDerivatives', 'generatorLoss', 'discriminatorLoss',
  'vectorField', 'vectorFieldUnchecked', 'jacobian', 'jacobianUnchecked', 'jacobianOnKinks', 'equilibriumEigenvalues', 'equilibriumNotDifferentiable', 'originNotAnEquilibrium', 'flowEquilibria', 'stability', 'updateEigenvalues', 'learningRateBound', 'spectralRadius', 'spectralRadiusUnchecked', 'updateEigenvaluesUnchecked',
  'simultaneousStep', 'alternatingStep', 'extragradientStep', 'optimisticStep', 'trajectory',
  'flowVerdict', 'conservedQuantity', 'lyapunovFunction', 'firstLyapunovCoefficient', 'rateConstant',
  // JavaScript globals the generated code uses
  'Math', 'Number', 'Float64Array', 'Array', 'Object', 'String', 'Error', 'RangeError', 'TypeError', 'NaN', 'Infinity', 'undefined', 'globalThis',
];

/** Every name in scope in a game module's functions, which CSE's temporaries must not take: the
 * module's own, the runtime's exports and the game's hyperparameters. */
export const moduleScopeNames = (hyperparameters: readonly string[]): string[] => [...GENERATED_CODE_NAMES, ...runtimeExports().keys(), ...hyperparameters];

/** The symbols of the discrete-time analysis (generator/derive/discrete.ts): learning rates, step counts, an eigenvalue of J. */
const DISCRETE_SYMBOLS: readonly string[] = ['h', 'h_g', 'h_d', 'n_g', 'n_d', 'lambda'];

/** The symbols of the training methods' analysis (generator/methods/): the variable of the
 * characteristic polynomial, J's entries J_11 ... and the polynomial's coefficients c_0 ... */
const isMethodSymbol = (name: string): boolean => name === 'mu' || /^J_\d\d$|^c_\d+$/.test(name);

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
  if (DISCRETE_SYMBOLS.includes(name)) return `'${name}' is a symbol of the discrete-time analysis (learning rates, step counts, eigenvalues)`;
  if (isMethodSymbol(name)) return `'${name}' is a symbol of the training methods' analysis (the characteristic polynomial's variable mu, J's entries J_11 ..., its coefficients c_0 ...)`;
  if (GENERATED_CODE_NAMES.includes(name) || /^jacobianOnKink\d*$/.test(name) || runtimeExports().has(name)) return `'${name}' is a name the generated evaluator uses itself`;
  if (JAVASCRIPT_RESERVED_WORDS.includes(name)) return `'${name}' is a reserved word of JavaScript`;
  return undefined;
}
