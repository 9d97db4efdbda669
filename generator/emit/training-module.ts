/**
 * Emit: generated/training.ts, the part of training that is the same for every game: the
 * methods and their rates, the checks of every input with the error they throw, the loop
 * that runs a trajectory over a game's step, the eigenvalue arithmetic of the update maps
 * (real and complex pairs, a careful principal complex square root) and the search for
 * the largest stable learning rate. Each game module (evaluator.ts) imports it as
 * './training.js' and supplies only what depends on the game: its steps, with the field
 * inlined, and the closed forms of its eigenvalues and bounds. It imports nothing, so
 * generated/ stays free of dependencies.
 *
 * Built from ts-morph Structures like the game modules; bodies are written out as
 * statements, since nothing in them depends on a derivation.
 */
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind } from 'ts-morph';
import type {
  ClassDeclarationStructure, CodeBlockWriter, FunctionDeclarationStructure, InterfaceDeclarationStructure, OptionalKind, ParameterDeclarationStructure,
  StatementStructures, TypeAliasDeclarationStructure, VariableStatementStructure,
} from 'ts-morph';

/** The file, in generated/. */
export const TRAINING_FILE = 'training.ts';
/** How the game modules import it. */
export const TRAINING_SPECIFIER = './training.js';

/** Largest number of steps one trajectory may run. */
export const MAX_STEPS = 10_000_000;

/** What the game modules and the package's entry point may use: values, then types. */
export const TRAINING_VALUES = [
  'METHODS', 'MAX_STEPS', 'DEFAULT_TOLERANCE', 'DEFAULT_DIVERGENCE_BOUND', 'TrainingInputError',
  'checkMethod', 'checkRates', 'checkParams', 'checkTrajectory', 'oneLearningRate', 'runTrajectory',
  'eigenvaluePair', 'matrixEigenvalues', 'complexSqrt', 'eigenvaluesOverSpectrum', 'largestModulus', 'stabilityBound',
] as const;
export const TRAINING_TYPES = [
  'Method', 'Schedule', 'LearningRate', 'Rates', 'Eigenvalues', 'StabilityVerdict', 'LearningRateBound',
  'TrajectoryLimits', 'TrajectoryOptions', 'TrajectoryStatus', 'Trajectory', 'Run', 'Stepper',
] as const;
/** The public surface, for generated/index.ts and the re-exports of each game module. */
export const PUBLIC_TRAINING_VALUES = ['METHODS', 'MAX_STEPS', 'TrainingInputError'] as const;
export const PUBLIC_TRAINING_TYPES = [
  'Eigenvalues', 'LearningRate', 'LearningRateBound', 'Method', 'Rates', 'Schedule', 'StabilityVerdict',
  'Trajectory', 'TrajectoryOptions', 'TrajectoryStatus',
] as const;

type Parameter = OptionalKind<ParameterDeclarationStructure>;
type Statement = string | StatementStructures | ((writer: CodeBlockWriter) => void);

const exportedFunction = (name: string, docs: string, parameters: Parameter[], returnType: string, statements: string[]): FunctionDeclarationStructure =>
  ({ kind: StructureKind.Function, isExported: true, name, docs: [docs], parameters, returnType, statements });
const localFunction = (name: string, docs: string, parameters: Parameter[], returnType: string, statements: string[]): FunctionDeclarationStructure =>
  ({ ...exportedFunction(name, docs, parameters, returnType, statements), isExported: false });
const constant = (name: string, docs: string, initializer: string, type?: string, isExported = true): VariableStatementStructure => ({
  kind: StructureKind.VariableStatement,
  declarationKind: VariableDeclarationKind.Const,
  isExported,
  docs: [docs],
  declarations: [{ name, initializer, ...(type ? { type } : {}) }],
});
const alias = (name: string, docs: string, type: string, typeParameters?: TypeAliasDeclarationStructure['typeParameters']): TypeAliasDeclarationStructure =>
  ({ kind: StructureKind.TypeAlias, isExported: true, name, docs: [docs], type, ...(typeParameters ? { typeParameters } : {}) });
