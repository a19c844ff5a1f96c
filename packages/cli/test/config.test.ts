import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGm } from '@geusemaker/testkit';
import type { RunGmOptions, RunGmResult } from '@geusemaker/testkit';

// `gm config …` never calls AWS: an endpoint nothing listens on proves it (and keeps these tests off the emulator).
const OFFLINE: RunGmOptions = { endpoint: 'http://127.0.0.1:9' };
const STACK_FRAME = /\n\s+at /;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gm-config-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function gm(args: string[], options: RunGmOptions = {}): Promise<RunGmResult> {
  return runGm(args, { ...OFFLINE, ...options });
}

interface ErrorEnvelope {
  status: string;
  error: { code: string; message: string; hint: string | null; issues: { pointer: string; message: string; fix: string }[] };
  exitCode: number;
}

/** Exactly one JSON document on stdout, and it is the error envelope. */
function envelopeOf(result: RunGmResult): ErrorEnvelope {
  const envelope = JSON.parse(result.stdout) as ErrorEnvelope;
  expect(envelope).toMatchObject({ status: 'error', exitCode: 3 });
  expect(Object.keys(envelope)).toEqual(['status', 'error', 'exitCode']);
  return envelope;
}

interface InvalidCase {
  file: string;
  content: string;
  code: string;
  pointer: string;
  /** Words the message must contain (the bad value, or the line and column of a syntax error). */
  message: string;
  fix: string;
}

const INVALID: Record<string, InvalidCase> = {
  'malformed YAML': {
    file: 'broken.yaml',
    content: 'name: demo\ntags:\n  owner: [alice\nbudget: 5\n',
    code: 'CONFIG_PARSE',
    pointer: '',
    message: 'invalid YAML',
    fix: 'fix the YAML syntax there',
  },
  'malformed JSON': {
    file: 'broken.json',
    content: '{\n  "name": "demo",\n  "tier": "tier1"\n  "budget": 5\n}\n',
    code: 'CONFIG_PARSE',
    pointer: '',
    message: "invalid JSON: Expected ',' or '}' after property value at line 4, column 3",
    fix: 'fix the JSON syntax there',
  },
  'an unknown field': {
    file: 'unknown.yaml',
    content: 'name: demo\ninstancetype: t3.large\n',
    code: 'CONFIG_INVALID',
    pointer: '/instancetype',
    message: "unknown field 'instancetype'",
    fix: "Did you mean 'instanceTypes'?",
  },
  'a wrong type': {
    file: 'type.json',
    content: '{"name": "demo", "maxHourlyPrice": "cheap"}',
    code: 'CONFIG_INVALID',
    pointer: '/maxHourlyPrice',
    message: "maxHourlyPrice must be a number, got string 'cheap'",
    fix: 'write a number (e.g. maxHourlyPrice: 0.1)',
  },
  'an unknown region': {
    file: 'region.yaml',
    content: 'name: demo\nregion: us-east-7\n',
    code: 'CONFIG_INVALID',
    pointer: '/region',
    message: "region 'us-east-7' is not an AWS region",
    fix: "Did you mean 'us-east-1'?",
  },
  'an invalid name': {
    file: 'name.yaml',
    content: 'name: My_Stack\n',
    code: 'CONFIG_INVALID',
    pointer: '/name',
    message: "name 'My_Stack' may contain only lowercase letters, digits and hyphens",
    fix: "use a name like 'my-stack'",
  },
  'an invalid CIDR': {
    file: 'cidr.yaml',
    content: 'name: demo\ncidr: 10.0.0.1/16\n',
    code: 'CONFIG_INVALID',
    pointer: '/cidr',
    message: "cidr '10.0.0.1/16' is not a network address",
    fix: 'use 10.0.0.0/16',
  },
  'a negative budget': {
    file: 'budget.yaml',
    content: 'name: demo\nbudget: -5\n',
    code: 'CONFIG_INVALID',
    pointer: '/budget',
    message: 'budget must be greater than 0, got -5',
    fix: 'use a positive number (e.g. budget: 50)',
  },
};

