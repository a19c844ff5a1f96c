import { ConfigError } from '../errors/index.js';
import type { ValidationIssue } from '../errors/index.js';
import { readConfigFile } from './config-file.js';
import type { ConfigFile } from './config-file.js';
import { specFromEnv } from './env.js';
import type { EnvSpec } from './env.js';
import { pointerSegments, topField } from './pointer.js';
import { FIELD_FLAGS, SPEC_DEFAULTS, SPEC_FIELDS } from './types.js';
import type { DeploymentSpec, SpecField, SpecSource, SpecSources } from './types.js';
import { validateSpec } from './validate.js';

export interface LoadSpecOptions {
  /** Values from command-line flags; undefined entries (flags not given) are ignored. */
  readonly flags: Partial<DeploymentSpec>;
  readonly env: NodeJS.ProcessEnv;
  /** Path of a JSON or YAML config file (`--config`). */
  readonly configFile?: string;
}

export interface LoadedSpec {
  readonly spec: DeploymentSpec;
  /** Where each field's value came from; fields that are unset everywhere are absent. */
  readonly sources: SpecSources;
  /** For fields whose source is `env`: the variable that set it (`GM_REGION`). */
  readonly envVariables: Partial<Record<SpecField, string>>;
}

interface Layer {
  readonly source: Exclude<SpecSource, 'default'>;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Fields whose keys merge across sources (a `--tag` adds to the file's tags rather than replacing them). */
const MERGED_MAPS: readonly string[] = ['tags', 'images'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Merged {
  readonly merged: Record<string, unknown>;
  readonly sources: SpecSources;
  /** For the merged maps: the source of each key (`tags.owner` may come from the file, `tags.team` from a flag). */
  readonly keySources: Readonly<Record<string, Record<string, SpecSource>>>;
}

/** Lowest precedence first; later layers win. */
function mergeLayers(layers: readonly Layer[]): Merged {
  const merged: Record<string, unknown> = {};
  const sources: Record<string, SpecSource> = {};
  const keySources: Record<string, Record<string, SpecSource>> = {};
  for (const { source, values } of layers) {
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const previous = merged[field];
      const mergeKeys = MERGED_MAPS.includes(field) && isRecord(value);
      merged[field] = mergeKeys && isRecord(previous) ? { ...previous, ...value } : value;
      if (mergeKeys) keySources[field] = { ...keySources[field], ...Object.fromEntries(Object.keys(value).map((key) => [key, source])) };
      sources[field] = source;
    }
  }
  for (const field of Object.keys(SPEC_DEFAULTS)) sources[field] ??= 'default';
  return { merged, sources: sources as SpecSources, keySources };
}

function sourceOf(pointer: string, merged: Merged, file: ConfigFile | undefined): SpecSource | undefined {
  const [field, key] = pointerSegments(pointer);
  if (field === undefined) return file === undefined ? undefined : 'file';
  const keySource = key === undefined ? undefined : merged.keySources[field]?.[key];
  // Unknown fields are not in `sources`; only a file can hold them.
  return keySource ?? merged.sources[field as SpecField] ?? 'file';
}

/** Says where a bad value came from, so the user edits the right place. */
function origin(issue: ValidationIssue, merged: Merged, env: EnvSpec, file: ConfigFile | undefined): string | undefined {
  const field = topField(issue.pointer) as SpecField | undefined;
  const source = sourceOf(issue.pointer, merged, file);
  if (source === 'flag' && field !== undefined) return `from ${FIELD_FLAGS[field]}`;
  if (source === 'env' && field !== undefined) return `from ${env.variables[field] ?? 'the environment'}`;
  if (source !== 'file' || file === undefined) return undefined;
  const location = file.locate(issue.pointer) ?? (field === undefined ? undefined : file.locate(`/${field}`));
  return location === undefined ? `in ${file.path}` : `in ${file.path} ${location}`;
}

function invalidSpec(issues: readonly ValidationIssue[], file: ConfigFile | undefined): ConfigError {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new ConfigError({
    code: 'CONFIG_INVALID',
    message: `${file === undefined ? 'The deployment spec' : file.path} has ${count}`,
    hint: 'Fix each field listed; `gm config schema` describes every field and `gm config sample` shows a valid spec.',
    issues,
  });
}

/**
 * Builds the deployment spec from its sources — flags > `GM_*` environment > config file > defaults — and
 * validates it. Throws ConfigError (exit 3): CONFIG_NOT_FOUND, CONFIG_PARSE, or CONFIG_INVALID with every issue,
 * each saying which file line, variable or flag it came from.
 */
export async function loadSpec(options: LoadSpecOptions): Promise<LoadedSpec> {
  const file = options.configFile === undefined ? undefined : await readConfigFile(options.configFile);
  if (file !== undefined && !isRecord(file.data)) {
    const check = validateSpec(file.data);
    throw invalidSpec(check.ok ? [] : check.issues.map((issue) => ({ ...issue, message: `${file.path}: ${issue.message}` })), file);
  }
  const env = specFromEnv(options.env);
  const layers = mergeLayers([
    { source: 'file', values: (file?.data ?? {}) as Record<string, unknown> },
    { source: 'env', values: env.values },
    { source: 'flag', values: options.flags },
  ]);
  const result = validateSpec(layers.merged);
  if (env.issues.length > 0 || !result.ok) {
    // Environment issues already name their variable; validation issues get told where the value came from.
    const validationIssues = (result.ok ? [] : result.issues).map((issue) => {
      const where = origin(issue, layers, env, file);
      return where === undefined ? issue : { ...issue, message: `${issue.message} (${where})` };
    });
    throw invalidSpec([...env.issues, ...validationIssues], file);
  }
  const { sources } = layers;
  const orderedSources = Object.fromEntries(SPEC_FIELDS.filter((field) => sources[field] !== undefined).map((field) => [field, sources[field]]));
  return { spec: result.spec, sources: orderedSources, envVariables: env.variables };
}
