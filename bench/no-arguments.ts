/** The command line of a command that takes no arguments: --help or -h prints its usage and
 * exits 0, anything else is an error that names it, exit 1. */
export function noArguments(usage: string): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  if (args.length > 0) {
    console.error(`error: unexpected argument '${args[0]}'\n${usage}`);
    process.exit(1);
  }
}
