/**
 * @geusemaker/kit/spec — the DeploymentSpec: its JSON Schema, validation with actionable issues, loading from
 * flags > GM_* environment > config file > defaults, and the commented sample. Never loads the AWS SDK.
 */
export {
  TIERS,
  MARKETS,
  SERVICES,
  SPEC_FIELDS,
  SPEC_DEFAULTS,
  type DeploymentSpec,
  type DeploymentSpecInput,
  type Tier,
  type Market,
  type ServiceName,
  type SpecField,
  type SpecSource,
  type SpecSources,
} from './types.js';
export { FIELD_DOCS, type FieldDoc } from './field-docs.js';
export { specJsonSchema, SCHEMA_DIALECT, SCHEMA_ID } from './schema.js';
export { validateSpec, type SpecValidation } from './validate.js';
export { loadSpec, type LoadSpecOptions, type LoadedSpec } from './load.js';
export { readConfigFile, type ConfigFile } from './config-file.js';
export { ENV_VARIABLES, specFromEnv, type EnvSpec } from './env.js';
export { sampleSpec } from './sample.js';
export { checkIpv4Cidr, type CidrCheck, type Ipv4Cidr } from './cidr.js';
export { knownRegions, regionInfo, REGION_DATA_SOURCE, type RegionInfo } from './regions.js';
export { knownInstanceTypes, instanceTypeInfo, gpuInstanceTypes, INSTANCE_TYPE_DATA_SOURCE, type InstanceTypeInfo } from './instance-types.js';
export { formatSpecSources } from './report.js';
