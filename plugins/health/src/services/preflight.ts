import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { createAwsContext, resolveRegion } from '@geusemaker/kit/aws';
import { runPreflight, type CheckReport } from '@geusemaker/kit/health';
import { loadSpec, type DeploymentSpec } from '@geusemaker/kit/spec';
import { openStateStore } from './session.js';

export interface PreflightRequest {
  specInput: Partial<DeploymentSpec>;
  configFile?: string;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
}

export interface PreflightResult extends CheckReport {
  name: string;
  tier: DeploymentSpec['tier'];
  region: string;
}

/** `gm preflight tierN [deploy flags]`: the spec as `gm deploy` reads it, then every read-only check. */
export async function preflight(request: PreflightRequest): Promise<PreflightResult> {
  const { spec } = await loadSpec({ flags: request.specInput, env: request.env, configFile: request.configFile });
  const region = await resolveRegion(spec.region ?? request.connection.region, request.connection.profile);
  const aws = await createAwsContext({ region, profile: request.connection.profile, endpointUrl: request.connection.endpointUrl });
  try {
    const report = await runPreflight({ aws, spec, region, store: openStateStore(request.env) });
    return { name: spec.name, tier: spec.tier, region, ...report };
  } finally {
    aws.destroy();
  }
}
