/**
 * The playground's loader worker: runs one derivation's text (generator/load/text.ts) and hands
 * back its default export as a structured clone, as the command line's import worker does. The
 * page starts a fresh one for each text and stops it after the load's time limit: the text's code
 * never runs where the generator runs, and what it changes of its own world ends with it.
 */
import { evaluateText } from '../../generator/load/text.js';
import { DerivationError, notPlainDataProblem } from '../../generator/load/errors.js';
import { problemOf } from './protocol.js';
import type { LoadReply, LoadRequest } from './protocol.js';

const reply = (message: LoadReply): void => postMessage(message);

addEventListener('message', (event: MessageEvent<LoadRequest>) => {
  const { text, fallbackFile } = event.data;
  let loaded: { file: string; exported: unknown };
  try {
    loaded = evaluateText(text, fallbackFile);
  } catch (error) {
    if (error instanceof DerivationError) reply({ problems: [problemOf(error)] });
    else reply({ failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return;
  }
  try {
    reply(loaded);
  } catch (error) {
    // A function or another value that is not plain data in the default export.
    reply({ problems: [problemOf(new DerivationError(loaded.file, '', notPlainDataProblem(error instanceof Error ? error.message : String(error))))] });
  }
});