const readonlyNumber = (name: string, doc: string, hasQuestionToken = false) => ({ name, type: 'number', isReadonly: true, hasQuestionToken, docs: [doc] });
const exportedInterface = (name: string, docs: string, properties: InterfaceDeclarationStructure['properties']): InterfaceDeclarationStructure =>
  ({ kind: StructureKind.Interface, isExported: true, name, docs: [docs], properties });

const METHOD_M = [{ name: 'M', constraint: 'Method', default: 'Method' }];

function methodsAndRates(): StatementStructures[] {
  return [
    constant(
      'METHODS',
      [
        'The training methods, each a map of x = (theta, phi) with the vector field v of the game:',
        '',
        '- `simultaneous`: $x \\leftarrow x + h \\, v(x)$;',
        '- `alternating`: nD discriminator steps $\\phi \\leftarrow \\phi + h_D \\, v_{\\phi}$, then nG generator steps $\\theta \\leftarrow \\theta + h_G \\, v_{\\theta}$ (Mescheder et al. 2017, section 3);',
        '- `extragradient`: $x \\leftarrow x + h \\, v(x + h \\, v(x))$ (Korpelevich 1976);',
        '- `optimistic`: $x_{k+1} = x_k + 2h \\, v(x_k) - h \\, v(x_{k-1})$ (Daskalakis et al. 2018).',
      ].join('\n'),
      "['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const",
    ),
    alias('Method', 'A training method, one of METHODS.', '(typeof METHODS)[number]'),
    exportedInterface('Schedule', 'Step sizes and step counts of one round of alternating gradient steps (checked where rates are taken: step sizes finite and > 0, counts positive integers).', [
      readonlyNumber('hG', 'Step size of the generator.'),
      readonlyNumber('hD', 'Step size of the discriminator.'),
      readonlyNumber('nG', 'Generator steps per round.'),
      readonlyNumber('nD', 'Discriminator steps per round.'),
    ]),
    exportedInterface('LearningRate', 'One learning rate h for both players; for alternating steps it is the schedule hG = hD = h, nG = nD = 1.', [
      readonlyNumber('h', 'The learning rate, finite and > 0.'),
    ]),
    alias('Rates', 'The learning rates of a method: one learning rate h, or for alternating steps also a schedule.', "M extends 'alternating' ? Schedule | LearningRate : LearningRate", METHOD_M),
  ];
}

function resultTypes(): StatementStructures[] {
  return [
    exportedInterface('Eigenvalues', 'Eigenvalues re[i] + i im[i] of an update map at the equilibrium.', [
      { name: 're', type: 'number[]' },
      { name: 'im', type: 'number[]' },
    ]),
    alias(
      'StabilityVerdict',
      'How training with a method behaves near the equilibrium as h grows from 0: the spectral radius of the update map stays below 1 up to the bound; or its eigenvalues stay on the unit circle up to the bound (the iterates cycle); or it is at least 1 for every h; or it is exactly 1 for every h, an eigenvalue 1 that h does not move (undecided: the linearisation does not decide whether the iterates converge); or it stays below 1 for every h up to 1e3.',
      "'converges-below-bound' | 'cycles-below-bound' | 'never-converges' | 'undecided' | 'converges-for-all-h'",
    ),
    alias(
      'LearningRateBound',
      'The verdict for one learning rate h, and the bound on h where there is one.',
      "{ readonly verdict: 'converges-below-bound' | 'cycles-below-bound'; readonly bound: number } | { readonly verdict: 'never-converges' | 'undecided' | 'converges-for-all-h'; readonly bound: undefined }",
    ),
  ];
}

