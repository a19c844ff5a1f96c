import { FIELD_DOCS } from './field-docs.js';
import { knownInstanceTypes } from './instance-types.js';
import { knownRegions } from './regions.js';
import { MARKETS, SERVICES, SPEC_DEFAULTS, TIERS } from './types.js';
import type { SpecField } from './types.js';

/**
 * The DeploymentSpec as a JSON Schema (draft 2020-12). It is the single source of truth for the shape of a spec:
 * ajv validates with it and editors use it (`gm config schema`) for completion and inline errors. Checks a schema
 * cannot express well (CIDR alignment, tier/GPU consistency) live in `semantic.ts`.
 */

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_ID = 'urn:geusemaker:deployment-spec:v1';

/** At most 50 tags per AWS resource; gm adds 6 of its own (gm:managed-by, gm:deployment, …, Name). */
export const MAX_USER_TAGS = 44;

/** AWS ids: a prefix and 8 (older) or 17 lowercase hex digits. */
const awsId = (prefix: string): string => `^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`;

export const PATTERNS = {
  name: '^[a-z][a-z0-9-]*$',
  cidr: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$',
  vpcId: awsId('vpc'),
  subnetId: awsId('subnet'),
  securityGroupId: awsId('sg'),
  efsId: awsId('fs'),
  keyName: '^[\\x20-\\x7E]+$',
  /** The characters AWS allows in tag keys and values. */
  tagText: '^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$',
  reservedTagPrefix: '^([gG][mM]|[aA][wW][sS]):',
  model: '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*){0,2}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$',
  /** [registry[:port]/]path:tag, path@sha256:digest or both; a tag of exactly `latest` is refused. */
  image:
    '^[a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*' +
    '(:(?!latest(@|$))[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$',
} as const;

type JsonSchema = Record<string, unknown>;

function field(name: SpecField, schema: JsonSchema): JsonSchema {
  const doc = FIELD_DOCS[name];
  const defaults: Record<string, unknown> = SPEC_DEFAULTS;
  const withDefault = Object.hasOwn(defaults, name) ? { default: defaults[name] } : {};
  return { description: doc.description, ...schema, ...withDefault };
}

const cidrString = { type: 'string', pattern: PATTERNS.cidr };

function idList(pattern: string): JsonSchema {
  return { type: 'array', items: { type: 'string', pattern }, minItems: 1, uniqueItems: true };
}

const tagsSchema: JsonSchema = {
  type: 'object',
  maxProperties: MAX_USER_TAGS,
  propertyNames: { minLength: 1, maxLength: 128, pattern: PATTERNS.tagText, not: { pattern: PATTERNS.reservedTagPrefix } },
  additionalProperties: { type: 'string', maxLength: 256, pattern: PATTERNS.tagText },
};

const imagesSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(SERVICES.map((service) => [service, { type: 'string', maxLength: 255, pattern: PATTERNS.image }])),
};

function properties(): Record<string, JsonSchema> {
  return {
    $schema: { type: 'string', description: 'The JSON Schema this file follows, for editors. Ignored by gm.' },
    name: field('name', { type: 'string', minLength: 1, maxLength: 28, pattern: PATTERNS.name }),
    tier: field('tier', { enum: [...TIERS] }),
    region: field('region', { enum: knownRegions() }),
    instanceTypes: field('instanceTypes', { type: 'array', items: { enum: knownInstanceTypes() }, minItems: 1, maxItems: 20, uniqueItems: true }),
    market: field('market', { enum: [...MARKETS] }),
    maxHourlyPrice: field('maxHourlyPrice', { type: 'number', exclusiveMinimum: 0 }),
    budget: field('budget', { type: 'number', exclusiveMinimum: 0 }),
    vpcId: field('vpcId', { type: 'string', pattern: PATTERNS.vpcId }),
    subnetIds: field('subnetIds', idList(PATTERNS.subnetId)),
    securityGroupId: field('securityGroupId', { type: 'string', pattern: PATTERNS.securityGroupId }),
    efsId: field('efsId', { type: 'string', pattern: PATTERNS.efsId }),
    keyName: field('keyName', { type: 'string', minLength: 1, maxLength: 255, pattern: PATTERNS.keyName }),
    sshCidr: field('sshCidr', cidrString),
    allowedCidr: field('allowedCidr', cidrString),
    cidr: field('cidr', cidrString),
    tags: field('tags', tagsSchema),
    models: field('models', { type: 'array', items: { type: 'string', maxLength: 200, pattern: PATTERNS.model }, maxItems: 20, uniqueItems: true }),
    images: field('images', imagesSchema),
  };
}

let cached: JsonSchema | undefined;

/** The schema object used for validation. Shared: never mutate it (specJsonSchema() hands out copies). */
export function deploymentSpecSchema(): JsonSchema {
  cached ??= {
    $schema: SCHEMA_DIALECT,
    $id: SCHEMA_ID,
    title: 'GeuseMaker deployment spec',
    description: 'What `gm deploy` builds. Values from flags and GM_* environment variables override the file.',
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: properties(),
  };
  return cached;
}

/** A copy of the JSON Schema, for `gm config schema` and editors. */
export function specJsonSchema(): JsonSchema {
  return structuredClone(deploymentSpecSchema());
}
