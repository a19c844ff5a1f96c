import type { HealthSandbox } from './helpers.js';

/** Deploys tier 1 into the emulator under the sandbox's name and returns the secrets the fakes must expect. */
export async function deployForHealth(box: HealthSandbox): Promise<{ proxyPassword: string; qdrantApiKey: string; instanceId: string }> {
  const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--instance-type', 't3.large', '--yes', '--json']);
  if (run.exitCode !== 0) throw new Error(`deploy failed (${run.exitCode}): ${run.stdout}\n${run.stderr}`);
  const aws = await box.aws();
  // All secrets live in one SecureString of ENV_VAR=value lines.
  const { Parameter } = await aws.ssm.getParameter({ Name: `/geusemaker/${box.name}/stack-secrets`, WithDecryption: true });
  const lines = (Parameter?.Value ?? '').split('\n');
  const value = (envVar: string): string => lines.find((line) => line.startsWith(`${envVar}=`))?.slice(envVar.length + 1) ?? '';
  const resources = (run.json as { result: { resources: { kind: string; id: string }[] } }).result.resources;
  return { proxyPassword: value('PROXY_PASSWORD'), qdrantApiKey: value('QDRANT_API_KEY'), instanceId: resources.find((r) => r.kind === 'instance')?.id ?? '' };
}