function trajectoryTypes(): StatementStructures[] {
  return [
    constant('MAX_STEPS', 'The most steps one trajectory may run (a path of 2 (MAX_STEPS + 1) numbers, 160 MB).', `${MAX_STEPS}`),
    constant('DEFAULT_TOLERANCE', 'A trajectory has converged when its distance to the equilibrium (0, 0) falls below this, unless told otherwise.', '1e-10'),
    constant('DEFAULT_DIVERGENCE_BOUND', 'A trajectory has diverged when its distance to the equilibrium (0, 0) passes this, unless told otherwise.', '1e6'),
    exportedInterface('TrajectoryLimits', 'When a trajectory stops.', [
      readonlyNumber('steps', 'Steps to run at most: an integer from 1 to MAX_STEPS.'),
      readonlyNumber('tolerance', 'Converged when the distance to (0, 0) falls below this (finite, >= 0; default DEFAULT_TOLERANCE).', true),
      readonlyNumber('divergenceBound', 'Diverged when the distance to (0, 0) passes this (> tolerance, may be Infinity; default DEFAULT_DIVERGENCE_BOUND).', true),
    ]),
    alias(
      'TrajectoryOptions',
      'The options of a trajectory: its limits and its learning rate h, or for alternating steps h or a schedule.',
      "TrajectoryLimits & (M extends 'alternating' ? { readonly h: number; readonly schedule?: undefined } | { readonly schedule: Schedule; readonly h?: undefined } : { readonly h: number; readonly schedule?: undefined })",
      METHOD_M,
    ),
    alias('TrajectoryStatus', 'How a trajectory ended: converged (below the tolerance), diverged (past the divergence bound, or not finite), or still running after every step.', "'converged' | 'diverged' | 'running'"),
    exportedInterface('Trajectory', 'A run of a training method.', [
      { name: 'path', type: 'Float64Array', isReadonly: true, docs: ['theta_0, phi_0, theta_1, phi_1, ...: the start point and the point after each step, 2 (steps + 1) numbers, all finite.'] },
      readonlyNumber('steps', 'Steps in the path. A step whose result was not finite is not in it: the message names that step.'),
      { name: 'status', type: 'TrajectoryStatus', isReadonly: true },
      { name: 'message', type: 'string', isReadonly: true, docs: ['The status in words, with the step and the distance.'] },
    ]),
  ];
}

function inputError(): StatementStructures[] {
  const error: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: 'TrainingInputError',
    extends: 'RangeError',
    docs: ['A bad input to a training function: the message names the input, what it must be, and the value it got, e.g. `learning rate h must be a finite number > 0, got -0.1`.'],
    properties: [
      { name: 'name', hasOverrideKeyword: true, initializer: "'TrainingInputError'" },
      { name: 'subject', type: 'string', isReadonly: true, docs: ['The input, in words (`learning rate h`, `nD`, `start point`).'] },
      { name: 'value', type: 'unknown', isReadonly: true, docs: ['The value it got.'] },
    ],
    ctors: [{
      parameters: [{ name: 'subject', type: 'string' }, { name: 'requirement', type: 'string' }, { name: 'value', type: 'unknown' }],
      statements: ['super(`${subject} must be ${requirement}, got ${show(value)}`);', 'this.subject = subject;', 'this.value = value;'],
    }],
  };
  return [
    error,
    localFunction('show', 'A value as the error messages write it: numbers as JavaScript prints them (and -0), strings quoted, arrays and objects with their contents.', [{ name: 'value', type: 'unknown' }, { name: 'depth', initializer: '0' }], 'string', [
      "if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);",
      "if (typeof value === 'string') return JSON.stringify(value);",
      "if (typeof value === 'bigint') return `${value}n`;",
      "if (typeof value === 'function') return 'a function';",
      "if (typeof value !== 'object' || value === null) return String(value);",
      "if (depth > 2) return '...';",
      'if (Array.isArray(value)) return `[${value.map((item: unknown) => show(item, depth + 1)).join(\', \')}]`;',
      "if (ArrayBuffer.isView(value) && 'length' in value) return show(Array.from(value as unknown as ArrayLike<number>), depth);",
      'const entries = Object.entries(value);',
      "return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${key}: ${show(item, depth + 1)}`).join(', ')} }`;",
    ]),
  ];
}

