import { validateSpec } from '@geusemaker/kit/spec';
import type { ValidationIssue } from '@geusemaker/kit/errors';

function issuesOf(doc: unknown): ValidationIssue[] {
  const result = validateSpec(doc);
  if (result.ok) throw new Error(`expected issues, got a valid spec: ${JSON.stringify(result.spec)}`);
  return result.issues;
}

const FIELDS =
  'name, tier, region, instanceTypes, market, maxHourlyPrice, budget, vpcId, subnetIds, securityGroupId, efsId, keyName, sshCidr, allowedCidr, cidr, tags, models, images';

describe('validateSpec: a valid spec', () => {
  it('fills in every default, keys in declaration order', () => {
    expect(validateSpec({ name: 'demo' })).toEqual({
      ok: true,
      spec: { name: 'demo', tier: 'tier1', market: 'auto', allowedCidr: '0.0.0.0/0', cidr: '10.42.0.0/16', tags: {}, models: ['llama3.2:1b'], images: {} },
    });
  });

  it('keeps every field given and drops the editor-only $schema key', () => {
    const doc = {
      $schema: './gm.schema.json',
      name: 'a1-b2',
      tier: 'tier3',
      region: 'eu-central-1',
      instanceTypes: ['g5.xlarge', 'g4dn.xlarge'],
      market: 'spot',
      maxHourlyPrice: 1.5,
      budget: 300,
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-01234567', 'subnet-0fedcba9876543210'],
      securityGroupId: 'sg-0123456789abcdef0',
      efsId: 'fs-01234567',
      keyName: 'my key',
      sshCidr: '203.0.113.7/32',
      allowedCidr: '198.51.100.0/24',
      cidr: '10.1.0.0/20',
      tags: { owner: 'alice', 'cost center': 'rd-42', 'team/ai': 'a+b=c@d' },
      models: ['llama3.2:1b', 'qwen2.5:7b', 'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M'],
      images: { n8n: 'n8nio/n8n:1.2.3', ollama: 'ollama/ollama@sha256:' + 'a'.repeat(64), proxy: 'localhost:5000/caddy:2.8-alpine' },
    };
    const result = validateSpec(doc);
    const { $schema: _ignored, ...expected } = doc;
    expect(result).toEqual({ ok: true, spec: expected });
  });

  it('does not modify the document it is given', () => {
    const doc = { name: 'demo' };
    validateSpec(doc);
    expect(doc).toEqual({ name: 'demo' });
  });
});

