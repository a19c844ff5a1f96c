import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment, readStepRecords, writeDeployment } from '@geusemaker/kit/deployment';
import { now } from '@geusemaker/kit/engine';
import { GmError, PartialError } from '@geusemaker/kit/errors';
import type { Prompter, Reporter } from '@geusemaker/kit/io';
import { closePricePeriods } from '@geusemaker/kit/pricing';
import type { ResourceRef } from '@geusemaker/kit/resources';
import { rollBack } from './execute.js';
import { interruptOnSignals, openAws, openStateStore, resourceContext } from './session.js';

export interface DestroyOptions {
  name: string;
  keepEfs: boolean;
  dryRun: boolean;
  yes: boolean;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
  reporter: Reporter;
  prompter: Prompter;
  /** The command's warnings (e.g. duplicates found by tag): shown and carried in the envelope. */
  warn: (message: string) => void;
}

export interface DestroyResult {
  name: string;
  dryRun: boolean;
  /** What was (or, with --dry-run, would be) deleted. */
  deleted: ResourceRef[];
  kept: ResourceRef[];
  reusedUntouched: ResourceRef[];
  archivedTo?: string;
}

async function confirmByName(options: DestroyOptions, count: number): Promise<void> {
  if (options.yes) return;
  const typed = await options.prompter.input({
    message: `This deletes ${count} resources of "${options.name}". Type the deployment name to confirm`,
    flag: '--yes',
    validate: (value) => value === options.name || `type "${options.name}" exactly, or press Ctrl-C`,
  });
  if (typed !== options.name) throw new GmError({ code: 'CANCELLED', message: 'Destroy cancelled; nothing was deleted.' });
}

/**
 * `gm destroy NAME`: deletes what the journal shows gm created, in reverse dependency order, verifying each is
 * gone; never touches reused resources. The state is archived only when everything is gone.
 */
export async function destroyDeployment(options: DestroyOptions): Promise<DestroyResult> {
  const store = openStateStore(options.env);
  const state = await readDeployment(store, options.name);
  const { records } = await readStepRecords(store, options.name);
  const live = [...records.values()].filter((record) => record.ref !== undefined && record.phase !== 'deleted');
  const reusedUntouched = live.filter((record) => record.phase === 'reused').flatMap((record) => (record.ref ? [record.ref] : []));
  const keep = new Set(options.keepEfs ? ['efs'] : []);
  const targets = live.filter((record) => record.phase !== 'reused');
  if (options.dryRun) {
    const refs = targets.flatMap((record) => (record.ref ? [record.ref] : []));
    return { name: options.name, dryRun: true, deleted: refs.filter((ref) => !(keep.has('efs') && ref.kind === 'efs-file-system')), kept: refs.filter((ref) => keep.has('efs') && ref.kind === 'efs-file-system'), reusedUntouched };
  }
  await confirmByName(options, targets.length);
  const lock = await store.lock(options.name, 'destroy');
  const aws = await openAws({ ...options.connection, endpointUrl: options.connection.endpointUrl ?? state.endpointUrl }, state.region);
  const interrupt = interruptOnSignals();
  try {
    await writeDeployment(store, { ...state, status: 'destroying' });
    const identity = { name: state.name, deploymentId: state.deploymentId, tier: state.tier, userTags: state.spec.tags };
    const result = await rollBack(state, store, resourceContext(aws, identity, options.reporter, interrupt.signal, options.warn), options.reporter, keep);
    if (result.failures.length > 0) {
      await writeDeployment(store, { ...state, status: 'destroy-failed', lastError: { code: 'DESTROY_INCOMPLETE', message: result.failures.map((f) => f.error.message).join('; '), at: now() } });
      throw new PartialError({
        code: 'DESTROY_INCOMPLETE',
        message: `Could not delete: ${result.failures.map((f) => `${f.ref?.kind ?? f.stepId} ${f.ref?.id ?? ''} (${f.error.message})`).join('; ')}`,
        hint: `Run \`gm destroy ${options.name}\` again; gm retries what is left.`,
      });
    }
    // The instance is gone: its price period ends now (gm cost report stops counting).
    await writeDeployment(store, { ...state, status: 'destroyed', ...(state.pricePeriods === undefined ? {} : { pricePeriods: closePricePeriods(state.pricePeriods, now()) }) });
    await lock.release();
    const archivedTo = await store.archive(options.name);
    options.reporter.success(`${options.name} destroyed: ${result.deleted.length} resources deleted${reusedUntouched.length ? `, ${reusedUntouched.length} of yours untouched` : ''}.`);
    return { name: options.name, dryRun: false, deleted: result.deleted, kept: result.kept, reusedUntouched, archivedTo };
  } finally {
    interrupt.dispose();
    aws.destroy();
    await lock.release();
  }
}