function checks(): StatementStructures[] {
  return [
    exportedFunction('checkMethod', 'The method, when it is one of METHODS.', [{ name: 'method', type: 'unknown' }], 'Method', [
      "if (!(METHODS as readonly unknown[]).includes(method)) throw new TrainingInputError('the method', `one of ${METHODS.join(', ')}`, method);",
      'return method as Method;',
    ]),
    localFunction('checkLearningRate', 'A learning rate: a finite number > 0.', [{ name: 'name', type: 'string' }, { name: 'value', type: 'unknown' }], 'number', [
      "if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TrainingInputError(`learning rate ${name}`, 'a finite number > 0', value);",
      'return value;',
    ]),
    localFunction('checkCount', 'A number of steps per round: a positive integer.', [{ name: 'name', type: 'string' }, { name: 'value', type: 'unknown' }], 'number', [
      "if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new TrainingInputError(name, 'a positive integer', value);",
      'return value;',
    ]),
    localFunction('checkSchedule', 'A schedule, copied: step sizes finite and > 0, step counts positive integers.', [{ name: 'schedule', type: 'unknown' }], 'Schedule', [
      "if (typeof schedule !== 'object' || schedule === null) throw new TrainingInputError('the schedule', 'an object { hG, hD, nG, nD }', schedule);",
      'const s = schedule as Partial<Record<keyof Schedule, unknown>>;',
      "return { hG: checkLearningRate('hG', s.hG), hD: checkLearningRate('hD', s.hD), nG: checkCount('nG', s.nG), nD: checkCount('nD', s.nD) };",
    ]),
    exportedFunction('oneLearningRate', 'One learning rate h as a schedule: hG = hD = h, nG = nD = 1 (the methods other than alternating read h from hG).', [{ name: 'h', type: 'number' }], 'Schedule', [
      'return { hG: h, hD: h, nG: 1, nD: 1 };',
    ]),
    exportedFunction('checkRates', 'The rates of a method as a schedule (see oneLearningRate): `{ h }`, or for alternating steps also a schedule `{ hG, hD, nG, nD }`.', [{ name: 'method', type: 'Method' }, { name: 'rates', type: 'unknown' }], 'Schedule', [
      "const shape = method === 'alternating' ? 'either { h } or a schedule { hG, hD, nG, nD }' : '{ h }';",
      "if (typeof rates !== 'object' || rates === null) throw new TrainingInputError(`the rates of ${method} steps`, shape, rates);",
      "const scheduled = ['hG', 'hD', 'nG', 'nD'].some((key) => key in rates);",
      "if (method === 'alternating' && scheduled && !('h' in rates)) return checkSchedule(rates);",
      "if (scheduled || !('h' in rates)) throw new TrainingInputError(`the rates of ${method} steps`, shape, rates);",
      "return oneLearningRate(checkLearningRate('h', (rates as { readonly h?: unknown }).h));",
    ]),
    exportedFunction(
      'checkParams',
      "A game's parameters: every hyperparameter a finite number and, when the game leaves the activation abstract, `activation.d0` up to `activation.d<activationOrder>` functions.",
      [{ name: 'p', type: 'unknown' }, { name: 'hyperparameters', type: 'readonly string[]' }, { name: 'activationOrder', initializer: '-1' }],
      'void',
      [
        "if (typeof p !== 'object' || p === null) throw new TrainingInputError('the parameters p', 'an object', p);",
        'const values = p as Readonly<Record<string, unknown>>;',
        `for (const name of hyperparameters) {
  const value = values[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TrainingInputError(\`hyperparameter \${name}\`, 'a finite number', value);
}`,
        "const activation = values['activation'];",
        `for (let k = 0; k <= activationOrder; k++) {
  const derivative = typeof activation === 'object' && activation !== null ? (activation as Readonly<Record<string, unknown>>)[\`d\${k}\`] : undefined;
  if (typeof derivative !== 'function') throw new TrainingInputError(\`p.activation.d\${k}\`, \`a function (f and its derivatives up to order \${activationOrder})\`, derivative);
}`,
      ],
    ),
    localFunction('checkStart', 'A start point: a pair of finite numbers.', [{ name: 'start', type: 'unknown' }], 'readonly [number, number]', [
      "const pair = Array.isArray(start) || (ArrayBuffer.isView(start) && 'length' in start) ? Array.from(start as ArrayLike<unknown>) : undefined;",
      "if (pair?.length !== 2) throw new TrainingInputError('start point', 'a pair [theta, phi]', start);",
      'const [theta, phi] = pair;',
      "if (typeof theta !== 'number' || typeof phi !== 'number' || !Number.isFinite(theta) || !Number.isFinite(phi)) throw new TrainingInputError('start point', 'finite', start);",
      'return [theta, phi];',
    ]),
    constant('OPTION_NAMES', 'The options a trajectory takes.', "['steps', 'h', 'schedule', 'tolerance', 'divergenceBound']", 'readonly string[]', false),
    exportedInterface('Run', 'A checked trajectory request.', [
      { name: 'method', type: 'Method', isReadonly: true },
      { name: 'schedule', type: 'Schedule', isReadonly: true, docs: ['The rates as a schedule (see oneLearningRate).'] },
      { name: 'start', type: 'readonly [number, number]', isReadonly: true },
      readonlyNumber('steps', 'At most this many steps.'),
      readonlyNumber('tolerance', 'Converged below this distance to (0, 0).'),
      readonlyNumber('divergenceBound', 'Diverged past this distance to (0, 0).'),
    ]),
    localFunction('checkRunRates', 'The rates of a trajectory: options.h, or for alternating steps options.schedule instead.', [{ name: 'method', type: 'Method' }, { name: 'options', type: 'Readonly<Record<string, unknown>>' }], 'Schedule', [
      'const { h, schedule } = options;',
      "if (schedule === undefined) return oneLearningRate(checkLearningRate('h', h));",
      "if (method !== 'alternating') throw new TrainingInputError('options.schedule', `absent for ${method} steps, which take one learning rate h`, schedule);",
      "if (h !== undefined) throw new TrainingInputError('the options of alternating steps', 'either h or schedule, not both', { h, schedule });",
      'return checkSchedule(schedule);',
    ]),
    exportedFunction(
      'checkTrajectory',
      'Checks the arguments of a trajectory, in order: the method, the start point, the options (no unknown ones), steps, the rates, tolerance and divergenceBound.',
      [{ name: 'method', type: 'unknown' }, { name: 'start', type: 'unknown' }, { name: 'options', type: 'unknown' }],
      'Run',
      [
        'const checkedMethod = checkMethod(method);',
        'const point = checkStart(start);',
        "if (typeof options !== 'object' || options === null) throw new TrainingInputError('the options', 'an object { steps, h or schedule, tolerance?, divergenceBound? }', options);",
        'const o = options as Readonly<Record<string, unknown>>;',
        `for (const name of Object.keys(o)) {
  if (!OPTION_NAMES.includes(name)) throw new TrainingInputError('each option', \`one of \${OPTION_NAMES.join(', ')}\`, name);
}`,
        "const steps = o['steps'];",
        "if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) throw new TrainingInputError('steps', `an integer from 1 to ${MAX_STEPS}`, steps);",
        'const schedule = checkRunRates(checkedMethod, o);',
        "const tolerance = o['tolerance'] ?? DEFAULT_TOLERANCE;",
        "if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) throw new TrainingInputError('tolerance', 'a finite number >= 0', tolerance);",
        "const divergenceBound = o['divergenceBound'] ?? DEFAULT_DIVERGENCE_BOUND;",
        "if (typeof divergenceBound !== 'number' || Number.isNaN(divergenceBound) || divergenceBound <= tolerance) throw new TrainingInputError('divergenceBound', `a number > tolerance (${tolerance})`, divergenceBound);",
        'return { method: checkedMethod, schedule, start: point, steps, tolerance, divergenceBound };',
      ],
    ),
  ];
}

