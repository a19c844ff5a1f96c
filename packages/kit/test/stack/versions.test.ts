import {
  STACK_SECRETS,
  STACK_SERVICES,
  formatStackSecrets,
  parseStackSecrets,
  instanceSecretVars,
  secretsParameterName,
  ssmPrefixFor,
} from '@geusemaker/kit/stack';
import { SERVICES } from '@geusemaker/kit/spec';

describe('the versions table', () => {
  it('pins every image to an explicit version', () => {
    expect(Object.fromEntries(SERVICES.map((service) => [service, STACK_SERVICES[service].image]))).toEqual({
      n8n: 'n8nio/n8n:2.35.7',
      postgres: 'postgres:16.14-alpine',
      ollama: 'ollama/ollama:0.33.3',
      qdrant: 'qdrant/qdrant:v1.18.1',
      crawl4ai: 'unclecode/crawl4ai:0.9.3',
      proxy: 'caddy:2.11.4-alpine',
    });
    for (const service of SERVICES) {
      // repository:tag where the tag starts with a version number (v1.2.3 or 1.2.3…), never latest.
      expect(STACK_SERVICES[service].image).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/);
    }
  });

  it('names the uid that owns each service directory', () => {
    const uids = Object.fromEntries(SERVICES.map((service) => [service, STACK_SERVICES[service].uid]));
    expect(uids).toEqual({ n8n: 1000, postgres: 70, ollama: 0, qdrant: 0, crawl4ai: null, proxy: 0 });
  });

  it('lists the health endpoints of DESIGN §4', () => {
    const health = Object.fromEntries(SERVICES.map((service) => [service, STACK_SERVICES[service].health]));
    expect(health).toEqual({
      n8n: { kind: 'http', port: 5678, path: '/healthz', auth: 'none' },
      postgres: { kind: 'pg_isready', port: 5432, auth: 'none' },
      ollama: { kind: 'http', port: 11434, path: '/api/version', auth: 'none' },
      qdrant: { kind: 'http', port: 6333, path: '/readyz', auth: 'qdrant-api-key' },
      crawl4ai: { kind: 'http', port: 11235, path: '/health', auth: 'bearer-token' },
      proxy: { kind: 'http', port: 80, path: '/gm-health', auth: 'none' },
    });
  });
});

describe('the secrets table', () => {
  it('keeps every secret in one parameter under the deployment prefix', () => {
    expect(secretsParameterName(ssmPrefixFor('demo'))).toBe('/geusemaker/demo/stack-secrets');
  });

  it('stores ENV_VAR=value lines that parse back to the same values, bcrypt characters included', () => {
    const values = Object.fromEntries(STACK_SECRETS.map((secret) => [secret.id, `${secret.id}-value`]));
    values['proxy-password-hash'] = '$2b$12$ajq8Q7fbtFRQvXpdCq7Jcuy.Rx1h/L4J60Otx.gyNLbAYctGMJ9tK';
    const text = formatStackSecrets(values);
    expect(text.split('\n').map((line) => line.split('=')[0])).toEqual([
      'POSTGRES_PASSWORD',
      'N8N_ENCRYPTION_KEY',
      'QDRANT_API_KEY',
      'CRAWL4AI_API_TOKEN',
      'PROXY_PASSWORD_HASH',
      'PROXY_PASSWORD',
      '',
    ]);
    expect(parseStackSecrets(`${text}SOMETHING_ELSE=ignored\n`)).toEqual(values);
  });

  it('refuses a missing value or one with a space, quote or line break', () => {
    const values = Object.fromEntries(STACK_SECRETS.map((secret) => [secret.id, 'ok']));
    for (const bad of ["it's", 'a b', 'a\nB=c', '']) expect(() => formatStackSecrets({ ...values, 'qdrant-api-key': bad })).toThrow(/qdrant-api-key/);
    const { 'qdrant-api-key': _omitted, ...rest } = values;
    expect(() => formatStackSecrets(rest)).toThrow(/qdrant-api-key/);
  });

  it('keeps the plain proxy password off the instance', () => {
    expect(instanceSecretVars()).toEqual(['POSTGRES_PASSWORD', 'N8N_ENCRYPTION_KEY', 'QDRANT_API_KEY', 'CRAWL4AI_API_TOKEN', 'PROXY_PASSWORD_HASH']);
  });
});
