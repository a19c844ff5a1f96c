import type { Terminal } from './choose.js';
import { EnquirerPrompter } from './enquirer-prompter.js';
import { NonInteractivePrompter, type Prompter } from './prompter.js';

/** Prompts only when both ends are a terminal, --no-input was not given, and --json is not in use. */
export function choosePrompter(options: { noInput: boolean; json: boolean }, terminal: Terminal): Prompter {
  const canAsk = terminal.stdinIsTty && terminal.stderrIsTty && !options.noInput && !options.json;
  return canAsk ? new EnquirerPrompter() : new NonInteractivePrompter();
}
