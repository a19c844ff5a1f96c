import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { renderCompose } from '@geusemaker/kit/stack';
import { allVariants, readFixture, sampleInput } from './helpers.js';

type Service = Record<string, unknown> & { environment?: Record<string, string>; volumes?: string[]; ports?: string[] };
type ComposeFile = { services: Record<string, Service>; networks: Record<string, unknown> };

function composeSchemaValidator() {
  // The fixture names its dialect with the old http://…# URI that ajv does not register; its keywords are plain
  // 2019-09 (draft-07 compatible), so skip the meta-schema lookup rather than edit the checked-in copy.
  // It also still labels definitions with draft-04 `id` (plain annotations here), which ajv 8 refuses by default.
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
  ajv.removeKeyword('id');
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('subnet_ip_address', true);
  return ajv.compile(JSON.parse(readFixture('compose-spec.json')) as object);
}

const validate = composeSchemaValidator();
const rendered = allVariants().map(({ label, input }) => ({ label, input, text: renderCompose(input) }));

function services(text: string): Record<string, Service> {
  return (parse(text) as ComposeFile).services;
}

describe.each(rendered)('compose, $label', ({ input, text }) => {
  it('validates against the Compose Specification schema', () => {
    const valid = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('publishes ports from the proxy only', () => {
    const published = Object.entries(services(text)).filter(([, service]) => service.ports !== undefined);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    expect(published[0]?.[1].ports).toEqual(input.tlsMode === 'internal' ? ['80:80', '443:443'] : ['80:80']);
  });

  it('has no :latest, no 0.0.0.0 binding and no mode 777', () => {
    expect(text).not.toMatch(/:latest\b/);
    expect(text).not.toContain('0.0.0.0');
    expect(text).not.toMatch(/777/);
  });

  it('gives every service a healthcheck and restart: unless-stopped', () => {
    for (const [name, service] of Object.entries(services(text))) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      expect(service.healthcheck).toEqual(expect.objectContaining({ test: expect.arrayContaining(['CMD']), retries: 5 }));
    }
  });

  it('keeps data in bind mounts under /mnt/efs/<service>', () => {
    const mounts = Object.fromEntries(Object.entries(services(text)).map(([name, service]) => [name, service.volumes ?? []]));
    expect(mounts).toEqual({
      n8n: ['/mnt/efs/n8n:/home/node/.n8n'],
      postgres: ['/mnt/efs/postgres:/var/lib/postgresql/data'],
      ollama: ['/mnt/efs/ollama:/root/.ollama'],
      qdrant: ['/mnt/efs/qdrant:/qdrant/storage'],
      crawl4ai: [],
      proxy: ['/mnt/efs/proxy:/data', '/etc/geusemaker/Caddyfile:/etc/caddy/Caddyfile:ro'],
    });
  });

  it('holds only ${VAR} references to the env file and $$ escapes for the container shell', () => {
    const dollars = text.match(/\$(\$|\{[^}]*\})?/g) ?? [];
    const references = new Set(dollars.filter((token) => token !== '$$'));
    expect([...references].sort()).toEqual(
      [
        '${VAR}',
        ...['CRAWL4AI_API_TOKEN', 'GM_PUBLIC_URL', 'N8N_ENCRYPTION_KEY', 'POSTGRES_PASSWORD', 'PROXY_PASSWORD_HASH', 'QDRANT_API_KEY'].map(
          (name) => `\${${name}:?missing from stack.env}`,
        ),
        ...(input.tlsMode === 'internal' ? ['${GM_PUBLIC_HOST:?missing from stack.env}', '${GM_PUBLIC_IP:?missing from stack.env}'] : []),
      ].sort(),
    );
  });

  it('gives Ollama the GPU exactly when asked', () => {
    const ollama = services(text).ollama;
    const gpu = { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } };
    expect(ollama?.deploy).toEqual(input.gpu ? gpu : undefined);
  });
});

describe('compose details', () => {
  it('has a schema check that rejects what Compose would reject', () => {
    const doc = parse(renderCompose(sampleInput())) as ComposeFile;
    expect(validate(doc)).toBe(true);
    const broken = { ...doc, services: { ...doc.services, n8n: { ...doc.services.n8n, restart_policy: 'always' } } };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]).toEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'restart_policy' } }));
  });

  it('wires n8n to Postgres with secrets by reference', () => {
    const n8n = services(renderCompose(sampleInput())).n8n;
    expect(n8n?.environment).toEqual({
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: 'postgres',
      DB_POSTGRESDB_PORT: '5432',
      DB_POSTGRESDB_DATABASE: 'n8n',
      DB_POSTGRESDB_USER: 'n8n',
      DB_POSTGRESDB_PASSWORD: '${POSTGRES_PASSWORD:?missing from stack.env}',
      N8N_ENCRYPTION_KEY: '${N8N_ENCRYPTION_KEY:?missing from stack.env}',
      WEBHOOK_URL: '${GM_PUBLIC_URL:?missing from stack.env}',
      N8N_EDITOR_BASE_URL: '${GM_PUBLIC_URL:?missing from stack.env}',
      N8N_PROXY_HOPS: '1',
      N8N_DIAGNOSTICS_ENABLED: 'false',
    });
    expect(n8n?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('turns on the Qdrant API key and the Crawl4AI token, and nothing else of the secrets', () => {
    const all = services(renderCompose(sampleInput()));
    expect(all.qdrant?.environment).toEqual({ QDRANT__SERVICE__API_KEY: '${QDRANT_API_KEY:?missing from stack.env}', QDRANT__TELEMETRY_DISABLED: 'true' });
    expect(all.crawl4ai?.environment).toEqual({ CRAWL4AI_API_TOKEN: '${CRAWL4AI_API_TOKEN:?missing from stack.env}' });
    expect(all.ollama?.environment).toBeUndefined();
  });

  it('probes Qdrant with its API key read inside the container', () => {
    const test = (services(renderCompose(sampleInput())).qdrant?.healthcheck as { test: string[] }).test;
    expect(test).toEqual([
      'CMD',
      'bash',
      '-c',
      "exec 3<>/dev/tcp/127.0.0.1/6333 && printf 'GET /readyz HTTP/1.0\\r\\napi-key: %s\\r\\n\\r\\n' \"$$QDRANT__SERVICE__API_KEY\" >&3 && read -r status <&3 && [[ $$status == *' 200 '* ]]",
    ]);
  });

  it('uses image overrides', () => {
    const text = renderCompose(sampleInput({ images: { ollama: 'ollama/ollama:0.33.2' } }));
    expect(services(text).ollama?.image).toBe('ollama/ollama:0.33.2');
  });

  it('is deterministic, services in a fixed order', () => {
    const text = renderCompose(sampleInput());
    expect(renderCompose(sampleInput())).toBe(text);
    expect(Object.keys(services(text))).toEqual(['n8n', 'postgres', 'ollama', 'qdrant', 'crawl4ai', 'proxy']);
  });
});