function trajectoryLoop(): StatementStructures[] {
  const stepper: InterfaceDeclarationStructure = exportedInterface('Stepper', "A game's step for one method and its rates, in place on a state of four numbers: theta, phi, then the method's memory (the optimistic method's previous field).", [
    { name: 'prepare', type: '(state: Float64Array) => void', isReadonly: true, hasQuestionToken: true, docs: ["Fills the memory for the start point in state[0], state[1] (the optimistic method: the field there, so that its first step is a simultaneous one)."] },
    { name: 'step', type: '(state: Float64Array) => void', isReadonly: true, docs: ['One step.'] },
  ]);
  return [
    stepper,
    localFunction('format', 'A number for a message: six significant digits.', [{ name: 'value', type: 'number' }], 'string', [
      'return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);',
    ]),
    exportedFunction(
      'runTrajectory',
      [
        'Runs a checked trajectory: from the start, up to `run.steps` steps, stopping when the distance to the equilibrium (0, 0) falls below the tolerance (converged) or passes the divergence bound (diverged, that point included), or when a step gives a value that is not finite (diverged, that point left out: the path holds finite numbers only).',
        '',
        'The path grows by doubling, so that a run that stops early does not allocate for every step it might have run.',
      ].join('\n'),
      [{ name: 'stepper', type: 'Stepper' }, { name: 'run', type: 'Run' }],
      'Trajectory',
      [
        'const { steps, tolerance, divergenceBound } = run;',
        'const [theta0, phi0] = run.start;',
        'const state = new Float64Array(4);',
        'state[0] = theta0;',
        'state[1] = phi0;',
        'stepper.prepare?.(state);',
        'let path = new Float64Array(2 * Math.min(steps + 1, 1024));',
        'path[0] = theta0;',
        'path[1] = phi0;',
        'const end = (k: number, status: TrajectoryStatus, message: string): Trajectory => ({ path: path.slice(0, 2 * (k + 1)), steps: k, status, message });',
        "const limits = (distance: number): string => `distance ${format(distance)} to the equilibrium (0, 0)`;",
        'let distance = Math.hypot(theta0, phi0);',
        "if (distance > divergenceBound) return end(0, 'diverged', `diverged at step 0: the start point is at ${limits(distance)}, past divergenceBound ${format(divergenceBound)}`);",
        "if (distance < tolerance) return end(0, 'converged', `converged at step 0: the start point is at ${limits(distance)}, below the tolerance ${format(tolerance)}`);",
        `for (let k = 1; k <= steps; k++) {
  stepper.step(state);
  const theta = state[0]!;
  const phi = state[1]!;
  if (!Number.isFinite(theta) || !Number.isFinite(phi)) {
    return end(k - 1, 'diverged', \`diverged at step \${k}: (theta, phi) = (\${theta}, \${phi}) is not finite; the path ends at step \${k - 1}\`);
  }
  if (2 * k + 2 > path.length) {
    const longer = new Float64Array(Math.min(2 * path.length, 2 * (steps + 1)));
    longer.set(path);
    path = longer;
  }
  path[2 * k] = theta;
  path[2 * k + 1] = phi;
  distance = Math.hypot(theta, phi);
  if (distance > divergenceBound) return end(k, 'diverged', \`diverged at step \${k}: \${limits(distance)} passed divergenceBound \${format(divergenceBound)}\`);
  if (distance < tolerance) return end(k, 'converged', \`converged at step \${k}: \${limits(distance)} fell below the tolerance \${format(tolerance)}\`);
}`,
        "return end(steps, 'running', `still running after ${steps} steps: ${limits(distance)}, neither below the tolerance ${format(tolerance)} nor past divergenceBound ${format(divergenceBound)}`);",
      ],
    ),
  ];
}

