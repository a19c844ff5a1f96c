import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ExitCode } from '@geusemaker/kit/errors';
import { loadSpec } from '@geusemaker/kit/spec';
import type { LoadSpecOptions } from '@geusemaker/kit/spec';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gm-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function failure(options: LoadSpecOptions): Promise<ConfigError> {
  const error: unknown = await loadSpec(options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  expect(error.exitCode).toBe(ExitCode.invalidConfig);
  return error;
}

describe('loadSpec: precedence flag > env > file > default', () => {
  it('takes each field from the highest source that sets it and says which', async () => {
    const configFile = file('gm.yaml', 'name: from-file\nregion: us-east-1\nbudget: 20\nmarket: spot\ntags:\n  owner: alice\n  team: ai\n');
    const loaded = await loadSpec({
      configFile,
      env: { GM_REGION: 'eu-west-1', GM_BUDGET: '30', GM_SPOT: 'false', PATH: '/bin' },
      flags: { budget: 40, tags: { team: 'ml' }, vpcId: undefined },
    });
    expect(loaded).toEqual({
      spec: {
        name: 'from-file',
        tier: 'tier1',
        region: 'eu-west-1',
        market: 'on-demand',
        budget: 40,
        allowedCidr: '0.0.0.0/0',
        cidr: '10.42.0.0/16',
        tags: { owner: 'alice', team: 'ml' },
        models: ['llama3.2:1b'],
        images: {},
      },
      sources: {
        name: 'file',
        tier: 'default',
        region: 'env',
        market: 'env',
        budget: 'flag',
        allowedCidr: 'default',
        cidr: 'default',
        tags: 'flag',
        models: 'default',
        images: 'default',
      },
      envVariables: { region: 'GM_REGION', budget: 'GM_BUDGET', market: 'GM_SPOT' },
    });
  });

  it('works without a file', async () => {
    const loaded = await loadSpec({ flags: { name: 'flagged' }, env: { GM_INSTANCE_TYPE: 'g5.xlarge', GM_TIER: 'tier3' } });
    expect(loaded.spec).toMatchObject({ name: 'flagged', tier: 'tier3', instanceTypes: ['g5.xlarge'] });
    expect(loaded.sources).toMatchObject({ name: 'flag', tier: 'env', instanceTypes: 'env', market: 'default' });
  });

  it('reads JSON by extension and by content when the extension says nothing', async () => {
    const json = await loadSpec({ flags: {}, env: {}, configFile: file('gm.json', '{"name": "json-spec", "budget": 5}') });
    const sniffed = await loadSpec({ flags: {}, env: {}, configFile: file('gm.conf', ' {"name": "sniffed"}') });
    const yamlSniffed = await loadSpec({ flags: {}, env: {}, configFile: file('gmrc', 'name: yaml-sniffed\n') });
    expect([json.spec.name, json.spec.budget, sniffed.spec.name, yamlSniffed.spec.name]).toEqual(['json-spec', 5, 'sniffed', 'yaml-sniffed']);
  });

  it('reads YAML 1.2: yes/no and dates stay strings, a byte-order mark is ignored', async () => {
    const loaded = await loadSpec({ flags: {}, env: {}, configFile: file('bom.yaml', '\uFEFFname: demo\ntags:\n  enabled: no\n  since: 2024-01-01\n') });
    expect(loaded.spec.tags).toEqual({ enabled: 'no', since: '2024-01-01' });
  });
});

describe('loadSpec: errors', () => {
  it('a missing file is CONFIG_NOT_FOUND', async () => {
    const path = join(dir, 'absent.yaml');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toBe(`Config file ${path} not found`);
    expect(error.issues).toEqual([{ pointer: '', message: `${path} not found`, fix: 'check the path and the current directory' }]);
  });

  it('malformed YAML is CONFIG_PARSE with the file, line and column', async () => {
    const path = file('bad.yaml', 'name: demo\ntags:\n  owner: [alice\nbudget: 5\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toMatch(new RegExp(`^Cannot parse ${path}: invalid YAML: .+ at line \\d+, column \\d+$`));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.pointer).toBe('');
  });

  it('duplicate YAML keys are a parse error at the duplicate', async () => {
    const path = file('dup.yaml', 'name: demo\nbudget: 5\nbudget: 6\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.message).toBe(`Cannot parse ${path}: invalid YAML: Map keys must be unique at line 3, column 1`);
  });

  it('malformed JSON is CONFIG_PARSE with the line and column of the mistake', async () => {
    const path = file('bad.json', '{\n  "name": "demo",\n  "tier": "tier1"\n  "budget": 5\n}\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toBe(`Cannot parse ${path}: invalid JSON: Expected ',' or '}' after property value at line 4, column 3`);
    expect(error.issues).toEqual([
      {
        pointer: '',
        message: `invalid JSON: Expected ',' or '}' after property value at line 4, column 3 of ${path}`,
        fix: 'fix the JSON syntax there (a missing comma, quote or brace is the usual cause)',
      },
    ]);
  });

  it('truncated JSON points at its end', async () => {
    const path = file('short.json', '{"name": "demo"');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.message).toMatch(/at line 1, column 16$/);
  });

  it('invalid values say where they came from: file line, variable or flag', async () => {
    const path = file('where.yaml', 'name: Demo\nbudget: 5\ntags:\n  gm:owner: me\ncidr: 10.0.0.1/16\n');
    const error = await failure({ flags: { budget: -1, tags: { 'aws:x': 'y' } }, env: { GM_REGION: 'mars-1' }, configFile: path });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(`${path} has 6 problems`);
    expect(error.issues.map((issue) => issue.message)).toEqual([
      `name 'Demo' may contain only lowercase letters, digits and hyphens, and must start with a letter (in ${path} line 1, column 1)`,
      "region 'mars-1' is not an AWS region (from GM_REGION)",
      'budget must be greater than 0, got -1 (from --budget)',
      `cidr '10.0.0.1/16' is not a network address: host bits are set below /16 (in ${path} line 5, column 1)`,
      `tag key 'gm:owner' uses a reserved prefix ('gm:' is set by gm itself, 'aws:' by AWS) (in ${path} line 4, column 3)`,
      "tag key 'aws:x' uses a reserved prefix ('gm:' is set by gm itself, 'aws:' by AWS) (from --tag)",
    ]);
  });

  it('locates values inside lists in JSON files too', async () => {
    const path = file('list.json', '{\n  "name": "demo",\n  "instanceTypes": [\n    "t3.large",\n    "t3.larg"\n  ]\n}\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.issues[0]?.message).toBe(`instanceTypes[1] 't3.larg' is not an instance type gm knows (in ${path} line 5, column 5)`);
  });

  it('unknown fields are located at their key', async () => {
    const path = file('unknown.yml', 'name: demo\n\nflavour: vanilla\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.issues[0]).toMatchObject({ pointer: '/flavour', message: `unknown field 'flavour' (in ${path} line 3, column 1)` });
  });

  it('environment coercion problems are reported with the validation problems', async () => {
    const error = await failure({ flags: {}, env: { GM_BUDGET: 'lots', GM_TIER: 'gold' }, configFile: file('ok.yaml', 'name: demo\n') });
    expect(error.message).toBe(`${join(dir, 'ok.yaml')} has 2 problems`);
    expect(error.issues).toEqual([
      { pointer: '/budget', message: "GM_BUDGET must be a number, got 'lots'", fix: 'set GM_BUDGET to a number of US dollars, e.g. GM_BUDGET=50' },
      { pointer: '/tier', message: "tier must be one of tier1, tier2, tier3, got 'gold' (from GM_TIER)", fix: 'Use one of: tier1, tier2, tier3.' },
    ]);
  });

  it('a file that is not a mapping', async () => {
    const path = file('list.yaml', '- name: demo\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.issues).toEqual([
      { pointer: '', message: `${path}: the config must be a mapping of fields, got a list`, fix: 'start from `gm config sample`: one field per line, e.g. name: my-ai-stack' },
    ]);
  });

  it('an empty file', async () => {
    const path = file('empty.yaml', '# nothing yet\n');
    const error = await failure({ flags: {}, env: {}, configFile: path });
    expect(error.issues[0]?.message).toBe(`${path}: the config must be a mapping of fields, got nothing`);
  });
});
