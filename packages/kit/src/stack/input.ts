import { ConfigError } from '../errors/index.js';
import type { ValidationIssue } from '../errors/index.js';
import { SERVICES, TIERS } from '../spec/types.js';
import type { ServiceName, Tier } from '../spec/types.js';
import { INSTANCE_PATHS, STACK_OSES, TLS_MODES } from './types.js';
import type { StackInput, StackOs, TlsMode } from './types.js';
import { STACK_SERVICES } from './versions.js';

/**
 * Building and checking a StackInput. Every value that ends up inside the bash UserData is checked against a
 * pattern that admits no quote, space, `$` or backtick: the renderers embed them verbatim, so this is what keeps
 * the script injection-free even when a caller skipped spec validation.
 */

export interface StackInputOptions {
  name: string;
  tier: Tier;
  region: string;
  efsFileSystemId: string;
  models?: readonly string[];
  images?: Partial<Record<ServiceName, string>>;
  /** Default: `dlami` when the GPU is used, else `al2023`. */
  os?: StackOs;
  /** Default: true for tier3. */
  gpu?: boolean;
  /** Default: `internal` for tier1, `behind-alb` for tier2/3. */
  tlsMode?: TlsMode;
  publicUrl?: string;
}

/** The SSM path holding a deployment's secrets; the instance role's policy is scoped to it. */
export function ssmPrefixFor(name: string): string {
  return `/geusemaker/${name}/`;
}

export function createStackInput(options: StackInputOptions): StackInput {
  const gpu = options.gpu ?? options.tier === 'tier3';
  const input: StackInput = {
    name: options.name,
    tier: options.tier,
    region: options.region,
    efsMountPoint: INSTANCE_PATHS.efsMountPoint,
    efsFileSystemId: options.efsFileSystemId,
    ssmParameterPrefix: ssmPrefixFor(options.name),
    models: [...(options.models ?? [])],
    images: { ...options.images },
    os: options.os ?? (gpu ? 'dlami' : 'al2023'),
    gpu,
    tlsMode: options.tlsMode ?? (options.tier === 'tier1' ? 'internal' : 'behind-alb'),
  };
  return options.publicUrl === undefined ? input : { ...input, publicUrl: options.publicUrl };
}

/** The image a service runs: the override if any, else the pinned default. */
export function imageFor(input: StackInput, service: ServiceName): string {
  return input.images[service] ?? STACK_SERVICES[service].image;
}

const PATTERNS = {
  name: /^[a-z][a-z0-9-]{0,27}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
  efsId: /^fs-([0-9a-f]{8}|[0-9a-f]{17})$/,
  path: /^(\/[A-Za-z0-9_.-]+)+$/,
  ssmPrefix: /^(\/[A-Za-z0-9_.-]+)+\/$/,
  model: /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*){0,2}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$/,
  /** [registry[:port]/]path then :tag and/or @sha256:digest — one of the two is required. */
  image:
    /^[a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
  url: /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/,
} as const;

function issue(pointer: string, message: string, fix: string): ValidationIssue {
  return { pointer, message, fix };
}

function scalarIssues(input: StackInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = (ok: boolean, pointer: string, message: string, fix: string): void => {
    if (!ok) issues.push(issue(pointer, message, fix));
  };
  check(PATTERNS.name.test(input.name), '/name', `"${input.name}" is not a deployment name`, 'Use 1–28 lowercase letters, digits and hyphens, starting with a letter.');
  check((TIERS as readonly string[]).includes(input.tier), '/tier', `unknown tier "${input.tier}"`, `Use one of ${TIERS.join(', ')}.`);
  check(PATTERNS.region.test(input.region), '/region', `"${input.region}" is not an AWS region`, 'Use a region code such as eu-west-1.');
  check(PATTERNS.efsId.test(input.efsFileSystemId), '/efsFileSystemId', `"${input.efsFileSystemId}" is not an EFS file system id`, 'Use an id such as fs-0123456789abcdef0.');
  check(PATTERNS.path.test(input.efsMountPoint) && !input.efsMountPoint.includes('..'), '/efsMountPoint', `"${input.efsMountPoint}" is not a safe absolute path`, 'Use /mnt/efs.');
  check(PATTERNS.ssmPrefix.test(input.ssmParameterPrefix), '/ssmParameterPrefix', `"${input.ssmParameterPrefix}" is not an SSM path`, 'Use /geusemaker/<name>/.');
  check((STACK_OSES as readonly string[]).includes(input.os), '/os', `unknown OS "${input.os}"`, `Use one of ${STACK_OSES.join(', ')}.`);
  check((TLS_MODES as readonly string[]).includes(input.tlsMode), '/tlsMode', `unknown TLS mode "${input.tlsMode}"`, `Use one of ${TLS_MODES.join(', ')}.`);
  check(!input.gpu || input.os === 'dlami', '/gpu', `the GPU needs the Deep Learning AMI, not ${input.os}`, 'Use os "dlami" with gpu, or turn gpu off.');
  check(input.publicUrl === undefined || PATTERNS.url.test(input.publicUrl), '/publicUrl', `"${input.publicUrl}" is not a plain http(s) URL`, 'Use a URL such as https://example.com/.');
  return issues;
}

function listIssues(input: StackInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  input.models.forEach((model, index) => {
    if (!PATTERNS.model.test(model)) {
      issues.push(issue(`/models/${index}`, `"${model}" is not an Ollama model name`, 'Use a name such as llama3.2:3b.'));
    }
  });
  if (new Set(input.models).size !== input.models.length) {
    issues.push(issue('/models', 'a model is listed twice', 'List each model once.'));
  }
  for (const [service, image] of Object.entries(input.images)) {
    const pointer = `/images/${service}`;
    if (!(SERVICES as readonly string[]).includes(service)) {
      issues.push(issue(pointer, `unknown service "${service}"`, `Use one of ${SERVICES.join(', ')}.`));
    } else if (image === undefined || !PATTERNS.image.test(image) || !/[:@]/.test(image.replace(/^[^/]*:\d+\//, ''))) {
      issues.push(issue(pointer, `"${image}" is not a pinned image reference`, 'Use repository:tag or repository@sha256:digest.'));
    } else if (/:latest(@|$)/.test(image)) {
      issues.push(issue(pointer, `"${image}" uses the :latest tag`, 'Pin an explicit version tag.'));
    }
  }
  return issues;
}

export function stackInputIssues(input: StackInput): ValidationIssue[] {
  return [...scalarIssues(input), ...listIssues(input)];
}

/** Throws a ConfigError naming every problem; the renderers call it first. */
export function assertValidStackInput(input: StackInput): void {
  const issues = stackInputIssues(input);
  if (issues.length > 0) {
    throw new ConfigError({
      code: 'STACK_INPUT_INVALID',
      message: `Cannot render the stack: ${issues.map((found) => `${found.pointer} ${found.message}`).join('; ')}`,
      hint: 'Fix the deployment spec fields named above.',
      issues,
    });
  }
}
