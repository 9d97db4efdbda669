// odex ships its TypeScript source instead of declarations, and that source does not
// compile under this project's strict options; these are the parts the project uses.
declare namespace odex {
  /** interpolate(component, x): the dense-output interpolant on [xOld, x] (denseOutput only). */
  type OutputFunction = (step: number, xOld: number, x: number, y: number[], interpolate?: (component: number, x: number) => number) => boolean | void;
  class Solver {
    constructor(n: number);
    absoluteTolerance: number;
    relativeTolerance: number;
    denseOutput: boolean;
    maxSteps: number;
    maxStepSize: number;
    grid(dt: number, out: (x: number, y: number[]) => void): OutputFunction;
    solve(f: (x: number, y: number[]) => number[], x0: number, y0: number[], xEnd: number, out?: OutputFunction): { y: number[]; outcome: number };
  }
}
export default odex;
