// odex ships its TypeScript source instead of declarations, and that source does not
// compile under this project's strict options; these are the parts the tests use.
declare namespace odex {
  type OutputFunction = (step: number, xOld: number, x: number, y: number[]) => boolean | void;
  class Solver {
    constructor(n: number);
    absoluteTolerance: number;
    relativeTolerance: number;
    denseOutput: boolean;
    maxSteps: number;
    grid(dt: number, out: (x: number, y: number[]) => void): OutputFunction;
    solve(f: (x: number, y: number[]) => number[], x0: number, y0: number[], xEnd: number, out?: OutputFunction): { y: number[]; outcome: number };
  }
}
export default odex;
