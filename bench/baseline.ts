/**
 * Today's instance-noise evaluators, the baseline of the goal "at least 4x faster than
 * today": generated/gan-instance-noise.ts as of commit eac0b2f (80 exp calls a point under
 * the Gauss-Hermite rule, the trapezoidal rule rebuilt whenever its size changes), measured
 * by this bench (9 processes) before the module was rewritten. Kept as
 * numbers, not code: CPU nanoseconds per evaluation over the bench's 1024 points at the
 * default sigma = 0.5, median and range over the processes, and the same ratio to the
 * hand-written evaluator (noise-reference.ts) measured beside it, which carries over to
 * another machine better than the absolute times.
 */
export const TODAY = {
  commit: 'eac0b2f',
  machine: 'AMD EPYC, 2 logical CPUs shared by other jobs (load average 12-17), linux x64, Node v20.20.2',
  field: { ns: { median: 5045, min: 3496, max: 5513 }, overHandWritten: { median: 5.99, min: 3.91, max: 6.79 } },
  jacobian: { ns: { median: 6386, min: 5491, max: 7149 }, overHandWritten: { median: 6.25, min: 5.63, max: 7.88 } },
  /** Worst error against the 60-digit oracle over noise-oracle.ts's points, relative to max(1, |value|), field and Jacobian. */
  worstError: 4.7e-16,
} as const;
