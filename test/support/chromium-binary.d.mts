/** The path of the Chromium binary in node_modules/.cache/, decompressed there first if need be. */
export function chromiumBinary(): Promise<string>;
