/**
 * @geusemaker/kit/stack — the on-instance artifacts, rendered as pure functions of a StackInput:
 * docker-compose.yml, the Caddyfile, and the UserData script (plain or gzip+MIME, always under EC2's 16 KB).
 */
export {
  STACK_OSES,
  TLS_MODES,
  USERDATA_PHASES,
  USERDATA_LIMIT_BYTES,
  INSTANCE_PATHS,
  COMPOSE_PROJECT,
  COMPOSE_COMMAND,
  type StackOs,
  type TlsMode,
  type StackInput,
  type UserDataResult,
  type UserDataPhase,
} from './types.js';
export {
  STACK_SERVICES,
  COMPOSE_PLUGIN_VERSION,
  POSTGRES_USER,
  POSTGRES_DB,
  PROXY_USERNAME,
  type ServiceDefinition,
  type HealthEndpoint,
  type HealthAuth,
} from './versions.js';
export {
  STACK_SECRETS,
  PUBLIC_ADDRESS_VARS,
  SECRETS_PARAMETER,
  secretsParameterName,
  formatStackSecrets,
  parseStackSecrets,
  instanceSecretVars,
  type StackSecret,
} from './secrets.js';
export { createStackInput, ssmPrefixFor, imageFor, stackInputIssues, assertValidStackInput, type StackInputOptions } from './input.js';
export { renderCompose } from './compose.js';
export { renderProxyConfig } from './caddyfile.js';
export { healthcheckFor, type ComposeHealthcheck } from './healthchecks.js';
export { renderUserData, renderUserDataScript } from './userdata.js';
export { encodeUserData, mimeMultipart } from './userdata-encode.js';
