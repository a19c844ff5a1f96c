import { checkIpv4Cidr } from './cidr.js';
import { knownInstanceTypes } from './instance-types.js';
import { knownRegions } from './regions.js';
import { didYouMean, joinSentences } from './suggest.js';
import { showValue } from './pointer.js';
import { SERVICES } from './types.js';

/**
 * Field-specific words for schema failures where the generic ajv translation ("must match pattern …") would not tell
 * a user what to do. Keyed by `<top-level field>:<keyword>`.
 */
export interface IssueContext {
  readonly field: string | undefined;
  readonly keyword: string;
  readonly label: string;
  readonly value: unknown;
  /** True when the failing value is an object key (tags' propertyNames), not a value. */
  readonly isKey: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface IssueText {
  readonly message: string;
  readonly fix: string;
  /** A more precise pointer than the failing schema keyword's (e.g. the later of two duplicate items). */
  readonly pointer?: string;
}

type FieldText = (context: IssueContext) => IssueText;

const TAG_CHARS = 'letters, digits, spaces and _ . : / = + - @';

/** Best effort `My App!` → `my-app`, for the fix of an invalid name. */
export function suggestName(value: string): string {
  const slug = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 28)
    .replace(/-+$/, '');
  return slug === '' ? 'my-ai-stack' : slug;
}

function idText(kind: string, prefix: string, discover: string): FieldText {
  const article = /^[AEIOU]/.test(kind) ? 'an' : 'a';
  return ({ label, value }) => ({
    message: `${label} ${showValue(value)} is not ${article} ${kind} id`,
    fix: `${kind} ids look like ${prefix}-0123456789abcdef0 (${prefix}- then 8 or 17 lowercase hex digits); \`${discover}\` lists yours`,
  });
}

const cidrText: FieldText = ({ label, value }) => {
  const check = checkIpv4Cidr(String(value));
  if (check.ok) return { message: `${label} ${showValue(value)} is not an IPv4 CIDR`, fix: 'write it as a.b.c.d/n' };
  return { message: `${label} ${check.problem}`, fix: check.fix };
};

function imageProblem(value: string): string {
  const lastSegment = value.split('/').at(-1) ?? value;
  if (/:latest(@|$)/.test(lastSegment)) return 'uses the floating tag :latest';
  if (!lastSegment.includes(':') && !lastSegment.includes('@')) return 'has no version tag';
  return 'is not a valid image reference';
}

const FAMILIES = [...new Set(knownInstanceTypes().map((type) => type.split('.')[0]))].join(', ');

const FIELD_TEXTS: Readonly<Record<string, FieldText>> = {
  'name:pattern': ({ label, value }) => ({
    message: `${label} ${showValue(value)} may contain only lowercase letters, digits and hyphens, and must start with a letter`,
    fix: `use a name like '${suggestName(String(value))}'`,
  }),
  'name:maxLength': ({ label, value }) => ({
    message: `${label} ${showValue(value)} is ${String(value).length} characters long; the limit is 28 (ALB and IAM names add suffixes)`,
    fix: `shorten it, e.g. '${suggestName(String(value))}'`,
  }),
  'name:minLength': ({ label }) => ({ message: `${label} is empty`, fix: "set a name such as 'my-ai-stack'" }),
  'region:enum': ({ label, value }) => ({
    message: `${label} ${showValue(value)} is not an AWS region`,
    fix: joinSentences(didYouMean(String(value), knownRegions()), 'Use a region name such as us-east-1 (`gm config schema` lists them all).'),
  }),
  'instanceTypes:enum': ({ label, value }) => ({
    message: `${label} ${showValue(value)} is not an instance type gm knows`,
    fix: joinSentences(didYouMean(String(value), knownInstanceTypes()), `gm knows these families: ${FAMILIES}.`),
  }),
  'sshCidr:pattern': cidrText,
  'allowedCidr:pattern': cidrText,
  'cidr:pattern': cidrText,
  'vpcId:pattern': idText('VPC', 'vpc', 'gm discover vpcs'),
  'subnetIds:pattern': idText('subnet', 'subnet', 'gm discover subnets'),
  'securityGroupId:pattern': idText('security group', 'sg', 'gm discover security-groups'),
  'efsId:pattern': idText('EFS file system', 'fs', 'gm discover efs'),
  'keyName:pattern': ({ label, value }) => ({
    message: `${label} ${showValue(value)} has characters EC2 does not allow in key pair names`,
    fix: 'use printable ASCII characters; `gm discover key-pairs` lists yours',
  }),
  'tags:pattern': ({ label, value, isKey }) => ({
    message: `${isKey ? 'tag key' : label} ${showValue(value)} has characters AWS does not allow in tags`,
    fix: `use only ${TAG_CHARS}`,
  }),
  'tags:not': ({ value }) => ({
    message: `tag key ${showValue(value)} uses a reserved prefix ('gm:' is set by gm itself, 'aws:' by AWS)`,
    fix: `rename the key without the prefix, e.g. '${String(value).replace(/^[^:]*:/, '')}'`,
  }),
  'tags:maxLength': ({ label, value, isKey, params }) => ({
    message: `${isKey ? 'tag key' : label} ${showValue(value)} is longer than ${String(params.limit)} characters`,
    fix: `shorten it to at most ${String(params.limit)} characters (AWS limit)`,
  }),
  'tags:minLength': () => ({ message: 'a tag key is empty', fix: 'give the tag a key, e.g. owner: alice' }),
  'tags:maxProperties': ({ label, params }) => ({
    message: `${label} has more than ${String(params.limit)} tags`,
    fix: `keep at most ${String(params.limit)}: AWS allows 50 tags per resource and gm adds 6 of its own`,
  }),
  'models:pattern': ({ label, value }) => ({
    message: `${label} ${showValue(value)} is not an Ollama model name`,
    fix: 'write it as name or name:tag, e.g. llama3.2:1b or qwen2.5:7b',
  }),
  'images:pattern': ({ label, value }) => ({
    message: `${label} ${showValue(value)} ${imageProblem(String(value))}`,
    fix: 'pin an explicit version, e.g. repository:1.2.3 or repository@sha256:<digest>; never :latest',
  }),
  'images:additionalProperties': ({ value }) => ({
    message: `unknown service ${showValue(value)} in images`,
    fix: joinSentences(didYouMean(String(value), SERVICES), `Images can be overridden for: ${SERVICES.join(', ')}.`),
  }),
};

export function fieldText(context: IssueContext): IssueText | undefined {
  return FIELD_TEXTS[`${context.field ?? ''}:${context.keyword}`]?.(context);
}
