/**
 * The secrets of a deployment. gm generates them at deploy time and stores them as SSM SecureStrings under
 * `/geusemaker/<name>/<parameter>`; at boot the instance reads the path and writes the `onInstance` ones to
 * `/etc/geusemaker/stack.env` (0600) as `<ENV_VAR>='<value>'`. Rendered artifacts only ever hold `${ENV_VAR}`
 * references. The env name is the parameter name upper-cased with `-` → `_`: UserData derives it the same way.
 */
export interface StackSecret {
  /** Last path segment of the SSM parameter. */
  parameter: string;
  envVar: string;
  /** Written to the instance's env file (false: kept in SSM only, for `gm info --show-secrets`). */
  onInstance: boolean;
  description: string;
}

export const STACK_SECRETS: readonly StackSecret[] = [
  { parameter: 'postgres-password', envVar: 'POSTGRES_PASSWORD', onInstance: true, description: 'Password of the n8n role in PostgreSQL' },
  {
    parameter: 'n8n-encryption-key',
    envVar: 'N8N_ENCRYPTION_KEY',
    onInstance: true,
    description: 'Encrypts n8n credentials at rest; must survive instance replacement',
  },
  { parameter: 'qdrant-api-key', envVar: 'QDRANT_API_KEY', onInstance: true, description: 'Qdrant API key (QDRANT__SERVICE__API_KEY)' },
  { parameter: 'crawl4ai-api-token', envVar: 'CRAWL4AI_API_TOKEN', onInstance: true, description: 'Crawl4AI bearer token' },
  {
    parameter: 'proxy-password-hash',
    envVar: 'PROXY_PASSWORD_HASH',
    onInstance: true,
    description: 'bcrypt hash of the proxy password (basic auth on /ollama/, /qdrant/, /crawl4ai/)',
  },
  { parameter: 'proxy-password', envVar: 'PROXY_PASSWORD', onInstance: false, description: 'The proxy password itself, for the user' },
];

/** Non-secret values the instance adds to the env file at boot from instance metadata. */
export const PUBLIC_ADDRESS_VARS = ['GM_PUBLIC_IP', 'GM_PUBLIC_HOST', 'GM_PUBLIC_URL'] as const;

/** The env name UserData derives from a parameter name (`qdrant-api-key` → `QDRANT_API_KEY`). */
export function envVarForParameter(parameter: string): string {
  return parameter.toUpperCase().replaceAll('-', '_');
}

/** The full SSM parameter name of a secret for a deployment prefix (`/geusemaker/<name>/`). */
export function secretParameterName(prefix: string, secret: StackSecret): string {
  return `${prefix}${secret.parameter}`;
}

/** The env vars UserData must find before it starts the stack. */
export function instanceSecretVars(): string[] {
  return STACK_SECRETS.filter((secret) => secret.onInstance).map((secret) => secret.envVar);
}
