import { GmError } from '../../errors/index.js';
import { secretParameterName, ssmPrefixFor, STACK_SECRETS, type StackSecret } from '../../stack/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { pollUntil } from '../wait.js';
import { isAwsError, ownedBy, required, stepTagList } from './common.js';
import { DERIVED, passwordHash, randomSecret } from './secret-values.js';

export type SsmSecretsInput = { prefix: string };

/** DeleteParameters takes at most 10 names per call. */
const DELETE_BATCH = 10;

/**
 * Refuses any path that is not at least two levels deep (`/geusemaker/<name>/`): deletion removes everything under
 * the prefix, so a bad ref must never turn into "delete every parameter of the account".
 */
function checkedPrefix(prefix: string): string {
  if (!/^(\/[A-Za-z0-9_.-]+){2,}\/$/.test(prefix)) {
    throw new GmError({ code: 'SSM_PREFIX_INVALID', message: `"${prefix}" is not a deployment's SSM path.`, hint: 'Expected /geusemaker/<name>/.' });
  }
  return prefix;
}

/** Names of the parameters under the prefix, values never decrypted. */
async function namesUnder(ctx: ResourceContext, prefix: string): Promise<string[]> {
  const parameters = await ctx.aws.ssm.getParametersByPath({ Path: prefix, Recursive: true });
  return parameters.map((parameter) => required(parameter.Name, 'a parameter name'));
}

/** `extra.stepId` lets configure tag a secret it adds later the way create would have. */
function secretsCreated(prefix: string, stepId?: string): Created {
  const parameterNames = STACK_SECRETS.map((secret) => secretParameterName(prefix, secret));
  const ref = { kind: 'ssm-secrets' as const, id: prefix, ...(stepId === undefined ? {} : { extra: { stepId } }) };
  return { ref, outputs: { parameterPrefix: prefix, parameterNames } };
}

/** PutParameter without Overwrite: false when it already exists (a value is never replaced). */
async function putIfAbsent(ctx: ResourceContext, name: string, value: string, description: string, stepId: string): Promise<boolean> {
  try {
    await ctx.aws.ssm.putParameter({ Name: name, Value: value, Type: 'SecureString', Description: description, Tags: stepTagList(ctx, stepId) });
    return true;
  } catch (error) {
    if (isAwsError(error, 'ParameterAlreadyExists')) return false;
    throw error;
  }
}

async function readSecret(ctx: ResourceContext, name: string): Promise<string> {
  const { Parameter } = await ctx.aws.ssm.getParameter({ Name: name, WithDecryption: true });
  return required(Parameter?.Value, `the value of ${name}`);
}

/**
 * The proxy's bcrypt hash follows its password: derived from the password just generated, or read back from SSM when
 * only the hash is missing. A hash whose password was regenerated (lost) is overwritten: it could match nothing.
 */
async function ensurePasswordHash(ctx: ResourceContext, prefix: string, present: ReadonlySet<string>, freshPassword: string | undefined, stepId: string): Promise<void> {
  const secret = STACK_SECRETS.find((candidate) => candidate.parameter === DERIVED.parameter);
  if (secret === undefined) return;
  const name = secretParameterName(prefix, secret);
  if (present.has(name) && freshPassword === undefined) return;
  const hash = await passwordHash(freshPassword ?? (await readSecret(ctx, `${prefix}${DERIVED.from}`)));
  if (!present.has(name)) {
    await putIfAbsent(ctx, name, hash, secret.description, stepId);
    return;
  }
  // Overwrite cannot carry Tags (SSM rejects the pair); the parameter keeps the tags it was created with.
  await ctx.aws.ssm.putParameter({ Name: name, Value: hash, Type: 'SecureString', Description: secret.description, Overwrite: true });
}

/**
 * Creates whichever of the stack's secrets are missing and leaves every existing one as it is: the n8n encryption key
 * must survive instance replacement and re-deploys. Values live only in this function's locals and in SSM. Returns
 * the names of the parameters now under the prefix: every one of the stack's (found, written, or written meanwhile
 * by someone else), plus whatever else was there.
 */
