import { InterruptedError } from '../errors/index.js';
import type { ConfirmQuestion, InputQuestion, Prompter, SelectQuestion } from './prompter.js';

type EnquirerPrompt = (question: Record<string, unknown>) => Promise<Record<string, unknown>>;

async function loadPrompt(): Promise<EnquirerPrompt> {
  const enquirer = (await import('enquirer')) as unknown as { default: { prompt: EnquirerPrompt } };
  return enquirer.default.prompt;
}

function cancelled(): InterruptedError {
  return new InterruptedError({ message: 'Cancelled at the prompt.', hint: 'Nothing was changed.' });
}

const isReadlineClosed = (reason: unknown): boolean => (reason as { code?: unknown } | null)?.code === 'ERR_USE_AFTER_CLOSE';

/**
 * On Node >= 24.2, Ctrl-C in an enquirer 2.4.1 prompt closes readline before enquirer's cleanup pauses it: the cleanup
 * throws ERR_USE_AFTER_CLOSE as an unhandled rejection and the prompt never settles (enquirer issue #483). While a
 * prompt is open that rejection means "Ctrl-C"; any other unhandled rejection is rethrown (Node's default: crash).
 */
function ctrlCWatch(): { promise: Promise<never>; dispose(): void } {
  let onRejection: (reason: unknown) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onRejection = (reason) => {
      if (!isReadlineClosed(reason)) throw reason;
      reject(cancelled());
    };
  });
  process.on('unhandledRejection', onRejection);
  return { promise, dispose: () => void process.off('unhandledRejection', onRejection) };
}

/** enquirer rejects with an empty value when the user presses Ctrl-C / Esc: that is an interruption, not a bug. */
async function ask(question: Record<string, unknown>): Promise<unknown> {
  const prompt = await loadPrompt();
  const watch = ctrlCWatch();
  try {
    const answers = await Promise.race([prompt({ ...question, name: 'value', stdout: process.stderr }), watch.promise]);
    return answers.value;
  } catch (error) {
    if (error === '' || error === undefined) throw cancelled();
    throw error;
  } finally {
    watch.dispose();
  }
}

/** Prompts on stderr so stdout stays machine-readable. Only ever constructed when stdin and stderr are TTYs. */
export class EnquirerPrompter implements Prompter {
  readonly interactive = true;

  async input(question: InputQuestion): Promise<string> {
    const value = await ask({
      type: 'input',
      message: question.message,
      initial: question.initial,
      footer: question.help,
      validate: question.validate,
    });
    return String(value);
  }

  async select<V extends string>(question: SelectQuestion<V>): Promise<V> {
    const value = await ask({
      type: 'select',
      message: question.message,
      footer: question.help,
      choices: question.choices.map((choice) => ({ name: choice.value, message: choice.label, hint: choice.hint })),
      initial: question.initial === undefined ? undefined : question.choices.findIndex((c) => c.value === question.initial),
    });
    return value as V;
  }

  async confirm(question: ConfirmQuestion): Promise<boolean> {
    const value = await ask({ type: 'confirm', message: question.message, initial: question.initial ?? false });
    return value === true;
  }
}
