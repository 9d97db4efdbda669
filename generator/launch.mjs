// `npm run generate`: the generator from its bundle (bundled.mjs), its exit code the process's.
import { loadGenerator } from './bundled.mjs';

const { run } = await loadGenerator();
process.exit(await run(process.argv.slice(2)));