describe('validateSpec: schema issues, translated', () => {
  it('the document itself must be a mapping', () => {
    const fix = 'start from `gm config sample`: one field per line, e.g. name: my-ai-stack';
    expect(issuesOf(['name'])).toEqual([{ pointer: '', message: 'the config must be a mapping of fields, got a list', fix }]);
    expect(issuesOf(null)).toEqual([{ pointer: '', message: 'the config must be a mapping of fields, got nothing', fix }]);
    expect(issuesOf('name: x')).toEqual([{ pointer: '', message: 'the config must be a mapping of fields, got a string', fix }]);
  });

  it('a missing name', () => {
    expect(issuesOf({})).toEqual([
      { pointer: '/name', message: "missing required field 'name'", fix: 'add it (e.g. name: my-ai-stack) (or pass --name, or set GM_NAME)' },
    ]);
  });

  it('an unknown field, with the allowed list and a suggestion', () => {
    expect(issuesOf({ name: 'demo', instancetype: 't3.large', colour: 'red' })).toEqual([
      { pointer: '/instancetype', message: "unknown field 'instancetype'", fix: `Did you mean 'instanceTypes'? Remove it; the allowed fields are: ${FIELDS}.` },
      { pointer: '/colour', message: "unknown field 'colour'", fix: `Remove it; the allowed fields are: ${FIELDS}.` },
    ]);
  });

  it('wrong types name the expected type and what was given', () => {
    expect(issuesOf({ name: 'demo', budget: '50', maxHourlyPrice: 'cheap', instanceTypes: 't3.large', tags: ['a'] })).toEqual([
      { pointer: '/instanceTypes', message: "instanceTypes must be an array, got string 't3.large'", fix: 'write an array (e.g. instanceTypes: [t3.large, t3a.large])' },
      { pointer: '/maxHourlyPrice', message: "maxHourlyPrice must be a number, got string 'cheap'", fix: 'write a number (e.g. maxHourlyPrice: 0.1)' },
      { pointer: '/budget', message: "budget must be a number, got string '50'", fix: 'remove the quotes: write 50 as a number' },
      { pointer: '/tags', message: 'tags must be an object, got an array', fix: 'write an object (e.g. tags: { owner: alice, project: ai-stack })' },
    ]);
  });

  it('enums list the allowed values and suggest the closest', () => {
    expect(issuesOf({ name: 'demo', tier: 'tier4', market: 'ondemand' })).toEqual([
      { pointer: '/tier', message: "tier must be one of tier1, tier2, tier3, got 'tier4'", fix: "Did you mean 'tier1'? Use one of: tier1, tier2, tier3." },
      { pointer: '/market', message: "market must be one of auto, spot, on-demand, got 'ondemand'", fix: "Did you mean 'on-demand'? Use one of: auto, spot, on-demand." },
    ]);
  });

  it('invalid names: characters, length, emptiness', () => {
    expect(issuesOf({ name: 'My_App' })).toEqual([
      { pointer: '/name', message: "name 'My_App' may contain only lowercase letters, digits and hyphens, and must start with a letter", fix: "use a name like 'my-app'" },
    ]);
    expect(issuesOf({ name: '1st' })[0]?.fix).toBe("use a name like 'st'");
    expect(issuesOf({ name: 'a-very-long-deployment-name-indeed' })).toEqual([
      {
        pointer: '/name',
        message: "name 'a-very-long-deployment-name-indeed' is 34 characters long; the limit is 28 (ALB and IAM names add suffixes)",
        fix: "shorten it, e.g. 'a-very-long-deployment-name'",
      },
    ]);
    expect(issuesOf({ name: '' })).toEqual([
      { pointer: '/name', message: 'name is empty', fix: "set a name such as 'my-ai-stack'" },
      { pointer: '/name', message: "name '' may contain only lowercase letters, digits and hyphens, and must start with a letter", fix: "use a name like 'my-ai-stack'" },
    ]);
  });

  it('numbers must be positive', () => {
    expect(issuesOf({ name: 'demo', budget: -5, maxHourlyPrice: 0 })).toEqual([
      { pointer: '/maxHourlyPrice', message: 'maxHourlyPrice must be greater than 0, got 0', fix: 'use a positive number (e.g. maxHourlyPrice: 0.1)' },
      { pointer: '/budget', message: 'budget must be greater than 0, got -5', fix: 'use a positive number (e.g. budget: 50)' },
    ]);
  });

  it('unknown regions and instance types, with "did you mean"', () => {
    expect(issuesOf({ name: 'demo', region: 'us-east-7', instanceTypes: ['t3.larg', 'x9.huge'] })).toEqual([
      { pointer: '/region', message: "region 'us-east-7' is not an AWS region", fix: "Did you mean 'us-east-1'? Use a region name such as us-east-1 (`gm config schema` lists them all)." },
      {
        pointer: '/instanceTypes/0',
        message: "instanceTypes[0] 't3.larg' is not an instance type gm knows",
        fix: "Did you mean 't3.large'? gm knows these families: c7i, g4dn, g5, g6, g6e, m6i, m7g, m7i, r7i, t3, t3a, t4g.",
      },
      {
        pointer: '/instanceTypes/1',
        message: "instanceTypes[1] 'x9.huge' is not an instance type gm knows",
        fix: 'gm knows these families: c7i, g4dn, g5, g6, g6e, m6i, m7g, m7i, r7i, t3, t3a, t4g.',
      },
    ]);
  });

  it('lists: duplicates and emptiness', () => {
    expect(issuesOf({ name: 'demo', instanceTypes: ['t3.large', 't3a.large', 't3.large'], subnetIds: [] })).toEqual([
      { pointer: '/instanceTypes/2', message: "instanceTypes[2] 't3.large' repeats instanceTypes[0]", fix: 'remove the duplicate instanceTypes[2]' },
      { pointer: '/subnetIds', message: 'subnetIds must list at least 1 item(s), got none', fix: 'add a value, or remove the field to use the default' },
    ]);
  });

  it('AWS ids are checked by pattern', () => {
    expect(issuesOf({ name: 'demo', vpcId: 'vpc-123', subnetIds: ['subnet-0123456789abcdef0', 'sub-1'], securityGroupId: 'sg-XYZ', efsId: 'efs-01234567' })).toEqual([
      {
        pointer: '/vpcId',
        message: "vpcId 'vpc-123' is not a VPC id",
        fix: 'VPC ids look like vpc-0123456789abcdef0 (vpc- then 8 or 17 lowercase hex digits); `gm discover vpcs` lists yours',
      },
      {
        pointer: '/subnetIds/1',
        message: "subnetIds[1] 'sub-1' is not a subnet id",
        fix: 'subnet ids look like subnet-0123456789abcdef0 (subnet- then 8 or 17 lowercase hex digits); `gm discover subnets` lists yours',
      },
      {
        pointer: '/securityGroupId',
        message: "securityGroupId 'sg-XYZ' is not a security group id",
        fix: 'security group ids look like sg-0123456789abcdef0 (sg- then 8 or 17 lowercase hex digits); `gm discover security-groups` lists yours',
      },
      {
        pointer: '/efsId',
        message: "efsId 'efs-01234567' is not an EFS file system id",
        fix: 'EFS file system ids look like fs-0123456789abcdef0 (fs- then 8 or 17 lowercase hex digits); `gm discover efs` lists yours',
      },
    ]);
  });

  it('tags: reserved prefixes, characters, lengths and count', () => {
    const tags = { 'gm:owner': 'me', 'AWS:x': 'y', 'bad!': 'v', ok: 'bad#value', ['k'.repeat(129)]: 'v', long: 'v'.repeat(257) };
    expect(issuesOf({ name: 'demo', tags })).toEqual([
      { pointer: '/tags/gm:owner', message: "tag key 'gm:owner' uses a reserved prefix ('gm:' is set by gm itself, 'aws:' by AWS)", fix: "rename the key without the prefix, e.g. 'owner'" },
      { pointer: '/tags/AWS:x', message: "tag key 'AWS:x' uses a reserved prefix ('gm:' is set by gm itself, 'aws:' by AWS)", fix: "rename the key without the prefix, e.g. 'x'" },
      { pointer: '/tags/bad!', message: "tag key 'bad!' has characters AWS does not allow in tags", fix: 'use only letters, digits, spaces and _ . : / = + - @' },
      { pointer: `/tags/${'k'.repeat(129)}`, message: `tag key '${'k'.repeat(60)}…' is longer than 128 characters`, fix: 'shorten it to at most 128 characters (AWS limit)' },
      { pointer: '/tags/ok', message: "tags.ok 'bad#value' has characters AWS does not allow in tags", fix: 'use only letters, digits, spaces and _ . : / = + - @' },
      { pointer: '/tags/long', message: `tags.long '${'v'.repeat(60)}…' is longer than 256 characters`, fix: 'shorten it to at most 256 characters (AWS limit)' },
    ]);
    const tooMany = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, 'v']));
    expect(issuesOf({ name: 'demo', tags: tooMany })).toEqual([
      { pointer: '/tags', message: 'tags has more than 44 tags', fix: 'keep at most 44: AWS allows 50 tags per resource and gm adds 6 of its own' },
    ]);
  });

  it('tag keys with / are escaped in the pointer', () => {
    expect(issuesOf({ name: 'demo', tags: { 'a/b': 1 } })).toEqual([{ pointer: '/tags/a~1b', message: "tags['a/b'] must be a string, got number 1", fix: 'write a string' }]);
  });

  it('models and images', () => {
    const images = { n8n: 'n8nio/n8n', ollama: 'ollama/ollama:latest', qdrant: 'Qdrant/Qdrant:1.0', redis: 'redis:7' };
    expect(issuesOf({ name: 'demo', models: ['Bad Model', 'llama3.2:1b', 'llama3.2:1b'], images })).toEqual([
      { pointer: '/models/0', message: "models[0] 'Bad Model' is not an Ollama model name", fix: 'write it as name or name:tag, e.g. llama3.2:1b or qwen2.5:7b' },
      { pointer: '/models/2', message: "models[2] 'llama3.2:1b' repeats models[1]", fix: 'remove the duplicate models[2]' },
      { pointer: '/images/redis', message: "unknown service 'redis' in images", fix: 'Images can be overridden for: n8n, postgres, ollama, qdrant, crawl4ai, proxy.' },
      { pointer: '/images/n8n', message: "images.n8n 'n8nio/n8n' has no version tag", fix: 'pin an explicit version, e.g. repository:1.2.3 or repository@sha256:<digest>; never :latest' },
      { pointer: '/images/ollama', message: "images.ollama 'ollama/ollama:latest' uses the floating tag :latest", fix: 'pin an explicit version, e.g. repository:1.2.3 or repository@sha256:<digest>; never :latest' },
      { pointer: '/images/qdrant', message: "images.qdrant 'Qdrant/Qdrant:1.0' is not a valid image reference", fix: 'pin an explicit version, e.g. repository:1.2.3 or repository@sha256:<digest>; never :latest' },
    ]);
  });

  it('a tag that only starts with "latest" is a real version', () => {
    expect(validateSpec({ name: 'demo', images: { n8n: 'n8nio/n8n:latest-1.2' } }).ok).toBe(true);
  });
});

