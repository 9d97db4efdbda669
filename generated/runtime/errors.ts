/**
 * The error every checked entry point throws for bad input, and how its message shows a value.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** A bad input to a training function: the message names the input, what it must be, and the value it got, e.g. `learning rate h must be a finite number > 0, got -0.1`. */
export class TrainingInputError extends RangeError {
  override name = 'TrainingInputError';
  /** The input, in words (`learning rate h`, `nD`, `start point`). */
  readonly subject: string;
  /** The value it got. */
  readonly value: unknown;

  constructor(subject: string, requirement: string, value: unknown) {
    super(`${subject} must be ${requirement}, got ${show(value)}`);
    this.subject = subject;
    this.value = value;
  }
}

/** A value as the error messages write it: numbers as JavaScript prints them (and -0), strings quoted, arrays and objects with their contents. */
function show(value: unknown, depth = 0): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth > 2) return '...';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => show(item, depth + 1)).join(', ')}]`;
  if (ArrayBuffer.isView(value) && 'length' in value) {
    const items = value as unknown as ArrayLike<number>;
    return items.length > 8 ? `a ${value.constructor.name} of ${items.length} numbers` : show(Array.from(items), depth);
  }
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${key}: ${show(item, depth + 1)}`).join(', ')} }`;
}