function eigenvalueArithmetic(): StatementStructures[] {
  const number = (name: string): Parameter => ({ name, type: 'number' });
  return [
    exportedFunction('eigenvaluePair', 'The pair center +- sqrt(radicand): real when radicand >= 0, else center +- i sqrt(-radicand).', [number('center'), number('radicand')], 'Eigenvalues', [
      `if (radicand >= 0) {
  const root = Math.sqrt(radicand);
  return { re: [center + root, center - root], im: [0, 0] };
}`,
      'const root = Math.sqrt(-radicand);',
      'return { re: [center, center], im: [root, -root] };',
    ]),
    exportedFunction(
      'matrixEigenvalues',
      [
        'The eigenvalues of the 2x2 matrix [[a, b], [c, d]]:',
        '',
        '$$\\mu_{1,2} = \\frac{a + d}{2} \\pm \\sqrt{\\left(\\frac{a - d}{2}\\right)^{2} + b c}$$',
        '',
        'which is tr/2 +- sqrt(tr^2/4 - det) rearranged so that no digits cancel when the matrix is near the identity, as an update map is for small h: there tr^2/4 and det are both near 1 while their difference is of order h^2, and computing it from them would leave it only the rounding errors of numbers near 1.',
      ].join('\n'),
      [number('a'), number('b'), number('c'), number('d')],
      'Eigenvalues',
      ['const halfDifference = (a - d) / 2;', 'return eigenvaluePair((a + d) / 2, halfDifference * halfDifference + b * c);'],
    ),
    exportedFunction(
      'complexSqrt',
      [
        'The principal square root of re + i im: real part >= 0, and on the cut (re < 0, im = +-0) the sign of im picks the side, as C99 csqrt does.',
        '',
        'The larger part is sqrt((|re| + |z|) / 2), from a sum of two non-negative numbers, and the smaller one is im / 2 divided by it, so that neither suffers the cancellation of the textbook sqrt((|z| - re) / 2) when |im| << |re|; |z| is Math.hypot, which does not overflow, and each half is taken before the sum.',
      ].join('\n'),
      [number('re'), number('im')],
      '[number, number]',
      [
        'if (re === 0 && im === 0) return [0, im];',
        'const large = Math.sqrt(Math.abs(re) / 2 + Math.hypot(re, im) / 2);',
        'if (re >= 0) return [large, im / (2 * large)];',
        'return [Math.abs(im) / (2 * large), im < 0 || Object.is(im, -0) ? -large : large];',
      ],
    ),
    localFunction('complexPolynomial', 'c[0] + c[1] z + c[2] z^2 + ... at z = re + i im, by Horner\'s rule.', [{ name: 'c', type: 'readonly number[]' }, number('re'), number('im')], '[number, number]', [
      'let valueRe = 0;',
      'let valueIm = 0;',
      `for (let k = c.length - 1; k >= 0; k--) {
  const nextRe = valueRe * re - valueIm * im + c[k]!;
  valueIm = valueRe * im + valueIm * re;
  valueRe = nextRe;
}`,
      'return [valueRe, valueIm];',
    ]),
    exportedFunction(
      'eigenvaluesOverSpectrum',
      'mu = c(lambda) +- sqrt(r(lambda)) for each eigenvalue lambda of the Jacobian at the equilibrium, with c and r polynomials in lambda given by their coefficients (constant first), in complex arithmetic: the eigenvalues of an update map built from J blockwise, as the optimistic map is (two per eigenvalue of J, in its order, + first).',
      [{ name: 'lambda', type: 'Eigenvalues' }, { name: 'center', type: 'readonly number[]' }, { name: 'radicand', type: 'readonly number[]' }],
      'Eigenvalues',
      [
        'const re: number[] = [];',
        'const im: number[] = [];',
        `lambda.re.forEach((lambdaRe, i) => {
  const lambdaIm = lambda.im[i] ?? 0;
  const [centerRe, centerIm] = complexPolynomial(center, lambdaRe, lambdaIm);
  const [radicandRe, radicandIm] = complexPolynomial(radicand, lambdaRe, lambdaIm);
  const [rootRe, rootIm] = complexSqrt(radicandRe, radicandIm);
  re.push(centerRe + rootRe, centerRe - rootRe);
  im.push(centerIm + rootIm, centerIm - rootIm);
});`,
        'return { re, im };',
      ],
    ),
    exportedFunction('largestModulus', 'The spectral radius: the largest |re[i] + i im[i]| (NaN if any is).', [{ name: 'eigenvalues', type: 'Eigenvalues' }], 'number', [
      'let radius = 0;',
      'eigenvalues.re.forEach((re, i) => (radius = Math.max(radius, Math.hypot(re, eigenvalues.im[i] ?? 0))));',
      'return radius;',
    ]),
  ];
}

