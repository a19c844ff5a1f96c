import { Buffer } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { TAG } from '@geusemaker/kit/resources';
import { sandbox, type InventoryItem, type Sandbox } from './helpers.js';

interface DeployEnvelope {
  status: string;
  result: { name: string; status: string; endpoints: { url: string; publicIp: string }; resources: { step: string; kind: string; id: string; reused: boolean }[]; readiness: { status: string } };
}

function decodeUserData(base64: string): string {
  const raw = Buffer.from(base64, 'base64');
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
}

const typesOf = (items: InventoryItem[]): string[] => items.map((item) => `${item.service}:${item.type}`).sort();

/** Every parameter under the deployment's prefix, decrypted: the one secrets parameter, nothing else. */
async function storedParameters(box: Sandbox): Promise<{ Name?: string; Type?: string; Value?: string }[]> {
  const aws = await box.aws();
  return aws.ssm.getParametersByPath({ Path: `/geusemaker/${box.name}/`, WithDecryption: true, Recursive: true });
}

/** The `ENV_VAR=value` lines of the secrets parameter, read here without kit's parser. */
function secretLines(text: string): Map<string, string> {
  return new Map(text.split('\n').filter((line) => line !== '').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('gm deploy tier1 → destroy, against the emulator', () => {
  let box: Sandbox;
  let deployed: DeployEnvelope;

  beforeAll(async () => {
    box = sandbox();
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json']);
    expect(run.stderr).not.toContain('Error:');
    expect(run.exitCode).toBe(0);
    deployed = JSON.parse(run.stdout) as DeployEnvelope;
  });

  it('reports success with the endpoint and a ready stack', () => {
    expect(deployed.status).toBe('success');
    expect(deployed.result).toMatchObject({ name: box.name, status: 'deployed', readiness: { status: 'ready' } });
    expect(deployed.result.endpoints.url).toBe(`https://${deployed.result.endpoints.publicIp}/`);
  });

  it('the emulator holds exactly the planned resources, all tagged for this deployment', async () => {
    const inventory = await box.inventory(box.name);
    expect(typesOf(inventory)).toEqual(
      [
        'ec2:elastic-ip', 'ec2:instance', 'ec2:internet-gateway', 'ec2:route-table', 'ec2:security-group', 'ec2:security-group',
        'ec2:subnet', 'ec2:subnet', 'ec2:volume', 'ec2:vpc', 'efs:file-system', 'iam:instance-profile', 'iam:role',
        'ssm:parameter',
      ].sort(),
    );
    const ids = new Set(deployed.result.resources.map((resource) => resource.id));
    for (const item of inventory.filter((i) => i.service !== 'ssm' && i.type !== 'volume')) {
      expect(item.tags).toMatchObject({ [TAG.managedBy]: 'geusemaker', [TAG.deployment]: box.name, [TAG.tier]: 'tier1' });
      expect(item.tags[TAG.deploymentId]).toMatch(/^[0-9a-f-]{36}$/);
      expect(item.tags[TAG.step]).toBeTruthy();
      expect(ids.has(item.id) || item.type === 'instance-profile').toBe(true);
    }
  });

  it('instance: IMDSv2 required with hop limit 1, encrypted gp3 root volume, the instance profile', async () => {
    const aws = await box.aws();
    const instanceId = deployed.result.resources.find((r) => r.kind === 'instance')?.id ?? '';
    const [instance] = await aws.ec2Instances.describeInstances({ InstanceIds: [instanceId] });
    expect(instance?.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(instance?.IamInstanceProfile?.Arn).toContain(`gm-${box.name}-instance`);
    const volumes = await aws.ec2Instances.describeVolumes({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] });
    expect(volumes.length).toBeGreaterThan(0);
    for (const volume of volumes) expect(volume).toMatchObject({ Encrypted: true, VolumeType: 'gp3' });
  });

  it('EFS is encrypted; no rule opens anything but 80/443 to the world', async () => {
    const aws = await box.aws();
    const fsId = deployed.result.resources.find((r) => r.kind === 'efs-file-system')?.id;
    const [fs] = await aws.efs.describeFileSystems({ FileSystemId: fsId });
    expect(fs?.Encrypted).toBe(true);
    const groupIds = deployed.result.resources.filter((r) => r.kind === 'security-group').map((r) => r.id);
    const groups = await aws.ec2.describeSecurityGroups({ GroupIds: groupIds });
    const worldOpen = groups.flatMap((g) => (g.IpPermissions ?? []).filter((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0')).map((p) => p.FromPort));
    expect(worldOpen.sort()).toEqual([443, 80].sort());
    const nfs = groups.flatMap((g) => (g.IpPermissions ?? []).filter((p) => p.FromPort === 2049));
    expect(nfs).toHaveLength(1);
    expect(nfs[0]?.IpRanges ?? []).toEqual([]);
    expect(nfs[0]?.UserIdGroupPairs?.map((pair) => pair.GroupId)).toHaveLength(1);
  });

  it('the decoded UserData contains none of the secret values, all in one SecureString /geusemaker/<name>/stack-secrets', async () => {
    const aws = await box.aws();
    const instanceId = deployed.result.resources.find((r) => r.kind === 'instance')?.id ?? '';
    const attribute = await aws.ec2Instances.describeInstanceAttribute({ InstanceId: instanceId, Attribute: 'userData' });
    const userData = decodeUserData(attribute.UserData?.Value ?? '');
    expect(userData).toContain('#!/bin/bash');
    const parameters = await storedParameters(box);
    expect(parameters.map((parameter) => [parameter.Name, parameter.Type])).toEqual([[`/geusemaker/${box.name}/stack-secrets`, 'SecureString']]);
    const secrets = secretLines(parameters[0]?.Value ?? '');
    expect([...secrets.keys()]).toEqual(['POSTGRES_PASSWORD', 'N8N_ENCRYPTION_KEY', 'QDRANT_API_KEY', 'CRAWL4AI_API_TOKEN', 'PROXY_PASSWORD_HASH', 'PROXY_PASSWORD']);
    for (const value of secrets.values()) {
      expect(value.length).toBeGreaterThanOrEqual(16);
      expect(userData).not.toContain(value);
    }
  });

  it('no secret value in local state or the journal', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(box.home, 'deployments', box.name);
    const local = readFileSync(join(dir, 'state.json'), 'utf8') + readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    const secrets = secretLines((await storedParameters(box))[0]?.Value ?? '');
    expect(secrets.size).toBe(6);
    for (const value of secrets.values()) expect(local).not.toContain(value);
  });

  it('list, inspect and info show the deployment', async () => {
    const list = await box.gm(['list', '--json']);
    expect(JSON.parse(list.stdout).result).toEqual([expect.objectContaining({ name: box.name, status: 'deployed', tier: 'tier1' })]);
    const inspect = await box.gm(['inspect', box.name, '--json']);
    const resources = (JSON.parse(inspect.stdout) as { result: { resources: { phase: string }[] } }).result.resources;
    expect(resources).toHaveLength(15);
    expect(resources.every((r) => r.phase === 'ready')).toBe(true);
    const info = await box.gm(['info', box.name, '--json']);
    expect(JSON.parse(info.stdout).result.access.ssmSession).toMatch(/^aws ssm start-session --target i-/);
  });

  it('info --show-secrets reads the six secrets from SSM only when asked', async () => {
    const stored = secretLines((await storedParameters(box))[0]?.Value ?? '');
    const plain = JSON.parse((await box.gm(['info', box.name, '--json'])).stdout) as { result: { secrets?: unknown } };
    expect(plain.result.secrets).toBeUndefined();
    const shown = await box.gm(['info', box.name, '--show-secrets', '--json']);
    expect(shown.exitCode).toBe(0);
    const secrets = (JSON.parse(shown.stdout) as { result: { secrets: Record<string, string> } }).result.secrets;
    expect(Object.keys(secrets).sort()).toEqual(['crawl4ai-api-token', 'n8n-encryption-key', 'postgres-password', 'proxy-password', 'proxy-password-hash', 'qdrant-api-key']);
    for (const [envVar, value] of stored) expect(secrets[envVar.toLowerCase().replaceAll('_', '-')]).toBe(value);
  });

  it('a second deploy with the same name is refused (exit 3) and creates nothing', async () => {
    const again = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json']);
    expect(again.exitCode).toBe(3);
    expect(JSON.parse(again.stdout).error.code).toBe('DEPLOYMENT_EXISTS');
    expect(await box.inventory(box.name)).toHaveLength(14);
  });

  it('destroy without --yes and without a TTY refuses (exit 2) and deletes nothing', async () => {
    const refused = await box.gm(['destroy', box.name]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await box.inventory(box.name)).toHaveLength(14);
  });

  it('destroy --yes exits 0 and leaves nothing tagged with the deployment in EC2, EFS, IAM or SSM', async () => {
    const run = await box.gm(['destroy', box.name, '--yes', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).result.deleted).toHaveLength(15);
    expect(await box.inventory(box.name)).toEqual([]);
    const list = await box.gm(['list', '--json']);
    expect(JSON.parse(list.stdout).result).toEqual([]);
  });
});

describe('reusing a VPC, subnet and security group passed by id', () => {
  it('puts the instance in that subnet and leaves them untouched after destroy', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const vpc = await aws.ec2.createVpc({ CidrBlock: '10.77.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'owner', Value: 'someone-else' }] }] });
    const vpcId = vpc.Vpc?.VpcId ?? '';
    const subnet = await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.77.1.0/24', AvailabilityZone: 'us-east-1a' });
    const subnetId = subnet.Subnet?.SubnetId ?? '';
    // A public subnet: preflight refuses one without a 0.0.0.0/0 route to an internet gateway (reuse.test.ts).
    const igwId = (await aws.ec2.createInternetGateway({})).InternetGateway?.InternetGatewayId ?? '';
    await aws.ec2.attachInternetGateway({ InternetGatewayId: igwId, VpcId: vpcId });
    const tableId = (await aws.ec2.createRouteTable({ VpcId: vpcId })).RouteTable?.RouteTableId ?? '';
    await aws.ec2.createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
    await aws.ec2.associateRouteTable({ RouteTableId: tableId, SubnetId: subnetId });
    const group = await aws.ec2.createSecurityGroup({ VpcId: vpcId, GroupName: `theirs-${box.name}`, Description: 'not gm' });
    const groupId = group.GroupId ?? '';
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--vpc-id', vpcId, '--subnet-id', subnetId, '--security-group-id', groupId, '--yes', '--json', '--no-wait']);
    expect(run.exitCode).toBe(0);
    const result = (JSON.parse(run.stdout) as DeployEnvelope).result;
    expect(result.resources.filter((r) => r.reused).map((r) => r.id).sort()).toEqual([vpcId, subnetId, groupId].sort());
    const instanceId = result.resources.find((r) => r.kind === 'instance')?.id ?? '';
    const [instance] = await aws.ec2Instances.describeInstances({ InstanceIds: [instanceId] });
    expect(instance?.SubnetId).toBe(subnetId);
    // The groups sit on the primary network interface (moto leaves Instance.SecurityGroups empty for an ENI launch).
    expect(instance?.NetworkInterfaces?.[0]?.Groups?.map((g) => g.GroupId)).toContain(groupId);
    const destroyed = await box.gm(['destroy', box.name, '--yes', '--json']);
    expect(destroyed.exitCode).toBe(0);
    expect(await box.inventory(box.name)).toEqual([]);
    const [stillVpc] = await aws.ec2.listVpcs({ VpcIds: [vpcId] });
    expect(stillVpc?.Tags).toEqual([{ Key: 'owner', Value: 'someone-else' }]);
    expect(await aws.ec2.describeSubnets({ SubnetIds: [subnetId] })).toHaveLength(1);
    const [stillGroup] = await aws.ec2.describeSecurityGroups({ GroupIds: [groupId] });
    expect(stillGroup?.Tags ?? []).toEqual([]);
  });

  it('an unknown subnet id exits 3 before anything is created', async () => {
    const box = sandbox();
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--vpc-id', 'vpc-0123456789abcdef0', '--subnet-id', 'subnet-0123456789abcdef0', '--yes', '--json']);
    expect(run.exitCode).toBe(3);
    expect(JSON.parse(run.stdout).error.code).toBe('REUSE_NOT_FOUND');
    expect(await box.inventory(box.name)).toEqual([]);
  });
});

describe('gm deploy tier1 --dry-run', () => {
  it('needs no credentials and makes no AWS call', async () => {
    const box = sandbox();
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--dry-run', '--json'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout).result as { dryRun: boolean; plan: { steps: unknown[]; cost: { hourly: number; source: { kind: string } } } };
    expect(result.dryRun).toBe(true);
    expect(result.plan.steps).toHaveLength(15);
    expect(result.plan.cost.source.kind).toBe('snapshot');
    expect(result.plan.cost.hourly).toBeGreaterThan(0);
    expect(await box.control.calls({ accessKeyId: box.accessKeyId })).toEqual([]);
  });
});

describe('locking', () => {
  it('a deploy while another live gm process holds the deployment exits 7 naming the holder', async () => {
    const box = sandbox();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    const { join } = await import('node:path');
    const dir = join(box.home, 'deployments', box.name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // This Jest worker is alive on this host: exactly what another running gm looks like.
    const holder = { pid: process.pid, host: hostname(), operation: 'destroy', startedAt: new Date().toISOString(), id: 'held-by-test' };
    writeFileSync(join(dir, 'lock.json'), JSON.stringify(holder), { mode: 0o600 });
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json']);
    expect(run.exitCode).toBe(7);
    const envelope = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(envelope.error.code).toBe('STATE_LOCKED');
    expect(envelope.error.message).toContain(String(process.pid));
    expect(envelope.error.message).toContain('destroy');
    expect(await box.inventory(box.name)).toEqual([]);
  });
});

describe('--os ubuntu2404', () => {
  it('launches the newest Ubuntu 24.04 AMI with UserData for Ubuntu', async () => {
    const box = sandbox();
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--os', 'ubuntu2404', '--yes', '--json', '--no-wait']);
    expect(run.exitCode).toBe(0);
    const aws = await box.aws();
    const instanceId = (JSON.parse(run.stdout) as DeployEnvelope).result.resources.find((r) => r.kind === 'instance')?.id ?? '';
    const [instance] = await aws.ec2Instances.describeInstances({ InstanceIds: [instanceId] });
    const [image] = await aws.ec2Instances.describeImages({ ImageIds: [instance?.ImageId ?? ''] });
    expect(image?.OwnerId).toBe('099720109477');
    expect(image?.Name).toMatch(/ubuntu.*24\.04/);
    const attribute = await aws.ec2Instances.describeInstanceAttribute({ InstanceId: instanceId, Attribute: 'userData' });
    expect(decodeUserData(attribute.UserData?.Value ?? '')).toContain('apt-get');
    expect((await box.gm(['destroy', box.name, '--yes'])).exitCode).toBe(0);
    expect(await box.inventory(box.name)).toEqual([]);
  });
});
