import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '@geusemaker/kit/errors';
import { ensurePrivateDir, resolveGmHome, writePrivateFileAtomic } from '@geusemaker/kit/state';
import { WIZARD_STEPS, type WizardAnswers, type WizardStepId } from './answers.js';

/** What `gm deploy --resume-wizard` continues from: the answers and the steps already answered. */
export interface WizardProgress {
  version: 1;
  answers: WizardAnswers;
  completed: WizardStepId[];
  updatedAt: string;
}

/** Where the wizard keeps its answers between steps (one wizard in progress per GM_HOME). */
export interface ProgressStore {
  load(): Promise<WizardProgress | undefined>;
  save(progress: WizardProgress): Promise<void>;
  clear(): Promise<void>;
}

export function progressPath(env: NodeJS.ProcessEnv): string {
  return join(resolveGmHome(env), 'wizard', 'progress.json');
}

function isProgress(value: unknown): value is WizardProgress {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<WizardProgress>;
  return candidate.version === 1 && typeof candidate.answers === 'object' && Array.isArray(candidate.completed)
    && candidate.completed.every((step) => (WIZARD_STEPS as readonly string[]).includes(step));
}

/** A JSON file under GM_HOME, written like gm's state: atomically, durably, 0600 in a 0700 directory. */
export function fileProgressStore(path: string): ProgressStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!isProgress(parsed)) {
        throw new ConfigError({ code: 'WIZARD_PROGRESS_INVALID', message: `${path} is not a saved wizard.`, hint: 'Run `gm deploy` without --resume-wizard to start over (it replaces the file).' });
      }
      return parsed;
    },
    async save(progress) {
      await ensurePrivateDir(dirname(path));
      await writePrivateFileAtomic(path, `${JSON.stringify(progress, null, 2)}\n`);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}

/** In memory, for tests. */
export function memoryProgressStore(initial?: WizardProgress): ProgressStore & { saved: WizardProgress[] } {
  let current = initial;
  const saved: WizardProgress[] = [];
  return {
    saved,
    load: () => Promise.resolve(current === undefined ? undefined : structuredClone(current)),
    save: (progress) => {
      current = structuredClone(progress);
      saved.push(structuredClone(progress));
      return Promise.resolve();
    },
    clear: () => {
      current = undefined;
      return Promise.resolve();
    },
  };
}
