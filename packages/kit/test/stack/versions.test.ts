import {
  STACK_SECRETS,
  STACK_SERVICES,
  envVarForParameter,
  instanceSecretVars,
  secretParameterName,
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
  it('derives each env name from the parameter name exactly as UserData does', () => {
    for (const secret of STACK_SECRETS) expect(envVarForParameter(secret.parameter)).toBe(secret.envVar);
  });

  it('puts every secret under the deployment prefix', () => {
    expect(STACK_SECRETS.map((secret) => secretParameterName(ssmPrefixFor('demo'), secret))).toEqual([
      '/geusemaker/demo/postgres-password',
      '/geusemaker/demo/n8n-encryption-key',
      '/geusemaker/demo/qdrant-api-key',
      '/geusemaker/demo/crawl4ai-api-token',
      '/geusemaker/demo/proxy-password-hash',
      '/geusemaker/demo/proxy-password',
    ]);
  });

  it('keeps the plain proxy password off the instance', () => {
    expect(instanceSecretVars()).toEqual(['POSTGRES_PASSWORD', 'N8N_ENCRYPTION_KEY', 'QDRANT_API_KEY', 'CRAWL4AI_API_TOKEN', 'PROXY_PASSWORD_HASH']);
  });
});
