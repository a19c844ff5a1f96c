import type { RunGmResult } from '@geusemaker/testkit';
import type { InventoryItem, Sandbox } from './helpers.js';

/**
 * What one tier-1 deployment (new network, `--no-wait`) leaves in AWS, by inventory type. The VPC's main route table
 * and default security group are created by AWS untagged, so they are not counted; mount targets carry no tags and
 * are counted per file system (see `deploymentCounts`).
 */
export const TIER1_COUNTS: Readonly<Record<string, number>> = {
  vpc: 1,
  subnet: 2,
  'internet-gateway': 1,
  'route-table': 1,
  'security-group': 2,
  'elastic-ip': 1,
  instance: 1,
  volume: 1,
  'file-system': 1,
  'mount-target': 2,
  role: 1,
  'instance-profile': 1,
  parameter: 1, // every secret in one SecureString
};

/** How many items of each type, keys sorted so a failing `toEqual` diff reads well. */
export function countsByType(items: readonly Pick<InventoryItem, 'type'>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of items.map((item) => item.type).sort()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** The inventory of a deployment plus its EFS mount targets (untagged in EFS, so looked up by file system). */
export async function deploymentItems(box: Sandbox, name: string): Promise<Pick<InventoryItem, 'type' | 'id'>[]> {
  const items = await box.inventory(name);
  const aws = await box.aws();
  const fileSystems = items.filter((item) => item.type === 'file-system');
  const mountTargets = await Promise.all(fileSystems.map((fs) => aws.efs.describeMountTargets({ FileSystemId: fs.id })));
  const live = mountTargets.flat().filter((mt) => mt.LifeCycleState !== 'deleted' && mt.LifeCycleState !== 'deleting');
  return [...items, ...live.map((mt) => ({ type: 'mount-target', id: mt.MountTargetId ?? '' }))];
}

/** `countsByType` of `deploymentItems`: compare with `TIER1_COUNTS` (exact, so a duplicate or a leftover fails). */
export async function deploymentCounts(box: Sandbox, name: string): Promise<Record<string, number>> {
  return countsByType(await deploymentItems(box, name));
}

export interface ErrorEnvelope {
  status: 'error';
  error: { code: string; message: string; hint?: string };
  exitCode: number;
}

export interface SuccessEnvelope<T = Record<string, unknown>> {
  status: 'success';
  result: T;
  warnings: string[];
}

function describeRun(run: RunGmResult): string {
  return `exit ${run.exitCode}\nstdout:\n${run.stdout.slice(0, 4000)}\nstderr:\n${run.stderr.slice(-4000)}`;
}

/** The `--json` failure envelope of a run that must have exited with `exitCode` (the message shows gm's output). */
export function errorEnvelope(run: RunGmResult, exitCode: number): ErrorEnvelope {
  if (run.exitCode !== exitCode) throw new Error(`expected exit ${exitCode}, got ${describeRun(run)}`);
  const envelope = run.json as Partial<ErrorEnvelope> | undefined;
  if (envelope?.status !== 'error' || envelope.error === undefined) throw new Error(`expected an error envelope: ${describeRun(run)}`);
  expect(envelope.exitCode).toBe(exitCode);
  return envelope as ErrorEnvelope;
}

/** The `--json` success envelope of a run that must have exited 0. */
export function successEnvelope<T = Record<string, unknown>>(run: RunGmResult): SuccessEnvelope<T> {
  if (run.exitCode !== 0) throw new Error(`expected exit 0, got ${describeRun(run)}`);
  const envelope = run.json as Partial<SuccessEnvelope<T>> | undefined;
  if (envelope?.status !== 'success') throw new Error(`expected a success envelope: ${describeRun(run)}`);
  return envelope as SuccessEnvelope<T>;
}

/** `gm destroy NAME --yes` exits 0 and nothing of the deployment is left in AWS. */
export async function expectDestroyed(box: Sandbox, name: string): Promise<void> {
  const run = await box.gm(['destroy', name, '--yes', '--json']);
  successEnvelope(run);
  expect(await deploymentItems(box, name)).toEqual([]);
}
