/**
 * The secrets of a deployment. gm generates them at deploy time and stores them all in ONE SSM SecureString,
 * `/geusemaker/<name>/stack-secrets`, as `<ENV_VAR>=<value>` lines: one parameter is written in one call and is
 * atomic (a crash leaves either the whole set or none of it). At boot the instance reads it and writes the
 * `onInstance` ones to `/etc/geusemaker/stack.env` (0600) as `<ENV_VAR>='<value>'`. Rendered artifacts only ever
 * hold `${ENV_VAR}` references.
 */
export interface StackSecret {
  /** The secret's stable name: what `gm info --show-secrets` prints it under. */
  id: string;
  envVar: string;
  /** Written to the instance's env file (false: kept in SSM only, for `gm info --show-secrets`). */
  onInstance: boolean;
  description: string;
}

export const STACK_SECRETS: readonly StackSecret[] = [
  { id: 'postgres-password', envVar: 'POSTGRES_PASSWORD', onInstance: true, description: 'Password of the n8n role in PostgreSQL' },
  {
    id: 'n8n-encryption-key',
    envVar: 'N8N_ENCRYPTION_KEY',
    onInstance: true,
    description: 'Encrypts n8n credentials at rest; must survive instance replacement',
  },
  { id: 'qdrant-api-key', envVar: 'QDRANT_API_KEY', onInstance: true, description: 'Qdrant API key (QDRANT__SERVICE__API_KEY)' },
  { id: 'crawl4ai-api-token', envVar: 'CRAWL4AI_API_TOKEN', onInstance: true, description: 'Crawl4AI bearer token' },
  {
    id: 'proxy-password-hash',
    envVar: 'PROXY_PASSWORD_HASH',
    onInstance: true,
    description: 'bcrypt hash of the proxy password (basic auth on /ollama/, /qdrant/, /crawl4ai/)',
  },
  { id: 'proxy-password', envVar: 'PROXY_PASSWORD', onInstance: false, description: 'The proxy password itself, for the user' },
];

/** Non-secret values the instance adds to the env file at boot from instance metadata. */
export const PUBLIC_ADDRESS_VARS = ['GM_PUBLIC_IP', 'GM_PUBLIC_HOST', 'GM_PUBLIC_URL'] as const;

/** Last path segment of the one parameter holding every secret, under the deployment prefix. */
export const SECRETS_PARAMETER = 'stack-secrets';

/** The full SSM name of a deployment's secrets parameter, for its prefix (`/geusemaker/<name>/`). */
export function secretsParameterName(prefix: string): string {
  return `${prefix}${SECRETS_PARAMETER}`;
}

/**
 * A value the text format and UserData's single-quoted env file both carry unchanged: no line break, no quote. gm's
 * values are base64url or a bcrypt hash (`$`, `/`, `.`), which pass; the check guards the format, not the generator.
 */
const SAFE_VALUE = /^[^\s'"]+$/;

/**
 * `ENV_VAR=value` lines in STACK_SECRETS order, from values keyed by secret id; every secret must be present. Values
 * are not quoted: a value is everything after the first `=`, which is how UserData reads it too
 * (`IFS='=' read -r key value`), so a bcrypt hash needs no escaping in either language.
 */
export function formatStackSecrets(values: Readonly<Record<string, string>>): string {
  return STACK_SECRETS.map((secret) => {
    const value = values[secret.id];
    if (value === undefined || !SAFE_VALUE.test(value)) throw new Error(`stack secret ${secret.id} is missing or holds a space or quote`);
    return `${secret.envVar}=${value}\n`;
  }).join('');
}

/** The values of the secrets parameter keyed by secret id; lines it does not know are ignored. */
export function parseStackSecrets(text: string): Record<string, string> {
  const byEnvVar = new Map<string, string>();
  for (const line of text.split('\n')) {
    const split = line.indexOf('=');
    if (split > 0) byEnvVar.set(line.slice(0, split), line.slice(split + 1));
  }
  const values: Record<string, string> = {};
  for (const secret of STACK_SECRETS) {
    const value = byEnvVar.get(secret.envVar);
    if (value !== undefined) values[secret.id] = value;
  }
  return values;
}

/** The env vars UserData must find before it starts the stack. */
export function instanceSecretVars(): string[] {
  return STACK_SECRETS.filter((secret) => secret.onInstance).map((secret) => secret.envVar);
}