async function ensureSecrets(ctx: ResourceContext, prefix: string, stepId: string): Promise<string[]> {
  const present = new Set(await namesUnder(ctx, prefix));
  const fresh = new Map<string, string>();
  const missing = STACK_SECRETS.filter((secret: StackSecret) => secret.parameter !== DERIVED.parameter && !present.has(secretParameterName(prefix, secret)));
  // The random secrets are independent: written at once (this step is on the deploy's critical path); the hash
  // follows the password, so it comes after.
  await Promise.all(
    missing.map(async (secret) => {
      const value = randomSecret(secret.parameter);
      if (await putIfAbsent(ctx, secretParameterName(prefix, secret), value, secret.description, stepId)) fresh.set(secret.parameter, value);
    }),
  );
  await ensurePasswordHash(ctx, prefix, present, fresh.get(DERIVED.from), stepId);
  return [...new Set([...present, ...STACK_SECRETS.map((secret) => secretParameterName(prefix, secret))])];
}

/** Whether `names` (what this process's create left under the prefix) holds every one of the stack's secrets. */
function complete(prefix: string, names: string | readonly string[] | undefined): boolean {
  return Array.isArray(names) && STACK_SECRETS.every((secret) => names.includes(secretParameterName(prefix, secret)));
}

async function deleteAll(ctx: ResourceContext, prefix: string): Promise<void> {
  const names = await namesUnder(ctx, prefix);
  for (let start = 0; start < names.length; start += DELETE_BATCH) {
    await ctx.aws.ssm.deleteParameters({ Names: names.slice(start, start + DELETE_BATCH) });
  }
  await pollUntil(ctx, `the SSM parameters under ${prefix} to be deleted`, async () =>
    (await namesUnder(ctx, prefix)).length === 0 ? true : undefined,
  );
}

/**
 * The stack's secrets (STACK_SECRETS: the random ones plus the proxy password's bcrypt hash) as SecureString
 * parameters under `/geusemaker/<name>/`, read by the instance at boot. The ref id is the prefix; outputs name the
 * parameters, never their values.
 */
export const ssmSecretsKind: ResourceKind<SsmSecretsInput> = {
  kind: 'ssm-secrets',
  // AddTagsToResource: SSM authorizes tags passed to PutParameter as ssm:AddTagsToResource. GetParameter reads the
  // proxy password back only when its hash is missing.
  iamActions: ['ssm:GetParametersByPath', 'ssm:PutParameter', 'ssm:AddTagsToResource', 'ssm:GetParameter', 'ssm:ListTagsForResource', 'ssm:DeleteParameters'],

  async create(ctx, input, meta) {
    const prefix = checkedPrefix(input.prefix);
    const present = await ensureSecrets(ctx, prefix, meta.stepId);
    return { ...secretsCreated(prefix, meta.stepId), observed: { facts: { present } } };
  },

  async configure(ctx, _input, { ref, observed }) {
    // Completes a set that a crash interrupted (resume, adoption); with every secret present it only lists names.
    // Right after this process's create wrote the whole set there is nothing to list.
    const prefix = checkedPrefix(ref.id);
    if (complete(prefix, observed?.facts?.present)) return {};
    await ensureSecrets(ctx, prefix, ref.extra?.stepId ?? 'secrets');
    return {};
  },

  async findByTag(ctx, meta) {
    // The prefix follows from the deployment name alone (teardown passes no input); the tags confirm the owner.
    const prefix = ssmPrefixFor(ctx.identity.name);
    const [first] = await namesUnder(ctx, prefix);
    if (first === undefined) return undefined;
    const tags = await ctx.aws.ssm.listTagsForResource({ ResourceType: 'Parameter', ResourceId: first });
    return ownedBy(ctx, tags) ? secretsCreated(prefix, meta.stepId) : undefined;
  },

  async describe(ctx, id) {
    return (await namesUnder(ctx, checkedPrefix(id))).length > 0 ? secretsCreated(id) : undefined;
  },

  async exists(ctx, ref) {
    return (await namesUnder(ctx, checkedPrefix(ref.id))).length > 0;
  },

  delete(ctx, ref) {
    return deleteAll(ctx, checkedPrefix(ref.id));
  },
};
