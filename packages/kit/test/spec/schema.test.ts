import { Ajv2020 } from 'ajv/dist/2020.js';
import { FIELD_DOCS, SPEC_DEFAULTS, SPEC_FIELDS, knownInstanceTypes, knownRegions, specJsonSchema, validateSpec } from '@geusemaker/kit/spec';
import type { DeploymentSpec } from '@geusemaker/kit/spec';

type Schema = {
  $schema: string;
  additionalProperties: boolean;
  required: string[];
  properties: Record<string, { description?: string; default?: unknown; enum?: string[]; items?: { enum?: string[] }; additionalProperties?: unknown }>;
};

const schema = specJsonSchema() as Schema;

describe('the DeploymentSpec JSON Schema', () => {
  it('is draft 2020-12 and passes the meta-schema in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('declares exactly the spec fields (plus $schema for editors), each described; unknown fields are errors', () => {
    expect(Object.keys(schema.properties)).toEqual(['$schema', ...SPEC_FIELDS]);
    expect(Object.keys(FIELD_DOCS)).toEqual([...SPEC_FIELDS]);
    for (const field of SPEC_FIELDS) expect(schema.properties[field]?.description).toBe(FIELD_DOCS[field].description);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.images?.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name']);
  });

  it('carries the same defaults the loader applies', () => {
    const defaults = Object.fromEntries(SPEC_FIELDS.filter((field) => schema.properties[field]?.default !== undefined).map((field) => [field, schema.properties[field]?.default]));
    expect(defaults).toEqual(SPEC_DEFAULTS);
  });

  it('lists the bundled regions and instance types for editor completion', () => {
    expect(schema.properties.region?.enum).toEqual(knownRegions());
    expect(schema.properties.instanceTypes?.items?.enum).toEqual(knownInstanceTypes());
  });

  it('hands out copies: changing one does not change validation', () => {
    const copy = specJsonSchema() as Schema;
    copy.required.push('budget');
    expect(validateSpec({ name: 'demo' }).ok).toBe(true);
    expect((specJsonSchema() as Schema).required).toEqual(['name']);
  });

  it('accepts every field of the TypeScript type', () => {
    const full: Required<DeploymentSpec> = {
      name: 'full',
      tier: 'tier2',
      region: 'us-west-2',
      instanceTypes: ['m7i.large'],
      market: 'on-demand',
      maxHourlyPrice: 0.2,
      budget: 100,
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-01234567', 'subnet-89abcdef'],
      securityGroupId: 'sg-01234567',
      efsId: 'fs-0123456789abcdef0',
      keyName: 'ops',
      sshCidr: '203.0.113.0/24',
      allowedCidr: '0.0.0.0/0',
      cidr: '10.0.0.0/24',
      tags: { env: 'prod' },
      models: [],
      images: { postgres: 'postgres:16.4-alpine', crawl4ai: 'unclecode/crawl4ai:0.6.3' },
    };
    expect(validateSpec(full)).toEqual({ ok: true, spec: full });
  });
});
