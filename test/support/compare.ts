/** Closeness with a relative tolerance that does not blow up near zero: values smaller
 * than `floor` are compared on the absolute scale of `floor`. */
export function close(actual: number, expected: number, relative = 1e-6, floor = 1e-2): boolean {
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(actual), Math.abs(expected), floor);
}

export function describeMismatch(what: string, actual: readonly number[], expected: readonly number[], at: Record<string, number>): string {
  return `${what} at ${JSON.stringify(at)}: derived ${JSON.stringify(actual)} vs oracle ${JSON.stringify(expected)}`;
}
