import bcrypt from 'bcryptjs';
import type { AwsContext } from '../../src/aws/index.js';
import { awsErrorName, CapacityError, type GmError } from '../../src/errors/index.js';
import { readStackSecrets, type Created, type ResourceContext, type ResourceKind } from '../../src/resources/index.js';
import { parseStackSecrets, secretsParameterName, STACK_SECRETS, ssmPrefixFor } from '../../src/stack/index.js';
import { COMPUTE_KINDS, leastPrivilegePolicy, resolveImage, SSM_AGENT_ACTIONS, runInstancesRequest, type InstanceInput } from '../../src/resources/compute/index.js';
import { callsDuring, control, decodeUserData, emulatorContext, expectedTags, meta, network, rejection, resourceContext, resumed } from './compute-helpers.js';

const KEY = 'AKIDKITCOMPUTE';
const { 'iam-role': roleKind, 'instance-profile': profileKind, 'ssm-secrets': secretsKind } = COMPUTE_KINDS;
const { 'efs-file-system': efsKind, 'efs-mount-target': mountKind, instance: instanceKind } = COMPUTE_KINDS;

let aws: AwsContext;

// The proxy names EFS's REST calls only without a query string; a describe by id is logged as method and path.
const EFS_DESCRIBE_FILE_SYSTEMS = expect.stringMatching(/^(DescribeFileSystems|GET \/2015-02-01\/file-systems)$/);
const EFS_DESCRIBE_MOUNT_TARGETS = expect.stringMatching(/^(DescribeMountTargets|GET \/2015-02-01\/mount-targets)$/);

beforeAll(async () => {
  aws = await emulatorContext(KEY);
});
afterEach(() => control().clearFaults(KEY));
afterAll(() => aws.destroy());

/** delete → verified gone → delete again is harmless → nothing left to adopt. */
async function expectDeletedForGood<I>(kind: ResourceKind<I>, ctx: ResourceContext, created: Created, stepId: string): Promise<void> {
  await kind.delete(ctx, created.ref);
  expect(await kind.exists(ctx, created.ref)).toBe(false);
  await kind.delete(ctx, created.ref);
  expect(await kind.exists(ctx, created.ref)).toBe(false);
  expect(await kind.findByTag(ctx, meta(stepId), {} as I)).toBeUndefined();
}

const roleInput = (ctx: ResourceContext) => ({
  ssmParameterPrefix: ssmPrefixFor(ctx.identity.name),
  efsFileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123abcd',
  region: 'us-east-1',
});

/** The role and its profile, configured, as the instance needs them. */
async function roleAndProfile(ctx: ResourceContext): Promise<{ role: Created; profile: Created }> {
  const role = await roleKind.create(ctx, roleInput(ctx), meta('role'));
  await roleKind.configure?.(ctx, roleInput(ctx), role);
  const profile = await profileKind.create(ctx, { roleName: role.ref.id }, meta('profile'));
  await profileKind.configure?.(ctx, { roleName: role.ref.id }, profile);
  return { role, profile };
}

