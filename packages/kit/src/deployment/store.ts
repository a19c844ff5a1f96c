import { ConfigError, GmError } from '../errors/index.js';
import { replayJournal } from '../engine/journal.js';
import type { JournalEntry, StepRecord } from '../engine/journal-types.js';
import type { StateStore } from '../state/index.js';
import type { DeploymentState } from './types.js';

/** Reads a deployment's state document, or throws a clear "not found" (exit 3) naming what exists. */
export async function readDeployment(store: StateStore, name: string): Promise<DeploymentState> {
  const doc = await store.read(name);
  if (doc === undefined) {
    const known = await store.list();
    throw new GmError({
      code: 'DEPLOYMENT_NOT_FOUND',
      message: `No deployment named "${name}" in this state store.`,
      hint: known.length === 0 ? 'Nothing is deployed yet: `gm deploy tier1 --name <name>`.' : `Known deployments: ${known.join(', ')} (gm list).`,
      exitCode: 3,
    });
  }
  if (typeof doc.deploymentId !== 'string' || typeof doc.plan !== 'object') {
    throw new ConfigError({ code: 'STATE_INVALID', message: `The state of "${name}" is not a gm deployment document.`, hint: 'Restore it from a backup (gm state restore).' });
  }
  return doc as unknown as DeploymentState;
}

export async function writeDeployment(store: StateStore, state: DeploymentState): Promise<void> {
  await store.write(state.name, { ...state, updatedAt: new Date().toISOString() });
}

/** The journal folded into step records (what exists, what is ready), plus any tolerated-corruption warnings. */
export async function readStepRecords(store: StateStore, name: string): Promise<{ records: Map<string, StepRecord>; warnings: string[] }> {
  const { entries, warnings } = await store.readJournal(name);
  return { records: replayJournal(entries as unknown as JournalEntry[]), warnings };
}

/** A JournalSink over the store: every entry is durable before the engine moves on. */
export function storeJournal(store: StateStore, name: string): { append(entry: JournalEntry): Promise<void> } {
  return { append: (entry) => store.appendJournal(name, entry as unknown as Record<string, unknown>) };
}
