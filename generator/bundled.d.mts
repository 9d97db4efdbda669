/** The generator's command line (generator/cli.ts), from its bundle: see bundled.mjs. */
export declare function loadGenerator(): Promise<typeof import('./cli.js')>;