describe('validateSpec: semantic checks', () => {
  it('CIDRs: octets, prefix, alignment and the VPC range', () => {
    expect(issuesOf({ name: 'demo', sshCidr: '203.0.113.7', allowedCidr: '10.0.0.1/16', cidr: '10.0.0.0/8' })).toEqual([
      { pointer: '/sshCidr', message: "sshCidr '203.0.113.7' is an address without a prefix", fix: 'use 203.0.113.7/32 for this one address' },
      { pointer: '/allowedCidr', message: "allowedCidr '10.0.0.1/16' is not a network address: host bits are set below /16", fix: 'use 10.0.0.0/16' },
      { pointer: '/cidr', message: "cidr '10.0.0.0/8' has the prefix /8; a VPC needs /16 to /28", fix: 'use a prefix between /16 and /28, e.g. 10.42.0.0/16' },
    ]);
    expect(issuesOf({ name: 'demo', sshCidr: '300.1.1.1/32', cidr: '10.42.0.0/33' })).toEqual([
      { pointer: '/sshCidr', message: "sshCidr '300.1.1.1/32' has the octet 300; each of the four numbers must be 0-255", fix: 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32' },
      { pointer: '/cidr', message: "cidr '10.42.0.0/33' has the prefix /33; an IPv4 prefix must be 0-32", fix: 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32' },
    ]);
  });

  it('tier3 needs GPU instance types', () => {
    expect(issuesOf({ name: 'demo', tier: 'tier3', instanceTypes: ['g5.xlarge', 'm7i.large'] })).toEqual([
      {
        pointer: '/instanceTypes/1',
        message: "instanceTypes[1] 'm7i.large' has no GPU, but tier3 runs Ollama on a GPU",
        fix: 'use a GPU type such as g4dn.xlarge, g5.xlarge, g6.xlarge, or deploy tier2 for CPU-only',
      },
    ]);
    expect(validateSpec({ name: 'demo', tier: 'tier2', instanceTypes: ['m7i.large'] }).ok).toBe(true);
  });

  it('tier2 and tier3 need two subnets for the load balancer', () => {
    expect(issuesOf({ name: 'demo', tier: 'tier2', subnetIds: ['subnet-01234567'] })).toEqual([
      {
        pointer: '/subnetIds',
        message: 'subnetIds lists one subnet, but tier2 puts a load balancer in two Availability Zones',
        fix: 'list two subnets in different Availability Zones (`gm discover subnets`), or remove subnetIds to let gm create them',
      },
    ]);
    expect(validateSpec({ name: 'demo', tier: 'tier1', subnetIds: ['subnet-01234567'] }).ok).toBe(true);
  });

  it('reports a value once even when both the schema and a semantic check would object', () => {
    expect(issuesOf({ name: 'demo', cidr: 'ten/8' })).toEqual([
      { pointer: '/cidr', message: "cidr 'ten/8' is not an IPv4 CIDR", fix: 'write it as a.b.c.d/n, e.g. 203.0.113.7/32 or 10.0.0.0/16' },
    ]);
  });

  it('issues come in field order, whatever order the checks found them', () => {
    const pointers = issuesOf({ images: { x: 'y:1' }, cidr: '10.0.0.1/16', budget: -1, name: 'X', extra: true }).map((issue) => issue.pointer);
    expect(pointers).toEqual(['/name', '/budget', '/cidr', '/images/x', '/extra']);
  });
});
