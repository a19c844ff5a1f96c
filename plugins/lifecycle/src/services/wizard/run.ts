import { InterruptedError } from '@geusemaker/kit/errors';
import type { WizardAnswers, WizardStepId } from './answers.js';
import { aborted, type WizardContext, type WizardStep } from './context.js';
import type { ProgressStore, WizardProgress } from './progress.js';
import { BASIC_STEPS } from './steps-basics.js';
import { FINAL_STEPS } from './steps-final.js';
import { NETWORK_STEPS } from './steps-network.js';

const STEPS: readonly WizardStep[] = [...BASIC_STEPS, ...NETWORK_STEPS, ...FINAL_STEPS];

export interface RunWizardOptions {
  /** Continue from the saved progress (`--resume-wizard`) instead of starting over. */
  resume: boolean;
  /** Answers given by flags: their questions are not asked. */
  preset: WizardAnswers;
}

/** Ctrl-C at a prompt is an abort like any other: same message, and the hint says how to continue. */
async function askStep(ctx: WizardContext, step: WizardStep, answers: WizardAnswers): Promise<Partial<WizardAnswers>> {
  try {
    return await step.ask(ctx, answers);
  } catch (error) {
    if (error instanceof InterruptedError && error.code !== 'WIZARD_ABORTED') throw aborted();
    throw error;
  }
}

/** The steps whose answer is already known (the summary is never skipped). */
function answeredSteps(answers: WizardAnswers): WizardStepId[] {
  return STEPS.map((step) => step.id).filter((id): id is Exclude<WizardStepId, 'confirm'> => id !== 'confirm' && answers[id] !== undefined);
}

async function startingPoint(ctx: WizardContext, store: ProgressStore, options: RunWizardOptions): Promise<WizardProgress> {
  const saved = options.resume ? await store.load() : undefined;
  if (options.resume && saved === undefined) ctx.say('No saved wizard to resume; starting from the first question.');
  const answers = { ...saved?.answers, ...options.preset };
  const completed = [...new Set([...(saved?.completed ?? []), ...answeredSteps(options.preset)])];
  if (saved !== undefined && completed.length > 0) ctx.say(`Resuming the wizard: ${completed.length} answer(s) kept.`);
  return { version: 1, answers, completed, updatedAt: new Date().toISOString() };
}

/** Steps that show prices: before them, the live prices of the chosen region replace the snapshot (once per region). */
const PRICED_STEPS: readonly WizardStepId[] = ['tier', 'instanceType', 'market', 'network', 'budget', 'confirm'];

function livePricesOnce(ctx: WizardContext): (region: string) => Promise<void> {
  let loaded: string | undefined;
  return async (region) => {
    if (ctx.livePrices === undefined || loaded === region) return;
    ctx.book = await ctx.livePrices(region);
    loaded = region;
  };
}

/**
 * Asks every question not answered yet, in order, saving the answers after each step so an abort (or a closed
 * terminal) can be resumed. Returns the answers once the summary is confirmed, and forgets the saved progress then.
 * Aborting throws (InterruptedError, exit 130) and keeps the progress; nothing is ever created here.
 */
export async function runWizard(ctx: WizardContext, store: ProgressStore, options: RunWizardOptions): Promise<WizardAnswers> {
  const progress = await startingPoint(ctx, store, options);
  const loadPrices = livePricesOnce(ctx);
  for (const step of STEPS) {
    if (progress.completed.includes(step.id)) continue;
    if (PRICED_STEPS.includes(step.id)) await loadPrices(progress.answers.region ?? ctx.defaultRegion);
    Object.assign(progress.answers, await askStep(ctx, step, progress.answers));
    if (step.id === 'confirm') break;
    progress.completed.push(step.id);
    progress.updatedAt = new Date().toISOString();
    await store.save(progress);
  }
  await store.clear();
  return progress.answers;
}
