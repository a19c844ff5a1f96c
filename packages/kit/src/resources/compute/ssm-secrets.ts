import type { AwsContext } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import { formatStackSecrets, parseStackSecrets, secretsParameterName, ssmPrefixFor, STACK_SECRETS } from '../../stack/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { pollUntil } from '../wait.js';
import { isAwsError, ownedBy, required, stepTagList } from './common.js';
import { freshStackSecrets } from './secret-values.js';

export type SsmSecretsInput = { prefix: string };

/** DeleteParameters takes at most 10 names per call. */
const DELETE_BATCH = 10;

const DESCRIPTION = 'GeuseMaker stack secrets, one ENV_VAR=value line each';

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

/** `extra.stepId` lets configure tag the parameter it writes later the way create would have. */
function secretsCreated(prefix: string, stepId?: string): Created {
  const ref = { kind: 'ssm-secrets' as const, id: prefix, ...(stepId === undefined ? {} : { extra: { stepId } }) };
  return { ref, outputs: { parameterPrefix: prefix, parameterName: secretsParameterName(prefix) } };
}

/** A deployment's decrypted secrets keyed by secret id (`proxy-password` …); empty while its parameter does not exist. */
export async function readStackSecrets(aws: AwsContext, name: string): Promise<Record<string, string>> {
  try {
    const { Parameter } = await aws.ssm.getParameter({ Name: secretsParameterName(ssmPrefixFor(name)), WithDecryption: true });
    return parseStackSecrets(Parameter?.Value ?? '');
  } catch (error) {
    if (isAwsError(error, 'ParameterNotFound')) return {};
    throw error;
  }
}

/** An existing parameter is kept as it is, but it must hold every secret UserData and gm read. */
async function checkComplete(ctx: ResourceContext, name: string): Promise<void> {
  const { Parameter } = await ctx.aws.ssm.getParameter({ Name: name, WithDecryption: true });
  const values = parseStackSecrets(Parameter?.Value ?? '');
  const missing = STACK_SECRETS.filter((secret) => values[secret.id] === undefined).map((secret) => secret.envVar);
  if (missing.length === 0) return;
  throw new GmError({
    code: 'SSM_SECRETS_INCOMPLETE',
    message: `The SSM parameter ${name} exists but lacks ${missing.join(', ')}.`,
    hint: `gm never replaces it (the n8n encryption key must survive): add the missing ENV_VAR=value lines with aws ssm put-parameter --overwrite, or delete it to start over.`,
  });
}

/**
 * Writes the whole set in ONE PutParameter without Overwrite: one call instead of one per secret, and atomic — a
 * crash leaves all of the set or none of it, never a part. An existing parameter is never replaced (the n8n
 * encryption key must survive re-deploys and instance replacement), only checked. Every value, the proxy password's
 * bcrypt hash included, is computed before the put; values live only in locals and in SSM.
 */
async function ensureSecrets(ctx: ResourceContext, prefix: string, stepId: string): Promise<void> {
  const name = secretsParameterName(prefix);
  const value = formatStackSecrets(await freshStackSecrets());
  try {
    await ctx.aws.ssm.putParameter({ Name: name, Value: value, Type: 'SecureString', Description: DESCRIPTION, Tags: stepTagList(ctx, stepId) });
  } catch (error) {
    if (!isAwsError(error, 'ParameterAlreadyExists')) throw error;
    await checkComplete(ctx, name);
  }
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
 * The stack's secrets (STACK_SECRETS: the random ones plus the proxy password's bcrypt hash) in one SecureString
 * parameter, `/geusemaker/<name>/stack-secrets`, read by the instance at boot. The ref id is the deployment prefix:
 * destroy, adoption and cleanup work on everything under it. Outputs name the parameter, never its value.
 */
export const ssmSecretsKind: ResourceKind<SsmSecretsInput> = {
  kind: 'ssm-secrets',
  // AddTagsToResource: SSM authorizes tags passed to PutParameter as ssm:AddTagsToResource. GetParameter checks a
  // parameter that already exists; GetParametersByPath and ListTagsForResource find and confirm it after a crash.
  iamActions: ['ssm:PutParameter', 'ssm:AddTagsToResource', 'ssm:GetParameter', 'ssm:GetParametersByPath', 'ssm:ListTagsForResource', 'ssm:DeleteParameters'],

  async create(ctx, input, meta) {
    const prefix = checkedPrefix(input.prefix);
    await ensureSecrets(ctx, prefix, meta.stepId);
    return { ...secretsCreated(prefix, meta.stepId), observed: { facts: { secrets: 'complete' } } };
  },

  async configure(ctx, _input, created) {
    // Right after this process's create wrote (or checked) the set there is nothing to do. Resumed or adopted, the
    // parameter may not exist yet (a crash before the put): write it, or check the one that is there.
    if (created.observed?.facts?.secrets === 'complete') return {};
    await ensureSecrets(ctx, checkedPrefix(created.ref.id), created.ref.extra?.stepId ?? 'secrets');
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
