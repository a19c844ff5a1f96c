import type { ConfirmQuestion, InputQuestion, Prompter, SelectQuestion } from './prompter.js';

/** Answer a question with its default (the `initial` of the question). */
export const DEFAULT_ANSWER = Symbol('default answer');

export type ScriptedAnswer = string | boolean | typeof DEFAULT_ANSWER;

/** What the scripted prompter was asked, in order: enough for a test to assert on texts, defaults and choices. */
export interface AskedQuestion {
  kind: 'input' | 'select' | 'confirm';
  message: string;
  flag: string;
  help?: string;
  initial?: string | boolean;
  choices?: { value: string; label: string; hint?: string }[];
  /** The answer given, after defaults were applied. */
  answer: string | boolean;
  /** Messages from `validate` for answers that were refused (the next scripted answer was then used). */
  refused: string[];
}

/**
 * A prompter for tests: it answers from a script, one answer per question, and records every question. Input answers
 * go through the question's `validate` like a user's would; a refused answer is recorded and the next one is used.
 * A select answer that is not one of the choices, or running out of answers, is a test bug and throws.
 */
export class ScriptedPrompter implements Prompter {
  readonly interactive = true;
  readonly asked: AskedQuestion[] = [];
  private readonly script: ScriptedAnswer[];

  constructor(script: readonly ScriptedAnswer[]) {
    this.script = [...script];
  }

  /** Answers not used yet (a test can assert the script was consumed exactly). */
  get remaining(): number {
    return this.script.length;
  }

  private next(message: string): ScriptedAnswer {
    if (this.script.length === 0) throw new Error(`ScriptedPrompter ran out of answers at "${message}"`);
    return this.script.shift() as ScriptedAnswer;
  }

  // Each answer is computed in a promise callback, so a script error is a rejection like a real prompt's failure.
  input(question: InputQuestion): Promise<string> {
    return Promise.resolve().then(() => this.answerInput(question));
  }

  select<V extends string>(question: SelectQuestion<V>): Promise<V> {
    return Promise.resolve().then(() => this.answerSelect(question));
  }

  confirm(question: ConfirmQuestion): Promise<boolean> {
    return Promise.resolve().then(() => this.answerConfirm(question));
  }

  private answerInput(question: InputQuestion): string {
    const refused: string[] = [];
    for (;;) {
      const raw = this.next(question.message);
      const answer = raw === DEFAULT_ANSWER ? (question.initial ?? '') : String(raw);
      const verdict = question.validate?.(answer) ?? true;
      if (verdict === true) {
        this.asked.push({ kind: 'input', message: question.message, flag: question.flag, help: question.help, initial: question.initial, answer, refused });
        return answer;
      }
      refused.push(verdict);
    }
  }

  private answerSelect<V extends string>(question: SelectQuestion<V>): V {
    const raw = this.next(question.message);
    const answer = raw === DEFAULT_ANSWER ? question.initial : raw;
    const choice = question.choices.find((c) => c.value === answer);
    if (choice === undefined) throw new Error(`"${String(answer)}" is not a choice of "${question.message}": ${question.choices.map((c) => c.value).join(', ')}`);
    this.asked.push({
      kind: 'select', message: question.message, flag: question.flag, help: question.help, initial: question.initial,
      choices: question.choices.map((c) => ({ ...c })), answer: choice.value, refused: [],
    });
    return choice.value;
  }

  private answerConfirm(question: ConfirmQuestion): boolean {
    const raw = this.next(question.message);
    const answer = raw === DEFAULT_ANSWER ? (question.initial ?? false) : raw === true || raw === 'y' || raw === 'yes';
    this.asked.push({ kind: 'confirm', message: question.message, flag: question.flag, help: question.help, initial: question.initial, answer, refused: [] });
    return answer;
  }
}