function stability(): StatementStructures[] {
  return [
    constant('LEARNING_RATES', 'The learning rates the stability search scans: 121 from 1e-6 to 1e3, evenly spaced in log h (the grid of the derivation, generator/derive/discrete.ts).', 'Array.from({ length: 121 }, (_, i) => 10 ** (-6 + i * 0.075))', 'readonly number[]', false),
    constant('TOUCHES_ONE', 'How far from 1 a spectral radius may be and still count as on the unit circle.', '1e-9', undefined, false),
    localFunction(
      'firstCrossing',
      'The first scanned h at which the map is unstable (rho >= 1 for a converging method, rho > 1 beyond rounding for a cycling one), refined by 80 bisections from the scanned h before it; undefined when there is none (or the first one already is).',
      [{ name: 'rho', type: '(h: number) => number' }, { name: 'converging', type: 'boolean' }],
      'number | undefined',
      [
        'const unstable = (h: number): boolean => (converging ? rho(h) >= 1 : rho(h) > 1 + TOUCHES_ONE);',
        'const index = LEARNING_RATES.findIndex(unstable);',
        'if (index <= 0) return undefined;',
        'let low = LEARNING_RATES[index - 1]!;',
        'let high = LEARNING_RATES[index]!;',
        `for (let i = 0; i < 80; i++) {
  const middle = (low + high) / 2;
  if (unstable(middle)) high = middle;
  else low = middle;
}`,
        'return (low + high) / 2;',
      ],
    ),
    exportedFunction(
      'stabilityBound',
      [
        'The verdict and the largest stable learning rate, from the spectral radius rho(h) of the update map with one learning rate h, as the derivation decides them (generator/derive/discrete.ts):',
        '',
        "- rho(h) within 1e-9 of 1 at every scanned h means 'undecided' (an eigenvalue 1 that h does not move, as when J(0, 0) is nilpotent): the linearisation does not decide;",
        "- `cycles`: the map's determinant is 1 for every h, so that for small h its eigenvalues may lie on the unit circle; they do when rho(1e-4) is 1 within 1e-9, and then the verdict is 'cycles-below-bound';",
        "- otherwise rho(1e-6) >= 1 means 'never-converges';",
        "- the bound is the first h where rho crosses 1, found by bisection on a log grid up to 1e3 ('converges-for-all-h' when there is none);",
        '- `roots`: the closed form, the candidates where an eigenvalue meets the unit circle; the bound is the smallest positive finite one (NaN, from the square root of a negative number, is skipped), used when it agrees with the bisection to 1e-6 relative, as at the hyperparameters the derivation checked it at; otherwise the bisection\'s h.',
      ].join('\n'),
      [{ name: 'rho', type: '(h: number) => number' }, { name: 'options', type: '{ readonly cycles?: boolean; readonly roots?: readonly number[] }', initializer: '{}' }],
      'LearningRateBound',
      [
        "if (LEARNING_RATES.every((h) => Math.abs(rho(h) - 1) < TOUCHES_ONE)) return { verdict: 'undecided', bound: undefined };",
        'const onUnitCircle = options.cycles === true && Math.abs(rho(1e-4) - 1) < TOUCHES_ONE;',
        "if (!onUnitCircle && rho(LEARNING_RATES[0]!) >= 1) return { verdict: 'never-converges', bound: undefined };",
        'const crossing = firstCrossing(rho, !onUnitCircle);',
        "if (crossing === undefined) return { verdict: 'converges-for-all-h', bound: undefined };",
        'const positive = (options.roots ?? []).filter((root) => Number.isFinite(root) && root > 1e-12);',
        'const closedForm = positive.length > 0 ? Math.min(...positive) : undefined;',
        'const bound = closedForm !== undefined && Math.abs(closedForm - crossing) <= 1e-6 * crossing ? closedForm : crossing;',
        "return { verdict: onUnitCircle ? 'cycles-below-bound' : 'converges-below-bound', bound };",
      ],
    ),
  ];
}

/** The text of generated/training.ts. */
export function emitTrainingModule(): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const declarations = [...methodsAndRates(), ...resultTypes(), ...trajectoryTypes(), ...inputError(), ...checks(), ...trajectoryLoop(), ...eigenvalueArithmetic(), ...stability()];
  const file = project.createSourceFile(TRAINING_FILE, {
    statements: [
      [
        '// @generated by `npm run generate`. DO NOT EDIT.',
        '//',
        '// Training, the part that is the same for every game: methods and rates, the checks of',
        '// every input, the trajectory loop over a game\'s step, the eigenvalue arithmetic of the',
        '// update maps and the search for the largest stable learning rate. Each generated game',
        '// module imports it; it imports nothing.',
      ].join('\n'),
      ...declarations.flatMap((d): Statement[] => [(writer) => writer.blankLineIfLastNot(), d]),
    ],
  });
  return file.getFullText();
}
