import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors/index.js';

/** Deployment names (CLI.md): 1–28 chars, lowercase letters, digits, hyphens, starting with a letter. */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,27}$/;

export function isValidDeploymentName(name: string): boolean {
  return DEPLOYMENT_NAME_PATTERN.test(name);
}

/** Checked before any path is built from a name, so a name can never walk out of the deployments directory. */
export function assertDeploymentName(name: string): void {
  if (isValidDeploymentName(name)) return;
  const fix = 'Use 1–28 characters: lowercase letters, digits and hyphens, starting with a letter (e.g. my-stack).';
  throw new ConfigError({
    code: 'STATE_INVALID_NAME',
    message: `Invalid deployment name ${JSON.stringify(name)}.`,
    hint: fix,
    issues: [{ pointer: '/name', message: 'not a valid deployment name', fix }],
  });
}

/** GM_HOME when set (a leading `~/` is expanded), otherwise `~/.geusemaker`. Always absolute. */
export function resolveGmHome(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configured = env.GM_HOME?.trim();
  if (configured === undefined || configured === '') return join(home, '.geusemaker');
  if (configured === '~') return home;
  if (configured.startsWith('~/')) return join(home, configured.slice(2));
  return resolve(configured);
}

export const STATE_FILE = 'state.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const LOCK_FILE = 'lock.json';

/** Where one deployment's files live under GM_HOME. */
export interface DeploymentPaths {
  readonly dir: string;
  readonly state: string;
  readonly journal: string;
  readonly lock: string;
}

export function deploymentsDir(home: string): string {
  return join(home, 'deployments');
}

export function backupsDir(home: string): string {
  return join(home, 'backups');
}

export function archiveDir(home: string): string {
  return join(home, 'archive');
}

export function deploymentPaths(home: string, name: string): DeploymentPaths {
  assertDeploymentName(name);
  const dir = join(deploymentsDir(home), name);
  return { dir, state: join(dir, STATE_FILE), journal: join(dir, JOURNAL_FILE), lock: join(dir, LOCK_FILE) };
}
