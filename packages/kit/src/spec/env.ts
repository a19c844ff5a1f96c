import type { ValidationIssue } from '../errors/index.js';
import type { DeploymentSpecInput, SpecField } from './types.js';

/**
 * The `GM_*` environment variables that set spec fields. Values are strings; they are coerced here (lists split
 * on commas, numbers parsed) and a value that cannot be coerced is an issue that names the variable.
 */
type EnvKind = 'string' | 'list' | 'number';

interface EnvVariable {
  readonly name: string;
  readonly field: SpecField;
  readonly kind: EnvKind;
}

export const ENV_VARIABLES: readonly EnvVariable[] = [
  { name: 'GM_NAME', field: 'name', kind: 'string' },
  { name: 'GM_TIER', field: 'tier', kind: 'string' },
  { name: 'GM_REGION', field: 'region', kind: 'string' },
  { name: 'GM_INSTANCE_TYPE', field: 'instanceTypes', kind: 'list' },
  { name: 'GM_MARKET', field: 'market', kind: 'string' },
  { name: 'GM_MAX_HOURLY_PRICE', field: 'maxHourlyPrice', kind: 'number' },
  { name: 'GM_BUDGET', field: 'budget', kind: 'number' },
  { name: 'GM_VPC_ID', field: 'vpcId', kind: 'string' },
  { name: 'GM_SUBNET_IDS', field: 'subnetIds', kind: 'list' },
  { name: 'GM_SECURITY_GROUP_ID', field: 'securityGroupId', kind: 'string' },
  { name: 'GM_EFS_ID', field: 'efsId', kind: 'string' },
  { name: 'GM_KEY_NAME', field: 'keyName', kind: 'string' },
  { name: 'GM_SSH_CIDR', field: 'sshCidr', kind: 'string' },
  { name: 'GM_ALLOWED_CIDR', field: 'allowedCidr', kind: 'string' },
  { name: 'GM_CIDR', field: 'cidr', kind: 'string' },
];

export interface EnvSpec {
  readonly values: DeploymentSpecInput;
  /** The variable each value came from, for messages ("from GM_BUDGET"). */
  readonly variables: Partial<Record<SpecField, string>>;
  readonly issues: ValidationIssue[];
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

function coerce(variable: EnvVariable, raw: string): { value: unknown } | { issue: ValidationIssue } {
  if (variable.kind === 'list') return { value: raw.split(',').map((item) => item.trim()).filter((item) => item !== '') };
  if (variable.kind === 'string') return { value: raw };
  const number = Number(raw);
  if (Number.isFinite(number)) return { value: number };
  return {
    issue: {
      pointer: `/${variable.field}`,
      message: `${variable.name} must be a number, got '${raw}'`,
      fix: `set ${variable.name} to a number of US dollars, e.g. ${variable.name}=${variable.field === 'budget' ? '50' : '0.1'}`,
    },
  };
}

/** GM_SPOT=true|false is shorthand for GM_MARKET=spot|on-demand; both set and disagreeing is an issue. */
function spotMarket(env: NodeJS.ProcessEnv, market: unknown): { value?: 'spot' | 'on-demand'; issue?: ValidationIssue } {
  const raw = env.GM_SPOT?.trim();
  if (raw === undefined || raw === '') return {};
  const word = raw.toLowerCase();
  const value = TRUE_WORDS.includes(word) ? 'spot' : FALSE_WORDS.includes(word) ? 'on-demand' : undefined;
  if (value === undefined) {
    return { issue: { pointer: '/market', message: `GM_SPOT must be true or false, got '${raw}'`, fix: 'set GM_SPOT=true (spot only) or GM_SPOT=false (on-demand), or use GM_MARKET=auto|spot|on-demand' } };
  }
  if (market !== undefined && market !== value) {
    return { issue: { pointer: '/market', message: `GM_SPOT=${raw} conflicts with GM_MARKET=${String(market)}`, fix: 'unset one of GM_SPOT and GM_MARKET' } };
  }
  return { value };
}

/** The spec fields set by `GM_*` variables. Empty variables count as unset. */
export function specFromEnv(env: NodeJS.ProcessEnv): EnvSpec {
  const values: Record<string, unknown> = {};
  const variables: Partial<Record<SpecField, string>> = {};
  const issues: ValidationIssue[] = [];
  for (const variable of ENV_VARIABLES) {
    const raw = env[variable.name]?.trim();
    if (raw === undefined || raw === '') continue;
    const result = coerce(variable, raw);
    if ('issue' in result) {
      issues.push(result.issue);
      continue;
    }
    values[variable.field] = result.value;
    variables[variable.field] = variable.name;
  }
  const spot = spotMarket(env, values.market);
  if (spot.issue !== undefined) issues.push(spot.issue);
  if (spot.value !== undefined && values.market === undefined) {
    values.market = spot.value;
    variables.market = 'GM_SPOT';
  }
  return { values: values as DeploymentSpecInput, variables, issues };
}
