export type { Reporter, ReporterKind, TaskSpec, TaskContext, Write } from './reporter.js';
export { PlainReporter } from './plain-reporter.js';
export { ListrReporter } from './listr-reporter.js';
export { chooseReporter, currentTerminal, isInteractive, type OutputMode, type Terminal } from './choose.js';
export {
  NonInteractivePrompter,
  type Prompter,
  type InputQuestion,
  type SelectQuestion,
  type ConfirmQuestion,
} from './prompter.js';
export { EnquirerPrompter } from './enquirer-prompter.js';
export { ScriptedPrompter, DEFAULT_ANSWER, type ScriptedAnswer, type AskedQuestion } from './scripted-prompter.js';
export { choosePrompter } from './choose-prompter.js';
export { table } from './table.js';