describe('gm config validate: invalid configs exit 3 and say what to fix', () => {
  it.each(Object.entries(INVALID))('%s (text)', async (_label, spec) => {
    const path = writeConfig(spec.file, spec.content);
    const result = await gm(['config', 'validate', path]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: /);
    expect(result.stderr).toContain(`${spec.pointer === '' ? '(document)' : spec.pointer}: `);
    expect(result.stderr).toContain(spec.message);
    expect(result.stderr).toContain(`fix: ${spec.fix}`);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it.each(Object.entries(INVALID))('%s (--json)', async (_label, spec) => {
    const path = writeConfig(spec.file, spec.content);
    const result = await gm(['config', 'validate', path, '--json']);
    expect(result.exitCode).toBe(3);
    const envelope = envelopeOf(result);
    expect(envelope.error.code).toBe(spec.code);
    expect(envelope.error.issues).toHaveLength(1);
    const [issue] = envelope.error.issues;
    expect(issue?.pointer).toBe(spec.pointer);
    expect(issue?.message).toContain(spec.message);
    expect(issue?.message).toContain(path);
    expect(issue?.fix).toContain(spec.fix);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('names the line and column of a YAML syntax error', async () => {
    const path = writeConfig('indent.yaml', 'name: demo\n  tier: tier1\n');
    const envelope = envelopeOf(await gm(['config', 'validate', path, '--json']));
    expect(envelope.error.message).toBe(`Cannot parse ${path}: invalid YAML: Nested mappings are not allowed in compact mappings at line 1, column 7`);
  });

  it('reports every problem at once, each located in the file', async () => {
    const path = writeConfig('many.yaml', 'name: demo\nbudget: -5\nsshCidr: 203.0.113.7\ncolour: red\n');
    const envelope = envelopeOf(await gm(['config', 'validate', path, '--json']));
    expect(envelope.error).toEqual({
      code: 'CONFIG_INVALID',
      message: `${path} has 3 problems`,
      hint: 'Fix each field listed; `gm config schema` describes every field and `gm config sample` shows a valid spec.',
      issues: [
        { pointer: '/budget', message: `budget must be greater than 0, got -5 (in ${path} line 2, column 1)`, fix: 'use a positive number (e.g. budget: 50)' },
        { pointer: '/sshCidr', message: `sshCidr '203.0.113.7' is an address without a prefix (in ${path} line 3, column 1)`, fix: 'use 203.0.113.7/32 for this one address' },
        {
          pointer: '/colour',
          message: `unknown field 'colour' (in ${path} line 4, column 1)`,
          fix: expect.stringContaining('Remove it; the allowed fields are: name, tier, region,') as unknown as string,
        },
      ],
    });
  });

  it('a missing file is CONFIG_NOT_FOUND, exit 3', async () => {
    const result = await gm(['config', 'validate', join(dir, 'nope.yaml'), '--json']);
    expect(result.exitCode).toBe(3);
    expect(envelopeOf(result).error.code).toBe('CONFIG_NOT_FOUND');
  });

  it('applies GM_* variables, and names the variable when its value is bad', async () => {
    const path = writeConfig('env.yaml', 'name: demo\n');
    const result = await gm(['config', 'validate', path, '--json'], { env: { GM_BUDGET: 'lots', GM_REGION: 'mars-1' } });
    expect(result.exitCode).toBe(3);
    expect(envelopeOf(result).error.issues.map((issue) => issue.message)).toEqual([
      "GM_BUDGET must be a number, got 'lots'",
      "region 'mars-1' is not an AWS region (from GM_REGION)",
    ]);
    const ignored = await gm(['config', 'validate', path, '--ignore-env'], { env: { GM_BUDGET: 'lots' } });
    expect(ignored.exitCode).toBe(0);
  });
});

describe('gm config validate: a valid config', () => {
  it('reports each field and where it came from', async () => {
    const path = writeConfig('valid.yaml', 'name: demo\nregion: us-east-1\nbudget: 25\n');
    const result = await gm(['config', 'validate', path, '--json'], { env: { GM_REGION: 'eu-west-1' } });
    expect(result.exitCode).toBe(0);
    expect(result.json).toEqual({
      status: 'success',
      result: {
        file: path,
        valid: true,
        spec: { name: 'demo', tier: 'tier1', region: 'eu-west-1', market: 'auto', budget: 25, allowedCidr: '0.0.0.0/0', cidr: '10.42.0.0/16', tags: {}, models: ['llama3.2:1b'], images: {} },
        sources: { name: 'file', tier: 'default', region: 'env', market: 'default', budget: 'file', allowedCidr: 'default', cidr: 'default', tags: 'default', models: 'default', images: 'default' },
        envVariables: { region: 'GM_REGION' },
      },
      warnings: [],
    });
  });

  it('says so in text, with the sources table', async () => {
    const path = writeConfig('valid-text.yaml', 'name: demo\n');
    const result = await gm(['config', 'validate', path, '--region', 'us-west-2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      `${path} is a valid deployment spec (no GM_* environment variables applied).`,
      '',
      '  name         demo          file',
      '  tier         tier1         default',
      '  region       us-west-2     flag',
    ]);
    expect(result.stderr).toBe('');
  });
});

describe('gm config sample and schema', () => {
  it('the sample, written to a file, validates', async () => {
    const sample = await gm(['config', 'sample']);
    expect(sample.exitCode).toBe(0);
    expect(sample.stdout).toMatch(/^# GeuseMaker deployment spec/);
    const path = writeConfig('gm.yaml', sample.stdout);
    const result = await gm(['config', 'validate', path, '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.json).toMatchObject({ status: 'success', result: { valid: true, spec: { name: 'my-ai-stack' } } });
  });

  it('sample --json carries the same YAML', async () => {
    const [text, json] = await Promise.all([gm(['config', 'sample']), gm(['config', 'sample', '--json'])]);
    expect(json.exitCode).toBe(0);
    expect(json.json).toEqual({ status: 'success', result: { yaml: text.stdout }, warnings: [] });
    expect(text.stdout).toContain('\nname: my-ai-stack\n');
  });

  it('schema --json is a draft 2020-12 JSON Schema in the envelope', async () => {
    const result = await gm(['config', 'schema', '--json']);
    expect(result.exitCode).toBe(0);
    const envelope = result.json as { status: string; result: { $schema: string; type: string; required: string[]; properties: Record<string, unknown> } };
    expect(envelope.status).toBe('success');
    expect(envelope.result.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(envelope.result.type).toBe('object');
    expect(envelope.result.required).toEqual(['name']);
    expect(Object.keys(envelope.result.properties)).toContain('instanceTypes');
  });

  it('schema in text mode is the raw schema, ready for `> gm.schema.json`', async () => {
    const [text, json] = await Promise.all([gm(['config', 'schema']), gm(['config', 'schema', '--json'])]);
    expect(text.exitCode).toBe(0);
    expect(JSON.parse(text.stdout)).toEqual((json.json as { result: unknown }).result);
  });
});

describe('gm config validate stays light', () => {
  it('loads no AWS SDK module', async () => {
    const recorder = fileURLToPath(new URL('./fixtures/record-module-loads.mjs', import.meta.url));
    const logFile = join(dir, 'loads.txt');
    const path = writeConfig('light.yaml', 'name: demo\n');
    const result = await gm(['config', 'validate', path], { env: { GM_LOAD_LOG: logFile, NODE_OPTIONS: `--import=${recorder}` } });
    expect(result.exitCode).toBe(0);
    const modules = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    expect(modules.some((url) => url.includes('/ajv/'))).toBe(true);
    expect(modules.filter((url) => /@aws-sdk|@smithy/.test(url))).toEqual([]);
  });
});
