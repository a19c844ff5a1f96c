import { UsageError } from '../errors/index.js';

/** Every question names the flag that answers it, so a non-interactive run can say exactly what is missing. */
interface QuestionBase {
  message: string;
  /** The flag that supplies this value without a prompt, e.g. `--name`. */
  flag: string;
  help?: string;
}

export interface InputQuestion extends QuestionBase {
  initial?: string;
  /** Returns an error message, or true when the value is acceptable. */
  validate?: (value: string) => true | string;
}

export interface SelectQuestion<V extends string> extends QuestionBase {
  choices: readonly { value: V; label: string; hint?: string }[];
  initial?: V;
}

export interface ConfirmQuestion extends QuestionBase {
  initial?: boolean;
}

export interface Prompter {
  readonly interactive: boolean;
  input(question: InputQuestion): Promise<string>;
  select<V extends string>(question: SelectQuestion<V>): Promise<V>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

function missing(question: QuestionBase): UsageError {
  return new UsageError({
    code: 'INPUT_REQUIRED',
    message: `${question.message.replace(/[?:]\s*$/, '')}: no value given and no interactive terminal to ask on.`,
    hint: `Pass ${question.flag}${question.flag === '--yes' ? '' : ' <value>'} (prompts only happen on an interactive terminal without --no-input).`,
    details: { flag: question.flag },
  });
}

/**
 * Without a TTY (or with --no-input) gm never prompts: enquirer would wait forever or resolve nothing and exit 0.
 * Every question becomes a usage error naming its flag.
 */
export class NonInteractivePrompter implements Prompter {
  readonly interactive = false;

  input(question: InputQuestion): Promise<string> {
    return Promise.reject(missing(question));
  }

  select<V extends string>(question: SelectQuestion<V>): Promise<V> {
    return Promise.reject(missing(question));
  }

  confirm(question: ConfirmQuestion): Promise<boolean> {
    return Promise.reject(missing(question));
  }
}
