import { InterruptedError } from '@geusemaker/kit/errors';
import type { InputQuestion, Prompter, SelectQuestion } from '@geusemaker/kit/io';
import type { PriceBook } from '@geusemaker/kit/pricing';
import type { Tier } from '@geusemaker/kit/spec';
import type { WizardAnswers, WizardStepId } from './answers.js';
import type { NetworkCatalog } from './catalog.js';

/** What the steps need: where to ask, prices, what exists in the account, and where to print explanations. */
export interface WizardContext {
  prompter: Prompter;
  /** The bundled snapshot until the region is known; then the live prices for it, when `livePrices` is given. */
  book: PriceBook;
  /** Live prices (API or cache, snapshot where unavailable) for a region: the same book `gm deploy` ranks with. */
  livePrices?: (region: string) => Promise<PriceBook>;
  /** From --region, AWS_REGION or the profile. */
  defaultRegion: string;
  /** The network resources of a region that may be reused. */
  catalog(region: string): NetworkCatalog;
  /** The status of a live deployment with this name in the state store, or undefined when the name is free. */
  nameInUse?: (name: string) => Promise<string | undefined>;
  /** Tiers whose deploy command is installed (tier2/tier3 come as optional plugins). */
  installedTiers: readonly Tier[];
  /** Prints explanatory lines (tables, the summary) to the user; never to stdout. */
  say(line: string): void;
}

export interface WizardStep {
  id: WizardStepId;
  ask(ctx: WizardContext, answers: WizardAnswers): Promise<Partial<WizardAnswers>>;
}

/** Typed at any text prompt, or picked from any list: stop here, create nothing. */
export const ABORT = 'abort';

export function aborted(): InterruptedError {
  return new InterruptedError({
    code: 'WIZARD_ABORTED',
    message: 'Wizard aborted; nothing was created.',
    hint: 'Your answers so far are saved: `gm deploy --resume-wizard` continues from the next question.',
  });
}

/** A text question where "abort" stops the wizard (and is never refused by validation). */
export async function askText(ctx: WizardContext, question: InputQuestion): Promise<string> {
  const validate = question.validate;
  const value = await ctx.prompter.input({
    ...question,
    help: `${question.help ?? ''}${question.help ? ' ' : ''}(type "${ABORT}" to stop; nothing is created)`,
    ...(validate === undefined ? {} : { validate: (text: string) => (text.trim().toLowerCase() === ABORT ? true : validate(text.trim())) }),
  });
  if (value.trim().toLowerCase() === ABORT) throw aborted();
  return value.trim();
}

/** A list question with an "abort" choice last. */
export async function askChoice<V extends string>(ctx: WizardContext, question: SelectQuestion<V>): Promise<V> {
  const choices = [...question.choices, { value: ABORT as V, label: 'Abort', hint: 'stop here; nothing is created' }];
  const value = await ctx.prompter.select({ ...question, choices });
  if (value === ABORT) throw aborted();
  return value;
}

export const usd = (value: number | null | undefined, digits = 4): string => (value === undefined || value === null ? '—' : `$${value.toFixed(digits)}`);