describe('iam-role', () => {
  test('creates gm-<name>-instance trusted by EC2, tagged, with one least-privilege inline policy and no managed policy', async () => {
    const { ctx } = resourceContext(aws);
    const created = await roleKind.create(ctx, roleInput(ctx), meta('role'));
    expect(created.ref).toEqual({ kind: 'iam-role', id: `gm-${ctx.identity.name}-instance` });
    expect(created.outputs).toEqual({ roleName: created.ref.id, roleArn: `arn:aws:iam::123456789012:role/${created.ref.id}` });

    const { Role } = await aws.iam.getRole({ RoleName: created.ref.id });
    expect(Role?.Tags).toEqual(expect.arrayContaining(expectedTags(ctx, 'role')));
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')) as { Statement: unknown[] };
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

    for (let run = 0; run < 2; run++) expect(await roleKind.configure?.(ctx, roleInput(ctx), created)).toEqual({}); // idempotent
    const attached = await aws.iam.listAttachedRolePolicies({ RoleName: created.ref.id });
    expect(attached).toEqual([]); // no managed policy: AmazonSSMManagedInstanceCore would allow reading every parameter
    expect(await aws.iam.listRolePolicies({ RoleName: created.ref.id })).toEqual([`gm-${ctx.identity.name}-least-privilege`]);
    const inline = await aws.iam.getRolePolicy({ RoleName: created.ref.id, PolicyName: `gm-${ctx.identity.name}-least-privilege` });
    const expected = leastPrivilegePolicy({ partition: 'aws', account: '123456789012', ...roleInput(ctx) });
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual(JSON.parse(expected));

    expect(await roleKind.findByTag(ctx, meta('role'), {} as never)).toEqual(created);
    expect(await roleKind.create(ctx, roleInput(ctx), meta('role'))).toEqual(created); // a crash-retry adopts it
    await expectDeletedForGood(roleKind, ctx, created, 'role');
  });

  test('a role of the same name owned by another deployment is neither found nor adopted', async () => {
    const { ctx } = resourceContext(aws);
    const created = await roleKind.create(ctx, roleInput(ctx), meta('role'));
    const other = resourceContext(aws, { name: ctx.identity.name }).ctx; // same name, another deployment id

    expect(await roleKind.findByTag(other, meta('role'), {} as never)).toBeUndefined();
    const error = await rejection(roleKind.create(other, roleInput(other), meta('role')));
    expect((error as GmError).code).toBe('RESOURCE_NAME_TAKEN');
    await roleKind.delete(ctx, created.ref);
  });

  test('the least-privilege policy: the SSM agent without parameter reads, only this deployment\'s secrets parameter, decrypts only via SSM, mounts only its EFS', () => {
    const policy = JSON.parse(leastPrivilegePolicy({ partition: 'aws', region: 'eu-west-1', account: '111122223333', ssmParameterPrefix: '/geusemaker/demo/', efsFileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1' })) as {
      Statement: { Action: string | string[]; Resource: string | string[]; Condition?: unknown }[];
    };
    expect(policy.Statement.map((s) => [s.Action, s.Resource, s.Condition ?? null])).toEqual([
      [SSM_AGENT_ACTIONS, '*', null],
      ['ssm:GetParameter', 'arn:aws:ssm:eu-west-1:111122223333:parameter/geusemaker/demo/stack-secrets', null],
      ['kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/*', { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } }],
      [['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'], 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1', null],
    ]);
    // The one wildcard statement grants no read of any parameter (AmazonSSMManagedInstanceCore would).
    expect(SSM_AGENT_ACTIONS.filter((action) => /^ssm:GetParameter/.test(action))).toEqual([]);
  });
});

describe('instance-profile', () => {
  test('holds the role, is tagged, is found by name and tag, and deletes cleanly (before or after its role)', async () => {
    const { ctx } = resourceContext(aws);
    const role = await roleKind.create(ctx, roleInput(ctx), meta('role'));
    const input = { roleName: role.ref.id };
    const profile = await profileKind.create(ctx, input, meta('profile'));
    expect(profile.outputs).toEqual({ instanceProfileName: `gm-${ctx.identity.name}-instance`, instanceProfileArn: `arn:aws:iam::123456789012:instance-profile/gm-${ctx.identity.name}-instance` });
    expect(profile.observed).toEqual({ facts: { roles: [] } }); // as CreateInstanceProfile answered

    // Just created, holding no role: the role is added without reading the profile back; again: nothing to do.
    expect(await callsDuring(KEY, async () => profileKind.configure?.(ctx, input, profile))).toEqual(['AddRoleToInstanceProfile']);
    expect(await callsDuring(KEY, async () => profileKind.configure?.(ctx, input, profile))).toEqual([]);
    // Resumed: the profile is read; the role is there already, so nothing is added (idempotent).
    expect(await callsDuring(KEY, async () => expect(await profileKind.configure?.(ctx, input, resumed(profile))).toEqual({}))).toEqual(['GetInstanceProfile']);
    const { InstanceProfile } = await aws.iam.getInstanceProfile({ InstanceProfileName: profile.ref.id });
    expect(InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual([role.ref.id]);
    expect(InstanceProfile?.Tags).toEqual(expect.arrayContaining(expectedTags(ctx, 'profile')));
    expect(await profileKind.findByTag(ctx, meta('profile'), {} as never)).toEqual(resumed(profile));
    // A resumed profile that holds another role is a conflict, never silently changed.
    const other = await rejection((async () => profileKind.configure?.(ctx, { roleName: 'gm-someone-else' }, resumed(profile)))());
    expect((other as GmError).code).toBe('INSTANCE_PROFILE_CONFLICT');

    // The role goes first here: its deletion takes it out of the profile, which then deletes empty.
    await expectDeletedForGood(roleKind, ctx, role, 'role');
    await expectDeletedForGood(profileKind, ctx, profile, 'profile');
  });
});

describe('ssm-secrets', () => {
  async function parametersUnder(prefix: string): Promise<Record<string, string>> {
    const parameters = await aws.ssm.getParametersByPath({ Path: prefix, Recursive: true, WithDecryption: true });
    return Object.fromEntries(parameters.map((p) => [p.Name ?? '', p.Value ?? '']));
  }

  test('writes every secret in ONE tagged SecureString with one call, the hash matching the password, no value in outputs', async () => {
    const { ctx } = resourceContext(aws);
    const prefix = ssmPrefixFor(ctx.identity.name);
    const name = secretsParameterName(prefix);
    let created: Created | undefined;
    expect(await callsDuring(KEY, async () => (created = await secretsKind.create(ctx, { prefix }, meta('secrets'))))).toEqual(['PutParameter']);
    if (created === undefined) throw new Error('create returned nothing');

    expect(created.ref).toEqual({ kind: 'ssm-secrets', id: prefix, extra: { stepId: 'secrets' } });
    expect(created.outputs).toEqual({ parameterPrefix: prefix, parameterName: name });
    const stored = await parametersUnder(prefix);
    expect(Object.keys(stored)).toEqual([name]);
    const [parameter] = await aws.ssm.getParametersByPath({ Path: prefix, Recursive: true });
    expect(parameter?.Type).toBe('SecureString');
    expect(await aws.ssm.listTagsForResource({ ResourceType: 'Parameter', ResourceId: name })).toEqual(expect.arrayContaining(expectedTags(ctx, 'secrets')));

    const text = stored[name] ?? '';
    expect(text.split('\n').map((line) => line.split('=')[0])).toEqual([...STACK_SECRETS.map((secret) => secret.envVar), '']);
    const values = parseStackSecrets(text);
    expect(Object.keys(values)).toEqual(STACK_SECRETS.map((secret) => secret.id));
    expect(values['proxy-password-hash']).toMatch(/^\$2[aby]\$12\$/);
    expect(await bcrypt.compare(values['proxy-password'] ?? '', values['proxy-password-hash'] ?? '')).toBe(true);
    for (const value of Object.values(values)) {
      expect(value).toMatch(/^[A-Za-z0-9_./$-]{32,}$/); // no quote, space, `=` or line break: the format's and UserData's rules
      expect(JSON.stringify(created)).not.toContain(value);
    }
    expect(await readStackSecrets(aws, ctx.identity.name)).toEqual(values);
    expect(await secretsKind.findByTag(ctx, meta('secrets'), {} as never)).toEqual(resumed(created));
    await expectDeletedForGood(secretsKind, ctx, created, 'secrets');
    expect(await readStackSecrets(aws, ctx.identity.name)).toEqual({});
  });

  test('never overwrites: creating twice and configuring keep the first set; resumed after a crash before the put, writes it', async () => {
    const { ctx } = resourceContext(aws);
    const prefix = ssmPrefixFor(ctx.identity.name);
    const created = await secretsKind.create(ctx, { prefix }, meta('secrets'));
    const first = await parametersUnder(prefix);

    // A second create (a lost response, a re-deploy) finds the parameter, checks it and keeps it.
    expect(await callsDuring(KEY, async () => secretsKind.create(ctx, { prefix }, meta('secrets')))).toEqual(['PutParameter', 'GetParameter']);
    // Right after the create that wrote the set, configure calls nothing; resumed, it tries the put once and checks.
    expect(await callsDuring(KEY, async () => expect(await secretsKind.configure?.(ctx, { prefix }, created)).toEqual({}))).toEqual([]);
    expect(await callsDuring(KEY, async () => expect(await secretsKind.configure?.(ctx, { prefix }, resumed(created))).toEqual({}))).toEqual(['PutParameter', 'GetParameter']);
    expect(await parametersUnder(prefix)).toEqual(first);

    await secretsKind.delete(ctx, created.ref); // a crash between the intent and the put: nothing in SSM yet
    await secretsKind.configure?.(ctx, { prefix }, resumed(created));
    const written = parseStackSecrets((await parametersUnder(prefix))[secretsParameterName(prefix)] ?? '');
    expect(Object.keys(written)).toEqual(STACK_SECRETS.map((secret) => secret.id));
    expect(await aws.ssm.listTagsForResource({ ResourceType: 'Parameter', ResourceId: secretsParameterName(prefix) })).toEqual(expect.arrayContaining(expectedTags(ctx, 'secrets')));
    await secretsKind.delete(ctx, created.ref);
    expect(await parametersUnder(prefix)).toEqual({});
  });

  test('refuses, and keeps, an existing parameter that lacks a secret', async () => {
    const { ctx } = resourceContext(aws);
    const prefix = ssmPrefixFor(ctx.identity.name);
    const name = secretsParameterName(prefix);
    await aws.ssm.putParameter({ Name: name, Value: 'POSTGRES_PASSWORD=kept-by-hand\n', Type: 'SecureString' });
    const error = await rejection(secretsKind.create(ctx, { prefix }, meta('secrets')));
    expect((error as GmError).code).toBe('SSM_SECRETS_INCOMPLETE');
    expect((error as GmError).message).toContain('N8N_ENCRYPTION_KEY');
    expect(await parametersUnder(prefix)).toEqual({ [name]: 'POSTGRES_PASSWORD=kept-by-hand\n' });
    await secretsKind.delete(ctx, { kind: 'ssm-secrets', id: prefix });
  });
});

describe('efs-file-system and efs-mount-target', () => {
  test('an encrypted, tagged file system; its mount target; teardown order enforced by FileSystemInUse', async () => {
    const { ctx } = resourceContext(aws);
    const fsMeta = meta('efs');
    const fileSystem = await efsKind.create(ctx, { encrypted: true }, fsMeta);
    expect(fileSystem.observed).toEqual({ state: 'available' }); // moto's answer; AWS answers `creating`
    expect(await efsKind.create(ctx, { encrypted: true }, fsMeta)).toEqual(resumed(fileSystem)); // same CreationToken: adopted
    // CreateFileSystem said `available`: nothing to poll. Resumed, or `creating` as on AWS: one describe.
    expect(await callsDuring(KEY, async () => expect(await efsKind.waitReady?.(ctx, fileSystem)).toEqual({}))).toEqual([]);
    expect(await callsDuring(KEY, async () => expect(await efsKind.waitReady?.(ctx, resumed(fileSystem))).toEqual({}))).toEqual([EFS_DESCRIBE_FILE_SYSTEMS]);
    expect(await callsDuring(KEY, async () => efsKind.waitReady?.(ctx, { ...fileSystem, observed: { state: 'creating' } }))).toEqual([EFS_DESCRIBE_FILE_SYSTEMS]);
    const [described] = await aws.efs.describeFileSystems({ FileSystemId: fileSystem.ref.id });
    expect([described?.Encrypted, described?.ThroughputMode, described?.PerformanceMode]).toEqual([true, 'elastic', 'generalPurpose']);
    expect(described?.Tags).toEqual(expect.arrayContaining(expectedTags(ctx, 'efs')));
    expect(fileSystem.outputs).toEqual({ fileSystemId: fileSystem.ref.id, fileSystemArn: described?.FileSystemArn });
    expect(await efsKind.findByTag(ctx, meta('efs'), {} as never)).toEqual(resumed(fileSystem)); // by tags (unknown token)

    const net = await network(aws, 71);
    const mountInput = { fileSystemId: fileSystem.ref.id, subnetId: net.subnetA, securityGroupId: net.securityGroupId };
    const mount = await mountKind.create(ctx, mountInput, meta('mount'));
    expect(mount.ref).toEqual({ kind: 'efs-mount-target', id: expect.stringMatching(/^fsmt-/), extra: { fileSystemId: fileSystem.ref.id } });
    expect(mount.observed).toEqual({ state: 'available', facts: { ipAddress: expect.stringMatching(/^10\.71\.1\./) } });
    expect(await mountKind.create(ctx, mountInput, meta('mount'))).toEqual(resumed(mount)); // MountTargetConflict: adopted
    // CreateMountTarget said `available` with its IP: nothing to poll. Resumed: one describe, the same IP.
    const ready = { ipAddress: mount.observed?.facts?.ipAddress };
    expect(await callsDuring(KEY, async () => expect(await mountKind.waitReady?.(ctx, mount)).toEqual(ready))).toEqual([]);
    expect(await callsDuring(KEY, async () => expect(await mountKind.waitReady?.(ctx, resumed(mount))).toEqual(ready))).toEqual([EFS_DESCRIBE_MOUNT_TARGETS]);
    expect(await mountKind.findByTag(ctx, meta('mount'), {} as never)).toEqual(resumed(mount)); // via the file system's tags
    expect(await mountKind.findByTag(ctx, meta('mount'), { ...mountInput, subnetId: net.subnetB })).toBeUndefined();

    const inUse = await rejection(efsKind.delete(ctx, fileSystem.ref));
    expect(awsErrorName(inUse)).toBe('FileSystemInUse');
    await expectDeletedForGood(mountKind, ctx, mount, 'mount');
    await expectDeletedForGood(efsKind, ctx, fileSystem, 'efs');
  });
});

describe('instance', () => {
  interface Fixture {
    ctx: ResourceContext;
    warnings: string[];
    input: InstanceInput;
    cleanup: () => Promise<void>;
  }

  /** Network, EIP, role + profile, secrets and EFS: everything an instance step depends on. */
  async function fixture(second: number): Promise<Fixture> {
    const { ctx, warnings } = resourceContext(aws);
    const net = await network(aws, second);
    const { AllocationId, PublicIp } = await aws.ec2.allocateAddress({ Domain: 'vpc' });
    const { role, profile } = await roleAndProfile(ctx);
    const secrets = await secretsKind.create(ctx, { prefix: ssmPrefixFor(ctx.identity.name) }, meta('secrets'));
    const efs = await efsKind.create(ctx, { encrypted: true }, meta('efs'));
    const placement = (zone: 'a' | 'b', market: 'spot' | 'on-demand') => ({
      availabilityZone: `us-east-1${zone}`, instanceType: 't3.medium', market, subnetId: zone === 'a' ? net.subnetA : net.subnetB,
    });
    const input: InstanceInput = {
      placements: [placement('a', 'spot'), placement('b', 'spot'), placement('b', 'on-demand')],
      securityGroupIds: [net.securityGroupId],
      instanceProfileArn: String(profile.outputs.instanceProfileArn),
      allocationId: AllocationId ?? '',
      publicIp: PublicIp ?? '',
      os: 'al2023',
      architecture: 'x86_64',
      rootVolumeGiB: 40,
      stack: { name: ctx.identity.name, tier: 'tier1', region: 'us-east-1', efsFileSystemId: efs.ref.id, models: ['llama3.2:1b'] },
    };
    const cleanup = async () => {
      for (const [kind, created] of [[secretsKind, secrets], [efsKind, efs], [roleKind, role], [profileKind, profile]] as const) {
        await (kind as ResourceKind<unknown>).delete(ctx, created.ref);
      }
    };
    return { ctx, warnings, input, cleanup };
  }

  const liveInstances = (ctx: ResourceContext) =>
    aws.ec2Instances.describeInstances({
      Filters: [{ Name: 'tag:gm:deployment-id', Values: [ctx.identity.deploymentId] }, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
    });

  test('launches hardened (IMDSv2, hop 1, encrypted gp3, profile, tags, secret-free UserData) and gets its EIP', async () => {
    const { ctx, warnings, input, cleanup } = await fixture(72);
    const created = await instanceKind.create(ctx, input, meta('instance'));
    expect(created.outputs).toEqual({ instanceId: created.ref.id, instanceType: 't3.medium', availabilityZone: 'us-east-1a', market: 'spot' });
    expect(created.ref.extra).toEqual({ market: 'spot' });
    expect(warnings).toEqual([]);

    const [instance] = await aws.ec2Instances.describeInstances({ InstanceIds: [created.ref.id] });
    expect(instance?.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' });
    expect(instance?.IamInstanceProfile?.Arn).toBe(input.instanceProfileArn);
    expect(instance?.ImageId).toBe('ami-0d27e0fb3bac4d724'); // moto's al2023 x86_64 public parameter
    expect(instance?.Tags).toEqual(expect.arrayContaining(expectedTags(ctx, 'instance')));
    const [volume, ...more] = await aws.ec2Instances.describeVolumes({ Filters: [{ Name: 'attachment.instance-id', Values: [created.ref.id] }] });
    expect(more).toEqual([]);
    expect([volume?.Encrypted, volume?.VolumeType, volume?.Size, volume?.Attachments?.[0]?.Device]).toEqual([true, 'gp3', 40, '/dev/xvda']);
    expect(volume?.Tags).toEqual(expect.arrayContaining(expectedTags(ctx, 'instance')));

    const { UserData } = await aws.ec2Instances.describeInstanceAttribute({ InstanceId: created.ref.id, Attribute: 'userData' });
    const script = decodeUserData(UserData?.Value ?? '');
    expect(script).toContain(`GM_SECRETS='/geusemaker/${ctx.identity.name}/stack-secrets'`);
    const secrets = Object.values(await readStackSecrets(aws, ctx.identity.name));
    expect(secrets).toHaveLength(STACK_SECRETS.length);
    for (const secret of secrets) expect(script).not.toContain(secret);

    const [address] = await aws.ec2Instances.describeElasticIps({ AllocationIds: [input.allocationId] });
    const publicIp = { publicIp: address?.PublicIp };
    // Just launched: polled until running (unless RunInstances answered `running`), then the address is associated
    // without reading it first (this instance cannot hold it yet); waitReady does not poll what configure saw.
    const launchedRunning = created.observed?.state === 'running';
    const launched = await callsDuring(KEY, async () => {
      expect(await instanceKind.configure?.(ctx, input, created)).toEqual(publicIp);
      expect(await instanceKind.waitReady?.(ctx, created)).toEqual({});
    });
    expect(launched).toEqual([...(launchedRunning ? [] : ['DescribeInstances']), 'AssociateAddress']);
    expect((await aws.ec2Instances.describeElasticIps({ AllocationIds: [input.allocationId] }))[0]?.InstanceId).toBe(created.ref.id);
    // AWS answers a repeated association with Resource.AlreadyAssociated (moto re-associates): replay AWS. The address
    // is then read and found on this instance: done.
    await control().injectFault({ service: 'ec2', operation: 'AssociateAddress', errorCode: 'Resource.AlreadyAssociated', count: 1, accessKeyId: KEY });
    expect(await callsDuring(KEY, async () => expect(await instanceKind.configure?.(ctx, input, created)).toEqual(publicIp))).toEqual(['AssociateAddress', 'DescribeAddresses']);
    // Resumed: the full checks — the state, then the address, already on this instance, so no association call.
    expect(await callsDuring(KEY, async () => expect(await instanceKind.configure?.(ctx, input, resumed(created))).toEqual(publicIp))).toEqual(['DescribeInstances', 'DescribeAddresses']);
    expect(await callsDuring(KEY, async () => expect(await instanceKind.waitReady?.(ctx, resumed(created))).toEqual({}))).toEqual(['DescribeInstances']);

    // Another instance just launched never takes the address from the first one: AWS refuses, gm says why.
    const second = await instanceKind.create(ctx, input, meta('instance-2'));
    const inUse = await rejection((async () => instanceKind.configure?.(ctx, input, second))());
    expect((inUse as GmError).code).toBe('ELASTIC_IP_IN_USE');
    expect((await aws.ec2Instances.describeElasticIps({ AllocationIds: [input.allocationId] }))[0]?.InstanceId).toBe(created.ref.id);
    await instanceKind.delete(ctx, second.ref);
    expect((await instanceKind.findByTag(ctx, meta('instance'), {} as never))?.ref.id).toBe(created.ref.id);

    await expectDeletedForGood(instanceKind, ctx, created, 'instance');
    await cleanup();
  });

  test('InsufficientInstanceCapacity in the first AZ: one un-retried 500, a warning, launched in the second AZ', async () => {
    const { ctx, warnings, input, cleanup } = await fixture(73);
    const before = (await control().calls({ accessKeyId: KEY, operation: 'RunInstances' })).length;
    await control().injectFault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InsufficientInstanceCapacity', count: 1, accessKeyId: KEY });

    const created = await instanceKind.create(ctx, input, meta('instance'));

    expect(created.outputs).toMatchObject({ availabilityZone: 'us-east-1b', market: 'spot' });
    const calls = (await control().calls({ accessKeyId: KEY, operation: 'RunInstances' })).slice(before);
    expect(calls.map((c) => [c.status, c.errorCode ?? null])).toEqual([[500, 'InsufficientInstanceCapacity'], [200, null]]);
    expect(warnings).toEqual([expect.stringMatching(/t3\.medium spot in us-east-1a \(InsufficientInstanceCapacity\); trying t3\.medium spot in us-east-1b/)]);
    await instanceKind.delete(ctx, created.ref);
    await cleanup();
  });

  test('every placement out of capacity: CapacityError (exit 5) naming each try, and no instance left', async () => {
    const { ctx, input, cleanup } = await fixture(74);
    await control().injectFault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InsufficientInstanceCapacity', accessKeyId: KEY });

    const error = await rejection(instanceKind.create(ctx, input, meta('instance')));

    expect(error).toBeInstanceOf(CapacityError);
    expect([(error as GmError).exitCode, (error as GmError).code]).toEqual([5, 'NO_CAPACITY']);
    expect((error as GmError).details?.tried).toEqual([
      't3.medium spot in us-east-1a: InsufficientInstanceCapacity',
      't3.medium spot in us-east-1b: InsufficientInstanceCapacity',
      't3.medium on-demand in us-east-1b: InsufficientInstanceCapacity',
    ]);
    expect(await liveInstances(ctx)).toEqual([]);
    await cleanup();
  });

  test('a fresh profile\'s "Invalid IAM Instance Profile" is retried; other invalid parameters are not', async () => {
    const { ctx, input, cleanup } = await fixture(75);
    const message = `Value (${input.instanceProfileArn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`;
    await control().injectFault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InvalidParameterValue', message, count: 2, accessKeyId: KEY });
    const created = await instanceKind.create(ctx, input, meta('instance'));
    expect(created.outputs.availabilityZone).toBe('us-east-1a');
    await instanceKind.delete(ctx, created.ref);

    await control().injectFault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InvalidParameterValue', message: 'Invalid value for rootVolume', count: 1, accessKeyId: KEY });
    expect(awsErrorName(await rejection(instanceKind.create(ctx, input, meta('instance'))))).toBe('InvalidParameterValue');
    expect(await liveInstances(ctx)).toEqual([]);
    await cleanup();
  });

  test('delete cancels the persistent spot request before terminating, and terminates nothing if it cannot', async () => {
    const { ctx, input, cleanup } = await fixture(76);
    const created = await instanceKind.create(ctx, input, meta('instance'));
    // moto launches spot instances without a request id: give the ref the one AWS would have returned.
    const ref = { ...created.ref, extra: { market: 'spot', spotInstanceRequestId: 'sir-0123456789abcdef0' } };

    await control().injectFault({ service: 'ec2', operation: 'CancelSpotInstanceRequests', errorCode: 'UnauthorizedOperation', count: 1, accessKeyId: KEY });
    expect(awsErrorName(await rejection(instanceKind.delete(ctx, ref)))).toBe('UnauthorizedOperation');
    expect(await instanceKind.exists(ctx, ref)).toBe(true);

    // AWS answers NotFound for a request that is already gone (moto cannot cancel one it never made).
    await control().injectFault({ service: 'ec2', operation: 'CancelSpotInstanceRequests', errorCode: 'InvalidSpotInstanceRequestID.NotFound', count: 1, accessKeyId: KEY });
    const before = (await control().calls({ accessKeyId: KEY })).at(-1)?.seq ?? 0;
    await instanceKind.delete(ctx, ref);
    const order = (await control().calls({ accessKeyId: KEY }))
      .filter((c) => c.seq > before && ['CancelSpotInstanceRequests', 'TerminateInstances'].includes(c.operation))
      .map((c) => c.operation);
    expect(order).toEqual(['CancelSpotInstanceRequests', 'TerminateInstances']);
    expect(await instanceKind.exists(ctx, ref)).toBe(false);
    await cleanup();
  });
});

describe('instance AMI and request', () => {
  test('resolves the newest AMI per OS and architecture from the emulator\'s fixtures, or says none exists', async () => {
    const { ctx } = resourceContext(aws);
    const pick = async (os: 'al2023' | 'ubuntu2404' | 'dlami', architecture: 'x86_64' | 'arm64') => {
      const image = await resolveImage(ctx, os, architecture);
      return [image.imageId, image.rootDeviceName];
    };
    // Amazon Linux: the public SSM parameter alone (its root device is always /dev/xvda), no DescribeImages.
    expect(await callsDuring(KEY, async () => expect(await pick('al2023', 'arm64')).toEqual(['ami-065b1b834d2a83a7a', '/dev/xvda']))).toEqual(['GetParameter']);
    expect(await pick('ubuntu2404', 'x86_64')).toEqual(['ami-0e2c8caa4b6378d8c', '/dev/sda1']); // 20250610, not 20250305
    expect(await pick('ubuntu2404', 'arm64')).toEqual(['ami-0a7a4e87939439934', '/dev/sda1']);
    expect((await pick('dlami', 'x86_64'))[0]).toBe('ami-0f4d9e2c7b6a1e5f3'); // the AL2023 one, not the Ubuntu ones
    const missing = await rejection(resolveImage(ctx, 'dlami', 'arm64'));
    expect([(missing as GmError).code, (missing as GmError).exitCode]).toEqual(['AMI_NOT_FOUND', 3]);
  });

  test('an on-demand placement has no market options and no spot-request tags; the ClientToken is per placement', () => {
    const { ctx } = resourceContext(aws);
    const placement = { availabilityZone: 'us-east-1c', instanceType: 'm7i.large', market: 'on-demand' as const, subnetId: 'subnet-1' };
    const plan = {
      input: { placements: [placement], securityGroupIds: ['sg-1'], instanceProfileArn: 'arn:p', allocationId: 'eipalloc-1', os: 'al2023' as const, architecture: 'x86_64' as const, rootVolumeGiB: 30, keyName: 'k', stack: { name: 'x', tier: 'tier1' as const, region: 'us-east-1', efsFileSystemId: 'fs-12345678' } },
      meta: { stepId: 'instance', token: 'tok' },
      image: { imageId: 'ami-1', rootDeviceName: '/dev/xvda', name: 'al2023' },
      userDataBase64: 'IyE=',
    };
    const request = runInstancesRequest(ctx, plan, placement, 2);
    expect(request.InstanceMarketOptions).toBeUndefined();
    expect(request.TagSpecifications?.map((spec) => spec.ResourceType)).toEqual(['instance', 'volume']);
    expect([request.ClientToken, request.KeyName, request.InstanceType]).toEqual(['tok-2', 'k', 'm7i.large']);
    // A public address for the boot is asked for on the interface (gm never flips the subnet's auto-assign).
    expect(request.NetworkInterfaces).toEqual([{ DeviceIndex: 0, SubnetId: 'subnet-1', Groups: plan.input.securityGroupIds, AssociatePublicIpAddress: true, DeleteOnTermination: true }]);
    expect(request.SubnetId).toBeUndefined();
    const spot = runInstancesRequest(ctx, plan, { ...placement, market: 'spot' }, 0);
    expect(spot.InstanceMarketOptions).toEqual({ MarketType: 'spot', SpotOptions: { SpotInstanceType: 'persistent', InstanceInterruptionBehavior: 'stop' } });
    expect(spot.TagSpecifications?.map((s) => s.ResourceType)).toEqual(['instance', 'volume', 'spot-instances-request']);
  });
});
