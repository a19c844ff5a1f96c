import type { HealthSandbox } from './helpers.js';

/** Deploys tier 1 into the emulator under the sandbox's name and returns the secrets the fakes must expect. */
export async function deployForHealth(box: HealthSandbox): Promise<{ proxyPassword: string; qdrantApiKey: string; instanceId: string }> {
  const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--instance-type', 't3.large', '--yes', '--json']);
  if (run.exitCode !== 0) throw new Error(`deploy failed (${run.exitCode}): ${run.stdout}\n${run.stderr}`);
  const aws = await box.aws();
  const prefix = `/geusemaker/${box.name}/`;
  const parameters = await aws.ssm.getParametersByPath({ Path: prefix, WithDecryption: true });
  const value = (leaf: string): string => parameters.find((p) => p.Name === `${prefix}${leaf}`)?.Value ?? '';
  const resources = (run.json as { result: { resources: { kind: string; id: string }[] } }).result.resources;
  return { proxyPassword: value('proxy-password'), qdrantApiKey: value('qdrant-api-key'), instanceId: resources.find((r) => r.kind === 'instance')?.id ?? '' };
}
