import { GmError } from '@geusemaker/kit/errors';
import { deployTier1, type DeployResult, type DeployTier1Options } from '../deploy.js';
import { destroyDeployment } from '../destroy.js';
import { resumeDeployment } from '../resume.js';

type Recovery = 'retry' | 'rollback' | 'keep';

/** A failed run whose resources were kept (the code failureError gives with rollback off). */
const isKeptFailure = (error: unknown): error is GmError => error instanceof GmError && error.code === 'DEPLOY_FAILED_KEPT';

async function askRecovery(options: DeployTier1Options, error: GmError, name: string): Promise<Recovery> {
  const cause = error.cause instanceof GmError ? error.cause : error;
  options.reporter.warn(`The deploy failed: ${cause.message}`);
  if (cause.hint !== undefined) options.reporter.info(`Remedy: ${cause.hint}`);
  options.reporter.info('What gm created so far is kept until you choose.');
  return options.prompter.select<Recovery>({
    message: 'What now?',
    flag: '--no-rollback',
    initial: 'retry',
    help: 'retry continues from the failed step (like `gm resume`); roll back deletes what this deploy created; keep exits so you can fix the cause first.',
    choices: [
      { value: 'retry', label: 'retry the failed step and continue' },
      { value: 'rollback', label: 'roll back: delete what this deploy created (never what you reused)' },
      { value: 'keep', label: `keep what exists and exit (then \`gm resume ${name}\` or \`gm destroy ${name}\`)` },
    ],
  });
}

async function rollBackOnRequest(options: DeployTier1Options, error: GmError, name: string): Promise<never> {
  const destroyed = await destroyDeployment({
    name, keepEfs: false, dryRun: false, yes: true, env: options.env, connection: options.connection,
    reporter: options.reporter, prompter: options.prompter, warn: options.warn,
  });
  const cause = error.cause instanceof GmError ? error.cause : error;
  throw new GmError({
    code: cause.code,
    message: `${cause.message} — rolled back: ${destroyed.deleted.length} resources deleted, nothing left behind.`,
    ...(cause.hint === undefined ? {} : { hint: cause.hint }),
    // Like an automatic rollback (failureError): credentials, config and capacity keep their own exit codes.
    exitCode: cause.exitCode === 3 || cause.exitCode === 4 || cause.exitCode === 5 ? cause.exitCode : 1,
    cause: error,
  });
}

/**
 * The wizard's deploy: on a terminal, a failure keeps what was created and asks — retry the failed step (a resume from
 * the journal), roll back, or keep and exit (exit 6; `gm resume` finishes later). Without a terminal, with --dry-run
 * or with --no-rollback, it is exactly `deployTier1`.
 */
export async function deployWithRecovery(options: DeployTier1Options): Promise<DeployResult> {
  const name = options.specInput.name;
  if (options.dryRun || !options.rollback || !options.prompter.interactive || name === undefined) return deployTier1(options);
  let attempt = (): Promise<DeployResult> => deployTier1({ ...options, rollback: false });
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isKeptFailure(error)) throw error;
      const choice = await askRecovery(options, error, name);
      if (choice === 'keep') throw error;
      if (choice === 'rollback') return rollBackOnRequest(options, error, name);
      attempt = () =>
        resumeDeployment({
          name, wait: options.wait, rollback: false, waitTimeoutSeconds: options.waitTimeoutSeconds, env: options.env,
          connection: options.connection, reporter: options.reporter, warn: options.warn,
        });
    }
  }
}
